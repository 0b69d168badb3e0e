"""Redoc's script without its one request to another host.

drf-spectacular-sidecar vendors Redoc, but Redoc's menu footer shows Redocly's logo from
cdn.redoc.ly, and Redoc has no option to leave it out. This serves the vendored bundle with that
address emptied (an <img> without a source requests nothing; Redoc then hides it), so the API
docs page loads nothing from outside (templates/drf_spectacular/redoc.html). tests/e2e/test_csp.py
fails if a new Redoc brings another outside address.
"""

from functools import cache

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.views.decorators.http import require_GET

BUNDLE = "drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js"
OUTSIDE = ("https://cdn.redoc.ly/redoc/logo-mini.svg",)


@cache
def _bundle() -> bytes:
    with open(finders.find(BUNDLE), "rb") as file:
        script = file.read()
    for address in OUTSIDE:
        script = script.replace(address.encode(), b"")
    return script.replace(b"//# sourceMappingURL=redoc.standalone.js.map", b"")


@require_GET
def redoc_bundle(request) -> HttpResponse:
    response = HttpResponse(_bundle(), content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response
