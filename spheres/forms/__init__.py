"""The forms of spheres, one module per slice."""
