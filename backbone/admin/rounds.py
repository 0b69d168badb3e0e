"""Admin: rounds."""
