"""Learning community pages, under community/ (each slice's views module lists its own)."""

from .views import cohorts, home, profiles, resources

app_name = "community"

urlpatterns = [
    *home.urlpatterns,
    *profiles.urlpatterns,
    *cohorts.urlpatterns,
    *resources.urlpatterns,
]
