"""Sphere pages, under initiatives/<slug>/sphere/ and spheres/ (each slice lists its own)."""

app_name = "spheres"

urlpatterns = []
