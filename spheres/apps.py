from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpheresConfig(AppConfig):
    name = "spheres"
    verbose_name = _("Impact spheres")

    def ready(self) -> None:
        from initiatives.signals import map_edges_wanted

        from . import signals
        from .map_edges import map_edges_answer

        signals.connect()
        map_edges_wanted.connect(map_edges_answer, dispatch_uid="spheres.map_edges")
