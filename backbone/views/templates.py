"""Pages: assessment templates."""

urlpatterns: list = []
