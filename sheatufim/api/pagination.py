from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination


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

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
        return parameters
