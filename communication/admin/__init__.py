from . import meetings, updates  # noqa: F401
