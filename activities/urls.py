from django.urls import path

from .views import pages, transfer

app_name = "activities"

base = "initiatives/<slug:slug>/activities/"

urlpatterns = [
    path(base, pages.activity_list, name="list"),
    path(base + "matrix/", pages.matrix, name="matrix"),
    path(base + "new/", pages.activity_create, name="create"),
    path(base + "<int:pk>/", pages.activity_detail, name="detail"),
    path(base + "<int:pk>/edit/", pages.activity_edit, name="edit"),
    path(base + "<int:pk>/delete/", pages.activity_delete, name="delete"),
    path(base + "export/", transfer.export, name="export"),
    path(base + "import/", transfer.import_page, name="import"),
    path(base + "import/template/", transfer.import_template, name="import_template"),
]
