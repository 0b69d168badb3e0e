"""Learning community pages, under community/ (each slice lists its own)."""

from .field import urls as field_urls

app_name = "community"

urlpatterns = [
    *field_urls.urlpatterns,
]
