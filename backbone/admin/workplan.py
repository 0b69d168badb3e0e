"""Admin: workplan."""
