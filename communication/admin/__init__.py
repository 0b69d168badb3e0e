from . import minutes  # noqa: F401
