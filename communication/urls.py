from django.urls import path

from .views import feed

app_name = "communication"

base = "initiatives/<slug:slug>/"

urlpatterns = [
    path(base + "news/", feed.news, name="news"),
    path(base + "news/updates/", feed.update_list, name="update_list"),
    path(base + "news/updates/new/", feed.update_create, name="update_create"),
    path(base + "news/updates/<int:pk>/", feed.update_detail, name="update_detail"),
    path(base + "news/updates/<int:pk>/edit/", feed.update_edit, name="update_edit"),
    path(base + "news/updates/<int:pk>/delete/", feed.update_delete, name="update_delete"),
    path(base + "news/attachments/<int:pk>/", feed.attachment_download, name="attachment"),
]
