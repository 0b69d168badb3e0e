"""Pages: results."""

urlpatterns: list = []
