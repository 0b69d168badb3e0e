from . import mail, meetings, minutes, updates  # noqa: F401
