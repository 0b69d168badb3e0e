"""Pages: answers."""

urlpatterns: list = []
