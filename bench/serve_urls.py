"""P6's URL conf: the project's URLs, plus /bench/bare/, a plain Django view that returns a
JsonResponse of the same page the API returned (read once from BENCH_BARE_PAYLOAD at start-up,
serialized again on every request). No authentication, no query, no serializer."""

import json
import os
from pathlib import Path

from django.http import JsonResponse
from django.urls import path

from sheatufim.urls import urlpatterns as project_urlpatterns

PAYLOAD = json.loads(Path(os.environ["BENCH_BARE_PAYLOAD"]).read_text(encoding="utf-8"))


def bare(request):
    return JsonResponse(PAYLOAD)


urlpatterns = [path("bench/bare/", bare), *project_urlpatterns]
