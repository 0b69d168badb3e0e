from . import meetings, minutes, updates  # noqa: F401
