from . import meetings  # noqa: F401
