"""/api/v1/: every app's endpoints, the OpenAPI schema, Swagger UI and Redoc."""

from django.urls import include, path, re_path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.permissions import AllowAny
from rest_framework.routers import DefaultRouter

from activities.api import views as activities
from agenda.api import views as agenda
from backbone.api import function_indicators as backbone_indicators
from backbone.api import health as backbone_health
from backbone.api import phases as backbone_phases
from backbone.api import results as backbone_results
from backbone.api import rounds as backbone_rounds
from backbone.api import templates as backbone_templates
from backbone.api import workplan as backbone_workplan
from communication.api import feed as communication_feed
from communication.api import meetings as meet
from communication.api import minutes as communication_minutes
from communication.api.mail import EmailPreferencesView
from community import api as community_api
from community.field import api as community_field
from initiatives.api import views as initiatives
from initiatives.stakeholder_map import api as stakeholder_map
from measurement.api import views as measurement
from measurement.api.bulk import BulkSubmissionView
from measurement.api.yearly import YearlyRollupView
from sheatufim.api.views import not_found
from spheres.api import commitments as sphere_commitments
from spheres.api import membership as spheres_membership

# No format suffixes (`/submissions/1.json`): the API speaks JSON only, the schema does not
# describe them, and every view would have to take a `format` argument.
router = DefaultRouter()
router.include_format_suffixes = False
router.register("organizations", initiatives.OrganizationViewSet, basename="organization")
router.register("initiatives", initiatives.InitiativeViewSet, basename="initiative")
router.register("participations", initiatives.ParticipationViewSet, basename="participation")
router.register("memberships", initiatives.MembershipViewSet, basename="membership")
router.register("agenda-versions", agenda.VersionViewSet, basename="agenda-version")
router.register("goals", agenda.GoalViewSet, basename="goal")
router.register("strategies", agenda.StrategyViewSet, basename="strategy")
router.register("endorsements", agenda.EndorsementViewSet, basename="endorsement")
router.register("indicators", measurement.IndicatorViewSet, basename="indicator")
router.register("periods", measurement.PeriodViewSet, basename="period")
router.register("submissions", measurement.SubmissionViewSet, basename="submission")
router.register("rollups", measurement.RollupViewSet, basename="rollup")
router.register("category-rollups", measurement.CategoryRollupViewSet, basename="category-rollup")
router.register("completeness", measurement.CompletenessViewSet, basename="completeness")
router.register("activities", activities.ActivityViewSet, basename="activity")
router.register("working-groups", meet.WorkingGroupViewSet, basename="working-group")
router.register("meetings", meet.MeetingViewSet, basename="meeting")
router.register("agenda-items", meet.AgendaItemViewSet, basename="agenda-item")
router.register("meeting-invitations", meet.MeetingInvitationViewSet, basename="meeting-invitation")
router.register("attendance", meet.AttendanceViewSet, basename="attendance")
router.register("updates", communication_feed.UpdateViewSet, basename="update")
router.register(
    "update-attachments", communication_feed.UpdateAttachmentViewSet, basename="update-attachment"
)
router.register("events", communication_feed.EventViewSet, basename="event")
router.register("minutes", communication_minutes.MinutesViewSet, basename="minutes")
router.register("decisions", communication_minutes.DecisionViewSet, basename="decision")
router.register("action-items", communication_minutes.ActionItemViewSet, basename="action-item")
# The apps built since the backbone: each slice's module has `register(router)` and `paths`.
SLICE_API = (
    stakeholder_map,
    backbone_workplan,
    backbone_indicators,
    backbone_templates,
    backbone_rounds,
    backbone_results,
    backbone_phases,
    backbone_health,
    spheres_membership,
    sphere_commitments,
    community_field,
    community_api,
)
for module in SLICE_API:
    module.register(router)

app_name = "api"

urlpatterns = [
    path("submissions/bulk/", BulkSubmissionView.as_view(), name="submissions-bulk"),
    # Before the router: its rollups/{id}/ would take "yearly" for an id.
    path("rollups/yearly/", YearlyRollupView.as_view(), name="rollups-yearly"),
    path("activity-matrix/", activities.ActivityMatrixView.as_view(), name="activity-matrix"),
    path(
        "account/email-preferences/",
        EmailPreferencesView.as_view(),
        name="email-preferences",
    ),
    *(entry for module in SLICE_API for entry in module.paths),
    path("", include(router.urls)),
    # The description of the API is public (and throttled like every anonymous call).
    path("schema/", SpectacularAPIView.as_view(permission_classes=[AllowAny]), name="schema"),
    path(
        "docs/",
        # Split: its script is a file of its own, as the Content-Security-Policy wants.
        SpectacularSwaggerSplitView.as_view(url_name="api:schema", permission_classes=[AllowAny]),
        name="docs",
    ),
    path(
        "redoc/",
        SpectacularRedocView.as_view(url_name="api:schema", permission_classes=[AllowAny]),
        name="redoc",
    ),
    # Last: a path under /api/v1/ that matches nothing above (`submissions/1.5/`) is a 404
    # in the API's error format, not the HTML page. CommonMiddleware still redirects a path
    # without its final slash here first.
    re_path(r"^[\s\S]*/$", not_found),  # [\s\S], not ".": a newline is part of a path too
]
