"""The whole loop through the client generated from /api/v1/schema/: no hand-written HTTP.

Run by test_generated_client.py with the generated `sheatufim_client` on the path and
type-checked there with mypy --strict first: a schema that lies about a response fails either
the type check or a check below. Prints one line per check that failed; exits 1 if any did.
"""

import json
import os
import sys
from typing import TypeVar

from sheatufim_client import AuthenticatedClient
from sheatufim_client.api.rollups import rollups_list, rollups_retrieve
from sheatufim_client.api.submissions import (
    submissions_approve_create,
    submissions_bulk_create,
    submissions_create,
    submissions_partial_update,
    submissions_submit_create,
)
from sheatufim_client.models import (
    BulkInRequest,
    BulkItemInRequest,
    BulkOut,
    PaginatedRollupOutList,
    PatchedValuesInRequest,
    RollupOut,
    SubmissionCreateInRequest,
    SubmissionOut,
    SubmissionOutStateEnum,
)

T = TypeVar("T")
problems: list[str] = []


def expect(answer: object, kind: type[T]) -> T:
    if not isinstance(answer, kind):
        sys.exit(f"expected {kind.__name__}, got {answer!r}")
    return answer


def check(ok: bool, what: str) -> None:
    if not ok:
        problems.append(what)


def main() -> None:
    base, env = os.environ["SHEATUFIM_URL"], os.environ
    partner = AuthenticatedClient(base_url=base, token=env["PARTNER_TOKEN"])
    backbone = AuthenticatedClient(base_url=base, token=env["BACKBONE_TOKEN"])
    indicator, second = int(env["INDICATOR"]), int(env["SECOND_INDICATOR"])
    organization, period = int(env["ORGANIZATION"]), int(env["PERIOD"])

    body = SubmissionCreateInRequest(
        indicator=indicator,
        organization=organization,
        period=period,
        value="148",
        comment="Counted in March",
    )
    created = expect(submissions_create.sync(client=partner, body=body), SubmissionOut)
    check(created.state == SubmissionOutStateEnum.DRAFT, f"created as {created.state}")
    check(created.comment == "Counted in March", "the comment was not kept on create")

    patch = PatchedValuesInRequest(value="150")
    edited = submissions_partial_update.sync(created.id, client=partner, body=patch)
    edited = expect(edited, SubmissionOut)
    check(edited.value == "150.000000", f"PATCH gave value {edited.value}")
    check(edited.comment == "Counted in March", f"PATCH of the value alone: {edited.comment!r}")
    check(edited.version == created.version + 1, "a PATCH is one more version")

    submitted = expect(submissions_submit_create.sync(created.id, client=partner), SubmissionOut)
    check(submitted.state == SubmissionOutStateEnum.SUBMITTED, f"submit: {submitted.state}")
    check(submitted.submitted_at is not None, "submitted without submitted_at")

    approved = submissions_approve_create.sync(created.id, client=backbone)
    approved = expect(approved, SubmissionOut)
    check(approved.state == SubmissionOutStateEnum.APPROVED, f"approve: {approved.state}")

    page = rollups_list.sync(client=backbone, indicator=indicator, period=period)
    rollups = expect(page, PaginatedRollupOutList).results
    check(len(rollups) == 1, f"{len(rollups)} rollups")
    figure = ""
    if rollups:
        rollup = expect(rollups_retrieve.sync(rollups[0].id, client=backbone), RollupOut)
        figure = rollup.value or ""
        check(rollup.value == "150.000000", f"the rollup reads {rollup.value}")
        check(rollup.contributing == 1 and not rollup.provisional, "rollup counts")

    rows = [
        BulkItemInRequest(indicator=second, organization=organization, period=period, value="9")
    ]
    batch = BulkInRequest(values=rows, submit=True)
    first = expect(submissions_bulk_create.sync(client=partner, body=batch), BulkOut)
    again = expect(submissions_bulk_create.sync(client=partner, body=batch), BulkOut)
    check((first.created, first.updated, first.unchanged) == (1, 0, 0), f"bulk: {first}")
    check((again.created, again.updated, again.unchanged) == (0, 0, 1), f"again: {again}")

    print(json.dumps({"submission": created.id, "figure": figure, "problems": problems}))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
