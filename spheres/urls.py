"""Sphere pages, under initiatives/<slug>/sphere/ and spheres/ (each slice lists its own)."""

from .views import commitments, home, membership, parent

app_name = "spheres"

urlpatterns = [
    *membership.urlpatterns,
    *home.urlpatterns,
    *parent.urlpatterns,
    *commitments.urlpatterns,
]
