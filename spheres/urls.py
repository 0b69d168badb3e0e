"""Sphere pages, under initiatives/<slug>/sphere/ and spheres/ (each slice lists its own)."""

from .views import home, membership, parent

app_name = "spheres"

urlpatterns = [*membership.urlpatterns, *home.urlpatterns, *parent.urlpatterns]
