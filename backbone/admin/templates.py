"""Admin: assessment templates."""
