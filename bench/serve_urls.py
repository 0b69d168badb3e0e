"""P6's URL conf: the project's URLs, plus two plain Django views without DRF.

- /bench/bare/: what a hand-written endpoint would do at the least for the same page: one
  query for the partner organization's first 100 submissions (the API's columns, by id) and
  a JsonResponse. No authentication, no permission, no count, no categories.
- /bench/static/: the page the API returned, read once at start-up (BENCH_BARE_PAYLOAD) and
  serialized again on every request: no query at all, the floor of the server itself.
"""

import json
import os
from pathlib import Path

from django.core.serializers.json import DjangoJSONEncoder
from django.http import JsonResponse
from django.urls import path

from measurement.models import Submission
from sheatufim.urls import urlpatterns as project_urlpatterns

PAYLOAD = json.loads(Path(os.environ["BENCH_BARE_PAYLOAD"]).read_text(encoding="utf-8"))
ORGANIZATION_ID = int(os.environ["BENCH_BARE_ORGANIZATION"])
COLUMNS = [
    "id", "indicator_id", "organization_id", "period_id", "state", "value", "numerator",
    "denominator", "weight", "breakdown_incomplete", "comment", "flagged", "flag_reason",
    "review_note", "version", "submitted_at", "reviewed_at", "updated_at",
]  # fmt: skip


def bare(request):
    rows = Submission.objects.filter(organization_id=ORGANIZATION_ID).order_by("id")
    return JsonResponse({"results": list(rows.values(*COLUMNS)[:100])}, encoder=DjangoJSONEncoder)


def static(request):
    return JsonResponse(PAYLOAD)


urlpatterns = [
    path("bench/bare/", bare),
    path("bench/static/", static),
    *project_urlpatterns,
]
