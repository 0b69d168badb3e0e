"""Sphere pages, under initiatives/<slug>/sphere/ and spheres/ (each slice lists its own)."""

from .views import commitments

app_name = "spheres"

urlpatterns = [
    *commitments.urlpatterns,
]
