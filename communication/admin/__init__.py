from . import mail  # noqa: F401
