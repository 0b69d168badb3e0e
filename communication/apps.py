from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunicationConfig(AppConfig):
    name = "communication"
    verbose_name = _("Continuous communication")

    def ready(self) -> None:
        from agenda.signals import version_adopted
        from measurement.signals import period_locked

        from .signals import agenda_adopted_record, figures_approved_record

        version_adopted.connect(agenda_adopted_record, dispatch_uid="communication.agenda")
        period_locked.connect(figures_approved_record, dispatch_uid="communication.figures")
        from initiatives.signals import home_panels_wanted

        from .signals import home_panels_answer

        home_panels_wanted.connect(home_panels_answer, dispatch_uid="communication.home_panels")
