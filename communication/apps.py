from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunicationConfig(AppConfig):
    name = "communication"
    verbose_name = _("Continuous communication")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .receivers import language_from_sign_in

        user_logged_in.connect(language_from_sign_in, dispatch_uid="communication_language")
