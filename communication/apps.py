from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunicationConfig(AppConfig):
    name = "communication"
    verbose_name = _("Continuous communication")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from agenda.signals import version_adopted
        from initiatives.signals import home_panels_wanted
        from measurement.signals import period_locked

        from .signals import (
            agenda_adopted_record,
            figures_approved_record,
            home_panels_answer,
            language_from_sign_in,
        )

        version_adopted.connect(agenda_adopted_record, dispatch_uid="communication.agenda")
        period_locked.connect(figures_approved_record, dispatch_uid="communication.figures")
        home_panels_wanted.connect(home_panels_answer, dispatch_uid="communication.home_panels")
        user_logged_in.connect(language_from_sign_in, dispatch_uid="communication.language")

        from initiatives.signals import map_edges_wanted

        from .map_edges import map_edges_answer

        map_edges_wanted.connect(map_edges_answer, dispatch_uid="communication.map_edges")
