"""Admin: phases."""
