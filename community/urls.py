"""Learning community pages, under community/ (each slice's views module lists its own)."""

from .field import urls as field_urls
from .views import cohorts, home, profiles, resources

app_name = "community"

urlpatterns = [
    *home.urlpatterns,
    *profiles.urlpatterns,
    *cohorts.urlpatterns,
    *resources.urlpatterns,
    *field_urls.urlpatterns,
]
