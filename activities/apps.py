from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "activities"
    verbose_name = _("Mutually reinforcing activities")

    def ready(self) -> None:
        from measurement.signals import curve_work_wanted

        from .signals import curve_work_answer

        curve_work_wanted.connect(curve_work_answer, dispatch_uid="activities.curve_work")
