"""The library's list: declared filters (condition, phase, language, kind) and a search.

The search is PostgreSQL's full-text search (config 'simple', so that Hebrew and Arabic
words match as written; computed in the query, titles weighing more) when the database is
PostgreSQL, and a plain `icontains` on SQLite. Both read the originals and their
translations."""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.fields.json import KT

from sheatufim.translated import LANGUAGE_CODES

from ..models import Resource

SEARCH_CONFIG = "simple"
TEXT_FIELDS = ("title", "description")


def resource_list() -> QuerySet:
    return Resource.objects.select_related("added_by")


def _versions(field: str) -> list:
    return [KT(f"translations__{field}__{lang}") for lang in LANGUAGE_CODES]


def full_text_search(queryset: QuerySet, query: str) -> QuerySet:
    """PostgreSQL: the rows that match `query` (web-search syntax), best first."""
    vector = SearchVector(
        "title", *_versions("title"), config=SEARCH_CONFIG, weight="A"
    ) + SearchVector("description", *_versions("description"), config=SEARCH_CONFIG, weight="B")
    search = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
    return (
        queryset.annotate(search=vector, rank=SearchRank(vector, search))
        .filter(search=search)
        .order_by("-rank", "-added_at", "-id")
    )


def plain_search(queryset: QuerySet, query: str) -> QuerySet:
    """Any database: the rows whose title or description (or their translations) hold every
    word of `query`."""
    for word in query.split():
        match = Q()
        for field in TEXT_FIELDS:
            match |= Q(**{f"{field}__icontains": word})
            for lang in LANGUAGE_CODES:
                match |= Q(**{f"translations__{field}__{lang}__icontains": word})
        queryset = queryset.filter(match)
    return queryset


def search(queryset: QuerySet, query: str) -> QuerySet:
    query = (query or "").strip()
    if not query:
        return queryset
    if connection.vendor == "postgresql":
        return full_text_search(queryset, query)
    return plain_search(queryset, query)


def resource_filter(
    queryset: QuerySet,
    *,
    q: str = "",
    condition: str = "",
    phase: int | None = None,
    language: str = "",
    kind: str = "",
) -> QuerySet:
    """The library narrowed by already validated filters (a form or a filter set has
    checked them: the query string never reaches the ORM as such)."""
    if condition:
        queryset = queryset.filter(condition=condition)
    if phase is not None:
        queryset = queryset.filter(phase=phase)
    if language:
        queryset = queryset.filter(language=language)
    if kind:
        queryset = queryset.filter(kind=kind)
    return search(queryset, q)


def recent_resources(limit: int = 5) -> list:
    return list(resource_list()[:limit])
