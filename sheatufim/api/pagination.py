from django.core.paginator import EmptyPage, Paginator
from django.db.models import Func, IntegerField, Subquery
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination

from sheatufim.ids import MAX_ID


def _whole_number(request, name: str, default: int, maximum: int | None = None) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    number = int(raw) if raw.isascii() and raw.isdigit() else 0
    if number < 1 or (maximum is not None and number > maximum):
        if maximum is None:
            message = _("Give a whole number from 1.")
        else:
            message = _("Give a whole number from 1 to %(max)d.") % {"max": maximum}
        raise exceptions.ValidationError({name: [message]})
    return number


_TOTAL = "_total_of_all_pages"


class Pagination(PageNumberPagination):
    """`?page=` (from 1; a page past the end is a 404) and `?page_size=` (1 to 1000).

    A page or page size that is not a whole number in range is a 400 at the field: falling
    back to the default silently would hand a script other rows than it asked for.
    """

    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000
    last_page_strings = ()

    def get_page_size(self, request):
        return _whole_number(
            request, self.page_size_query_param, self.page_size, self.max_page_size
        )

    def get_page_number(self, request, paginator):
        return _whole_number(request, self.page_query_param, 1)

    def get_paginated_response_schema(self, schema):
        envelope = super().get_paginated_response_schema(schema)
        envelope["required"] = ["count", "next", "previous", "results"]  # null at either end
        return envelope

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
        return parameters


class _CountInPage(Paginator):
    """Counts in the page's own query: one round trip instead of a COUNT and then the page.

    Each row carries the total as an uncorrelated scalar subquery (`SELECT COUNT(*) …` with
    the same conditions), which PostgreSQL and SQLite evaluate once. The page is asked for
    before the total is known: rows, or page 1, give the total; no rows past page 1 is the
    same "no results" as Paginator.page(). For `.values()` querysets without DISTINCT only.
    """

    def page(self, number):
        number = int(number)  # a whole number from 1: Pagination.get_page_number checked it
        bottom = (number - 1) * self.per_page
        if bottom + self.per_page > MAX_ID:  # more rows than ids: past the end, and too
            raise EmptyPage(self.error_messages["no_results"])  # large an OFFSET for SQL
        # Func without source expressions is not taken for an aggregate: no GROUP BY.
        total = Func(template="COUNT(*)", output_field=IntegerField())
        counted = self.object_list.annotate(
            **{_TOTAL: Subquery(self.object_list.order_by().values(n=total))}
        )
        rows = list(counted[bottom : bottom + self.per_page])
        if rows:
            self.count = rows[0][_TOTAL]
            for row in rows:
                del row[_TOTAL]
        elif number == 1:
            self.count = 0
        else:
            raise EmptyPage(self.error_messages["no_results"])
        return self._get_page(rows, number, self)


class RowsPagination(Pagination):
    """Pagination of a `.values()` list (sheatufim.api.rows): the same page, one query less."""

    django_paginator_class = _CountInPage

    def paginate_queryset(self, queryset, request, view=None):
        if queryset.query.distinct or queryset.query.combinator:
            self.django_paginator_class = Paginator  # the total of such a query: COUNT it
        return super().paginate_queryset(queryset, request, view)
