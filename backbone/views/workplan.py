"""Pages: workplan."""

urlpatterns: list = []
