from . import updates  # noqa: F401
