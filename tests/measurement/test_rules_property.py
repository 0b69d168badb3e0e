"""After any sequence of actions, the rollups the requests produced are the rollups a
recompute from scratch produces: no stored row changes (hypothesis draws the sequences).

The world: a national initiative and a regional chapter, three quarters each; a sum with a
breakdown, a cumulative sum and an average, each with a regional indicator contributing to
it; three organizations, one of them in both. The actions: approve a value (reopening it
first when it is approved already), reopen one, leave one a draft, switch a contribution
off or on, let an organization leave, and let the worker run in between.
"""

from datetime import date

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from initiatives.models import Participation
from measurement import services
from measurement.models import CategoryRollup, Indicator, Rollup, Submission
from measurement.services.rollups import rollup_compute, rollup_request
from tests.initiatives.factories import InitiativeFactory, OrganizationFactory
from tests.measurement.factories import CategoryFactory, DimensionFactory, assign, values
from tests.measurement.rules_fixtures import quarters, settle, superuser

pytestmark = pytest.mark.django_db(transaction=False)

KINDS = ["sum", "cumulative", "average"]
ORGS = ["a", "b", "c"]
LEVELS = ["national", "regional"]
# Who reports where: c takes part at both levels.
REPORTERS = [("national", "a"), ("national", "c"), ("regional", "b"), ("regional", "c")]

actions = st.one_of(
    st.tuples(
        st.just("approve"),
        st.sampled_from(KINDS),
        st.sampled_from(REPORTERS),
        st.integers(0, 2),
        st.integers(0, 50),
    ),
    st.tuples(
        st.just("reopen"),
        st.sampled_from(KINDS),
        st.sampled_from(REPORTERS),
        st.integers(0, 2),
    ),
    st.tuples(
        st.just("draft"),
        st.sampled_from(KINDS),
        st.sampled_from(REPORTERS),
        st.integers(0, 2),
        st.integers(0, 50),
    ),
    st.tuples(st.just("switch"), st.sampled_from(KINDS)),
    st.tuples(st.just("leave"), st.sampled_from(LEVELS), st.sampled_from(ORGS)),
    st.tuples(st.just("settle")),
)


class World:
    def __init__(self):
        self.user = superuser()
        national = InitiativeFactory(name="National")
        regional = InitiativeFactory(name="Regional", parent=national)
        self.initiatives = {"national": national, "regional": regional}
        self.periods = {
            level: quarters(i, quarters_of_2026()) for level, i in self.initiatives.items()
        }
        a, b, c = (OrganizationFactory(name=name) for name in "ABC")
        self.orgs = {"a": a, "b": b, "c": c}
        members = {"national": [a, c], "regional": [b, c]}
        genders = {}
        for level, initiative in self.initiatives.items():
            for organization in members[level]:
                Participation.objects.create(
                    initiative=initiative, organization=organization, role="partner"
                )
            gender = DimensionFactory(initiative=initiative, name="Gender")
            genders[level] = (
                gender,
                CategoryFactory(dimension=gender, name="Women"),
                CategoryFactory(dimension=gender, name="Men"),
            )
        self.genders = genders
        self.indicators = {}
        for kind in KINDS:
            fields = {
                "sum": {"aggregation": "sum", "value_type": "count"},
                "cumulative": {"aggregation": "sum", "value_type": "count", "cumulative": True},
                "average": {"aggregation": "average", "value_type": "amount"},
            }[kind]
            parent = Indicator.objects.create(
                initiative=national, code=f"n-{kind}", name=f"National {kind}", **fields
            )
            child = Indicator.objects.create(
                initiative=regional,
                code=f"r-{kind}",
                name=f"Regional {kind}",
                contributes_to=parent,
                **fields,
            )
            assign(parent, *members["national"])
            assign(child, *members["regional"])
            if kind == "sum":
                parent.dimensions.add(genders["national"][0])
                child.dimensions.add(genders["regional"][0])
            self.indicators[("national", kind)] = parent
            self.indicators[("regional", kind)] = child
        # As indicator_save does: every figure of a new indicator exists, empty.
        rollup_request(
            (indicator.pk, period.pk)
            for (level, _kind), indicator in self.indicators.items()
            for period in self.periods[level]
        )
        settle()

    def run(self, action):
        name, *rest = action
        if name in ("approve", "reopen", "draft"):
            kind, (level, org), *more = rest
            rest = [kind, level, org, *more]
        getattr(self, name)(*rest)

    def _submission(self, kind, level, org, quarter):
        return Submission.objects.filter(
            indicator=self.indicators[(level, kind)],
            organization=self.orgs[org],
            period=self.periods[level][quarter],
        ).first()

    def _assigned(self, kind, level, org) -> bool:
        return (
            self.indicators[(level, kind)].assignments.filter(organization=self.orgs[org]).exists()
        )

    def _save(self, kind, level, org, quarter, number, submit):
        if not self._assigned(kind, level, org):
            return None
        existing = self._submission(kind, level, org, quarter)
        if existing and existing.state == "approved":
            self.reopen(kind, level, org, quarter)
        indicator = self.indicators[(level, kind)]
        categories = {}
        if kind == "sum":
            _dimension, women, men = self.genders[level]
            categories = {women: number // 2, men: number - number // 2}
        submission, _changed = services.submission_save(
            user=self.user,
            indicator=indicator,
            organization=self.orgs[org],
            period=self.periods[level][quarter],
            values=values(number, categories=categories),
            submit=submit,
        )
        return submission

    def approve(self, kind, level, org, quarter, number):
        submission = self._save(kind, level, org, quarter, number, submit=True)
        if submission is not None:
            services.submission_approve(submission_id=submission.pk, user=self.user)

    def draft(self, kind, level, org, quarter, number):
        existing = self._submission(kind, level, org, quarter)
        if existing is None or existing.state in ("draft", "returned"):
            self._save(kind, level, org, quarter, number, submit=False)

    def reopen(self, kind, level, org, quarter):
        existing = self._submission(kind, level, org, quarter)
        if existing and existing.state == "approved":
            services.submission_reopen(submission_id=existing.pk, user=self.user, note="Again.")

    def switch(self, kind):
        child = self.indicators[("regional", kind)]
        child.contribution_active = not child.contribution_active
        child.save(update_fields=["contribution_active"])
        rollup_request((child.pk, period.pk) for period in self.periods["regional"])

    def leave(self, level, org):
        services.assignments_end(
            initiative_id=self.initiatives[level].pk, organization_id=self.orgs[org].pk
        )

    def settle(self):
        settle()


def quarters_of_2026():
    return [date(2026, 1, 1), date(2026, 4, 1), date(2026, 7, 1)]


def snapshot():
    fields = [
        "value",
        "numerator",
        "denominator",
        "value_sum",
        "value_weight",
        "contributing",
        "carried",
    ]
    totals = {
        (row["indicator_id"], row["period_id"]): row
        for row in Rollup.objects.values("indicator_id", "period_id", "expected", *fields)
    }
    parts = {
        (row["indicator_id"], row["period_id"], row["category_id"]): row
        for row in CategoryRollup.objects.values(
            "indicator_id", "period_id", "category_id", *fields
        )
    }
    return totals, parts


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(sequence=st.lists(actions, min_size=3, max_size=16))
def test_a_recompute_from_scratch_changes_no_stored_row(db, sequence):
    with transaction.atomic():
        world = World()
        for action in sequence:
            world.run(action)
        settle()
        requested = snapshot()
        rollup_compute()
        assert snapshot() == requested
        transaction.set_rollback(True)
