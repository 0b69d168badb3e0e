from django.urls import path

from . import views
from .stakeholder_map import urls as stakeholder_map

app_name = "initiatives"

urlpatterns = [
    path("initiatives/", views.my_initiatives, name="my_initiatives"),
    path("initiatives/<slug:slug>/", views.initiative_detail, name="detail"),
    path(
        "initiatives/<slug:slug>/participants/add/",
        views.participation_add,
        name="participation_add",
    ),
    path(
        "initiatives/<slug:slug>/participants/<int:pk>/end/",
        views.participation_end,
        name="participation_end",
    ),
    path("initiatives/<slug:slug>/parent/", views.initiative_set_parent, name="set_parent"),
    path(
        "initiatives/<slug:slug>/invitations/new/",
        views.invitation_create,
        name="invitation_create",
    ),
    path(
        "initiatives/<slug:slug>/invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("organizations/", views.organization_list, name="organization_list"),
    path("organizations/new/", views.organization_create, name="organization_create"),
    path("organizations/<int:pk>/", views.organization_detail, name="organization_detail"),
    *stakeholder_map.urlpatterns,
]
