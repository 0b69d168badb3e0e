"""What the agenda pages and the API read: versions, the goal tree, comments."""

from dataclasses import dataclass, field

from django.db.models import QuerySet

from initiatives.models import Initiative
from initiatives.selectors import initiative_list_for_user
from sheatufim.translated import text_of

from ..models import AgendaVersion, Goal, SectionComment, Strategy, VersionState
from ..models.versions import WORKING_STATES
from ..services.snapshot import snapshot_build


@dataclass
class Agenda:
    """An initiative's agenda: its adopted version and the one being drafted, if any."""

    adopted: AgendaVersion | None
    working: AgendaVersion | None


def agenda_for(*, initiative: Initiative) -> Agenda:
    """In one query."""
    versions = AgendaVersion.objects.filter(
        initiative=initiative, state__in=(VersionState.ADOPTED, *WORKING_STATES)
    ).select_related("adopted_by")
    by_state = {version.state: version for version in versions}
    working = by_state.get(VersionState.DRAFT) or by_state.get(VersionState.OPEN_FOR_COMMENT)
    return Agenda(adopted=by_state.get(VersionState.ADOPTED), working=working)


def version_list(*, initiative: Initiative) -> QuerySet[AgendaVersion]:
    return AgendaVersion.objects.filter(initiative=initiative).select_related("adopted_by")


def version_get(*, initiative: Initiative, number: int) -> AgendaVersion:
    """Raises AgendaVersion.DoesNotExist for a number of another initiative or none."""
    return version_list(initiative=initiative).get(number=number)


class Node:
    """A goal or strategy of a snapshot, read like a model: `{% text node "title" %}`."""

    def __init__(self, item: dict, kind: str):
        self.id = item["id"]
        self.kind = kind
        self.key = f"{kind}:{item['id']}"
        self.title = item["title"]
        self.description = item.get("description", "")
        self.language = item.get("language", "")
        self.translations = item.get("translations") or {}
        self.children: list[Node] = []
        self.strategies = [Node(s, "strategy") for s in item.get("strategies", [])]
        self.comments: list[SectionComment] = []

    def text(self, field_name: str, lang: str | None = None):
        return text_of(
            getattr(self, field_name), self.language, self.translations, field_name, lang
        )


@dataclass
class Sections:
    """A snapshot's text sections, read like a model (`{% text sections "vision" %}`)."""

    values: dict
    language: str
    translations: dict
    comments: dict = field(default_factory=dict)

    def text(self, name: str, lang: str | None = None):
        return text_of(self.values.get(name, ""), self.language, self.translations, name, lang)


def goal_tree(snapshot: dict) -> tuple[Sections, list[Node]]:
    """The sections and the goals as a tree (top-level goals, each with its `children`)."""
    nodes = [Node(item, "goal") for item in snapshot.get("goals", [])]
    by_id = {node.id: node for node in nodes}
    roots = []
    for node, item in zip(nodes, snapshot.get("goals", []), strict=True):
        parent = by_id.get(item.get("parent"))
        (parent.children if parent else roots).append(node)
    sections = Sections(
        snapshot.get("sections", {}),
        snapshot.get("language", ""),
        snapshot.get("translations") or {},
    )
    return sections, roots


def version_snapshot(version: AgendaVersion) -> dict:
    """The frozen snapshot of an adopted version; the live one of a version being drafted."""
    return version.snapshot if version.is_frozen else snapshot_build(version=version)


def comments_by_section(*, version: AgendaVersion) -> dict[str, list[SectionComment]]:
    rows = SectionComment.objects.filter(version=version).select_related("author", "organization")
    grouped: dict[str, list[SectionComment]] = {}
    for comment in rows:
        grouped.setdefault(comment.section, []).append(comment)
    return grouped


def versions_visible_to(*, user) -> QuerySet[AgendaVersion]:
    return AgendaVersion.objects.filter(
        initiative__in=initiative_list_for_user(user=user)
    ).select_related("initiative")


def goals_visible_to(*, user) -> QuerySet[Goal]:
    return Goal.objects.filter(initiative__in=initiative_list_for_user(user=user)).select_related(
        "initiative"
    )


def strategies_visible_to(*, user) -> QuerySet[Strategy]:
    return Strategy.objects.filter(
        goal__initiative__in=initiative_list_for_user(user=user)
    ).select_related("goal")
