"""What backbone answers to the apps below it (it reads every condition; none reads it)."""


def connect() -> None:
    """Receivers are connected by the slices that add them (health panels, phase history)."""
