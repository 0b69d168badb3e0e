from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeasurementConfig(AppConfig):
    name = "measurement"
    verbose_name = _("Shared measurement")

    def ready(self) -> None:
        from initiatives.signals import initiative_parent_changed, participation_ended

        from .services import on_participation_ended
        from .services.indicators import on_initiative_parent_changed

        participation_ended.connect(on_participation_ended, dispatch_uid="measurement.assignments")
        initiative_parent_changed.connect(
            on_initiative_parent_changed, dispatch_uid="measurement.contributions"
        )
