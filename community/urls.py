"""Learning community pages, under community/ (each slice lists its own)."""

app_name = "community"

urlpatterns = []
