from django.urls import path, register_converter

from . import dashboard_views, export_views, home_views, views


class ExportFormat:
    regex = "csv|xlsx"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ExportFormat, "export_format")

app_name = "measurement"

base = "initiatives/<slug:slug>/measurement/"

urlpatterns = [
    path(base, views.indicator_list, name="indicator_list"),
    path(base + "dashboard/", dashboard_views.dashboard_page, name="dashboard"),
    path(base + "indicators/new/", views.indicator_edit, name="indicator_create"),
    path(base + "indicators/<int:pk>/", views.indicator_detail, name="indicator_detail"),
    path(base + "indicators/<int:pk>/edit/", views.indicator_edit, name="indicator_edit"),
    path(base + "indicators/<int:pk>/targets/", views.targets_save, name="targets_save"),
    path(base + "breakdowns/new/", views.dimension_create, name="dimension_create"),
    path(base + "periods/", views.period_list, name="period_list"),
    path(base + "periods/settings/", views.settings_save, name="settings_save"),
    path(base + "periods/<int:pk>/state/", views.period_state, name="period_state"),
    path(base + "periods/<int:pk>/exception/", views.late_exception, name="late_exception"),
    path(base + "report/", views.report, name="report"),
    path(
        base + "report/<int:indicator_pk>/<int:period_pk>/",
        views.report_save,
        name="report_save",
    ),
    path(base + "review/", views.review_queue, name="review_queue"),
    path(base + "review/approve/", views.approve_bulk, name="approve_bulk"),
    path(base + "submissions/<int:pk>/", views.submission_detail, name="submission_detail"),
    path(
        base + "submissions/<int:pk>/approve/", views.submission_approve, name="submission_approve"
    ),
    path(base + "submissions/<int:pk>/return/", views.submission_return, name="submission_return"),
    path(base + "submissions/<int:pk>/reopen/", views.submission_reopen, name="submission_reopen"),
    path(
        base + "submissions/<int:pk>/evidence/",
        views.submission_evidence,
        name="submission_evidence",
    ),
    path(base + "completeness/", views.completeness, name="completeness"),
    path(base + "import/", views.import_upload, name="import_upload"),
    path(base + "import/template/", views.import_template, name="import_template"),
    path(base + "import/<int:pk>/", views.import_job, name="import_job"),
    path(base + "my-organization/", home_views.partner_home, name="partner_home"),
    path("portfolio/", home_views.portfolio, name="portfolio"),
    path(
        base + "exports/values.<export_format:fmt>",
        export_views.submissions_export,
        name="submissions_export",
    ),
    path(
        base + "exports/rollups.<export_format:fmt>",
        export_views.rollups_export,
        name="rollups_export",
    ),
    path(base + "report/<int:pk>/print/", export_views.period_report, name="period_report"),
]
