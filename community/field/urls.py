"""The field view's pages, under community/ (community/urls.py adds these to its own)."""

from django.urls import path

from . import views

urlpatterns = [
    path("community/field/", views.field_page, name="field"),
    path("community/field.csv", views.field_csv, name="field_csv"),
    path("community/field.xlsx", views.field_xlsx, name="field_xlsx"),
]
