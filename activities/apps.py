from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "activities"
    verbose_name = _("Mutually reinforcing activities")

    def ready(self) -> None:
        from initiatives.signals import map_edges_wanted, map_scopes_wanted
        from measurement.signals import curve_work_wanted

        from . import map_edges
        from .signals import curve_work_answer

        curve_work_wanted.connect(curve_work_answer, dispatch_uid="activities.curve_work")
        map_edges_wanted.connect(map_edges.map_edges_answer, dispatch_uid="activities.map_edges")
        map_scopes_wanted.connect(map_edges.map_scopes_answer, dispatch_uid="activities.map_scopes")
