"""The selectors of spheres, one module per slice."""
