"""The organizations taking part in an initiative."""

from django.db.models import QuerySet

from initiatives.models import Initiative, Organization, Participation


def participants(*, initiative: Initiative) -> QuerySet[Organization]:
    active = Participation.objects.active().filter(initiative=initiative)
    return Organization.objects.filter(pk__in=active.values("organization_id")).order_by("name")
