"""The period report as a PDF, by WeasyPrint where it can load (it needs Pango from the system:
docs/deploy.md). Imported lazily and tried once: without it the page offers no PDF and is
still printed from the browser with its print stylesheet.

WeasyPrint fetches nothing over the network: its fetcher serves the site's static files from
disk (STATIC_ROOT, else the finders) and refuses every other address.
"""

import mimetypes
import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.utils._os import safe_join
from django.utils.translation import gettext

BASE_URL = "https://report.invalid/"  # where the document's relative addresses resolve


@cache
def weasyprint():
    """The weasyprint module, or None where it (or the system's Pango) cannot load."""
    try:
        import weasyprint as module
    except (ImportError, OSError):
        return None
    return module


def pdf_available() -> bool:
    return weasyprint() is not None


def static_file(url: str) -> Path | None:
    """The file on disk of a static URL of the document, or None for any other address."""
    parts = urlsplit(url)
    prefix = urlsplit(BASE_URL + settings.STATIC_URL.lstrip("/")).path
    if f"{parts.scheme}://{parts.netloc}/" != BASE_URL or not parts.path.startswith(prefix):
        return None
    name = unquote(parts.path.removeprefix(prefix))
    try:
        found = Path(safe_join(settings.STATIC_ROOT, name)) if settings.STATIC_ROOT else None
    except SuspiciousFileOperation:
        return None
    if found is None or not found.is_file():
        located = finders.find(name)
        found = Path(located) if located else None
    return found if found is not None and found.is_file() else None


def _fetcher(module):
    class StaticFilesOnly(module.urls.URLFetcher):
        def fetch(self, url, headers=None):
            path = static_file(url)
            if path is None:
                raise ValueError(f"refused: {url}")  # WeasyPrint warns and goes on without it
            mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return module.urls.URLFetcherResponse(
                url, path.read_bytes(), {"Content-Type": mime_type}
            )

    return StaticFilesOnly()


def render_pdf(html: str) -> bytes:
    module = weasyprint()
    return module.HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher(module)).write_pdf()


def page_counter_css() -> str:
    """The CSS `content` of the page's footer: "Page 3 of 5" in the reader's language, its
    numbers CSS counters (WeasyPrint fills counter(pages) in)."""
    words = gettext("Page %(page)s of %(pages)s")
    counters = {"%(page)s": "counter(page)", "%(pages)s": "counter(pages)"}
    parts = re.split(r"(%\(pages?\)s)", words)
    return " ".join(counters.get(part) or _css_string(part) for part in parts if part)


def _css_string(text: str) -> str:
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("<", "\\3c ")
    )
    return f'"{escaped}"'
