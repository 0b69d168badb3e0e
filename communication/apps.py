from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunicationConfig(AppConfig):
    name = "communication"
    verbose_name = _("Continuous communication")

    def ready(self) -> None:
        from initiatives.signals import home_panels_wanted

        from .signals import home_panels_answer

        home_panels_wanted.connect(home_panels_answer, dispatch_uid="communication.home_panels")
