from django.urls import path  # noqa: F401

app_name = "communication"

base = "initiatives/<slug:slug>/"

urlpatterns = []
