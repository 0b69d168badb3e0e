"""Sphere endpoints, a module per slice; each has `register(router)` and `paths`."""
