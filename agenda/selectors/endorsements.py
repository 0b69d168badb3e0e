"""Who endorsed which version, and the share of partners behind the current one."""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from initiatives.models import Initiative, Organization
from initiatives.selectors import participant_organizations

from ..models import AgendaVersion, Decision, Endorsement, VersionState


def endorsement_share(*, initiative: Initiative) -> tuple[int, int]:
    """(organizations that endorsed the adopted version, participating organizations), in one
    query. A new adopted version starts at 0: every organization is asked again."""
    participants = participant_organizations(initiative=initiative)
    endorsed = Endorsement.objects.filter(
        version__initiative=initiative,
        version__state=VersionState.ADOPTED,
        decision=Decision.ENDORSED,
        organization__in=participants,
    )
    row = Organization.objects.filter(pk__in=participants.values("pk")).aggregate(
        participants=Count("pk"),
        endorsed=Count("pk", filter=Q(pk__in=endorsed.values("organization_id"))),
    )
    return row["endorsed"], row["participants"]


@dataclass
class EndorsementRow:
    organization: Organization
    current: Endorsement | None = None  # its decision on the adopted version
    earlier: list[Endorsement] = field(default_factory=list)  # on superseded versions


def endorsement_rows(
    *, initiative: Initiative, adopted: AgendaVersion | None
) -> list[EndorsementRow]:
    """Each participating organization with its decisions, newest version first (2 queries)."""
    rows = {
        organization.pk: EndorsementRow(organization)
        for organization in participant_organizations(initiative=initiative)
    }
    endorsements = (
        Endorsement.objects.filter(version__initiative=initiative, organization_id__in=rows)
        .select_related("version", "by")
        .order_by("-version__number")
    )
    for endorsement in endorsements:
        row = rows[endorsement.organization_id]
        if adopted is not None and endorsement.version_id == adopted.pk:
            row.current = endorsement
        else:
            row.earlier.append(endorsement)
    return list(rows.values())
