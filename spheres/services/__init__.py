"""The services of spheres, one module per slice."""
