"""The API of spheres: one module per slice, each with `register(router)` and `paths`."""
