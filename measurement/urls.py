from django.urls import path, register_converter

from .views import dashboard, exports, homes, imports, indicators, periods, reporting, review


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
    path(base, indicators.indicator_list, name="indicator_list"),
    path(base + "dashboard/", dashboard.dashboard_page, name="dashboard"),
    path(base + "indicators/new/", indicators.indicator_edit, name="indicator_create"),
    path(base + "indicators/years/", indicators.indicators_by_year, name="indicators_by_year"),
    path(base + "indicators/<int:pk>/", indicators.indicator_detail, name="indicator_detail"),
    path(base + "indicators/<int:pk>/years/", indicators.indicator_years, name="indicator_years"),
    path(base + "indicators/<int:pk>/edit/", indicators.indicator_edit, name="indicator_edit"),
    path(base + "indicators/<int:pk>/targets/", indicators.targets_save, name="targets_save"),
    path(
        base + "indicators/<int:pk>/year-targets/",
        indicators.year_targets_save,
        name="year_targets_save",
    ),
    path(base + "breakdowns/new/", indicators.dimension_create, name="dimension_create"),
    path(base + "periods/", periods.period_list, name="period_list"),
    path(base + "periods/settings/", periods.settings_save, name="settings_save"),
    path(base + "periods/<int:pk>/state/", periods.period_state, name="period_state"),
    path(base + "periods/<int:pk>/late-grant/", periods.late_grant, name="late_grant"),
    path(base + "reporting/", reporting.reporting_form, name="reporting"),
    path(
        base + "reporting/<int:indicator_pk>/<int:period_pk>/",
        reporting.reporting_save,
        name="reporting_save",
    ),
    path(base + "review/", review.review_queue, name="review_queue"),
    path(base + "review/approve/", review.approve_bulk, name="approve_bulk"),
    path(base + "submissions/<int:pk>/", review.submission_detail, name="submission_detail"),
    path(
        base + "submissions/<int:pk>/approve/", review.submission_approve, name="submission_approve"
    ),
    path(base + "submissions/<int:pk>/return/", review.submission_return, name="submission_return"),
    path(base + "submissions/<int:pk>/reopen/", review.submission_reopen, name="submission_reopen"),
    path(
        base + "submissions/<int:pk>/evidence/",
        review.submission_evidence,
        name="submission_evidence",
    ),
    path(base + "completeness/", review.completeness, name="completeness"),
    path(base + "import/", imports.import_upload, name="import_upload"),
    path(base + "import/template/", imports.import_template, name="import_template"),
    path(base + "import/<int:pk>/", imports.import_job, name="import_job"),
    path(base + "my-organization/", homes.partner_home, name="partner_home"),
    path("portfolio/", homes.portfolio, name="portfolio"),
    path(
        base + "exports/values.<export_format:fmt>",
        exports.submissions_export,
        name="submissions_export",
    ),
    path(
        base + "exports/rollups.<export_format:fmt>",
        exports.rollups_export,
        name="rollups_export",
    ),
    path(base + "periods/<int:pk>/report/", exports.period_report, name="period_report"),
    path(base + "periods/<int:pk>/report.pdf", exports.period_report_pdf, name="period_report_pdf"),
]
