from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpheresConfig(AppConfig):
    name = "spheres"
    verbose_name = _("Impact spheres")

    def ready(self) -> None:
        from . import signals

        signals.connect()
