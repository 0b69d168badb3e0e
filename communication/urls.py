from django.urls import path

from .views import mail

app_name = "communication"

base = "initiatives/<slug:slug>/"

urlpatterns = [
    path("account/email/", mail.email_preferences, name="email_preferences"),
    path("email/unsubscribe/<str:token>/", mail.unsubscribe, name="unsubscribe"),
    path(base + "communication/settings/", mail.communication_settings, name="settings"),
]
