"""Pages: phases."""

urlpatterns: list = []
