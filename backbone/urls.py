"""Backbone pages, under initiatives/<slug>/backbone/ (each slice's views module lists its own)."""

from .views import (
    answers,
    function_indicators,
    health,
    phases,
    results,
    rounds,
    templates,
    workplan,
)

app_name = "backbone"

urlpatterns = [
    *health.urlpatterns,
    *workplan.urlpatterns,
    *function_indicators.urlpatterns,
    *templates.urlpatterns,
    *rounds.urlpatterns,
    *answers.urlpatterns,
    *results.urlpatterns,
    *phases.urlpatterns,
]
