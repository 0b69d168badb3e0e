"""P10 (issue 11): the weekly digest for 5,000 people of 20 initiatives with 50 events each.

The fixture is written set-based (bulk_create): 20 initiatives of their own, 5,000 viewers
(250 in each), 50 events of the past week in each (news, decisions, agenda adopted, figures
approved: what a weekly digest carries by default). Two runs of the weekly digest through
communication.services.mail_digests (batches of BATCH_SIZE, the locmem backend, nothing
through SMTP): one for 500 people (their day), one for all 5,000 (another day), each counted
in queries, in total and per batch (the goal: the same per batch at both sizes; the total grows
only with the number of batches, one per BATCH_SIZE people). Then the messages built per
second by the 5,000 run against building the same messages from already-loaded data
(digest_message on each person's events, serialized as locmem does): ratio = real / bare
(goal >= 0.5). Everything P10 loaded is deleted at the end.
"""

import time
from datetime import datetime, timedelta

from .progress import say, summary

INITIATIVES = 20
PEOPLE = 5000
SMALL = 500
EVENTS_PER_INITIATIVE = 50
KINDS = ["update_posted", "decision_taken", "agenda_adopted", "figures_approved"]
GOAL_RATIO = 0.5


def _load(end):
    from communication.models import Event
    from initiatives.models import Initiative, Membership, Organization, User

    organization = Organization.objects.create(name="P10 backbone", sector="nonprofit")
    initiatives = Initiative.objects.bulk_create(
        Initiative(
            name=f"P10 initiative {n:02d}",
            slug=f"p10-{n:02d}",
            kind="collective_impact",
            social_issue="Benchmarks",
            backbone=organization,
        )
        for n in range(INITIATIVES)
    )
    users = User.objects.bulk_create(
        (
            User(email=f"p10-{n:05d}@example.org", full_name=f"Reader {n}", password="!")
            for n in range(PEOPLE)
        ),
        batch_size=1000,
    )
    Membership.objects.bulk_create(
        (
            Membership(user=user, initiative=initiatives[n % INITIATIVES], role="viewer")
            for n, user in enumerate(users)
        ),
        batch_size=1000,
    )
    Event.objects.bulk_create(
        Event(
            initiative=initiative,
            kind=KINDS[n % len(KINDS)],
            occurred_at=end - timedelta(days=2, minutes=n),
            params={"name": f"Item {n} of {initiative.name}"},
            path=f"/initiatives/{initiative.slug}/",
        )
        for initiative in initiatives
        for n in range(EVENTS_PER_INITIATIVE)
    )
    return organization, initiatives, users


def _run(users, end):
    """The weekly run of the day `end` for `users` (their chosen day): queries, messages, s."""
    from django.core import mail
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from communication.models import DigestRun, DigestSettings
    from communication.services import mail_digests

    DigestSettings.objects.filter(user__in=users).update(weekly_day=end.weekday())
    run = DigestRun.objects.create(
        frequency="weekly", window_start=end - timedelta(days=7), window_end=end
    )
    mail.outbox = []
    with CaptureQueriesContext(connection) as total:
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as first:
            _people, sent, _complete = mail_digests.digest_batch_send(run=run)
        sent += mail_digests.digest_run_send(run=run)
        seconds = time.perf_counter() - started
    batches = -(-len(users) // mail_digests.BATCH_SIZE) + 1  # the last one finds no one
    return run, len(total), len(first), batches, sent, seconds


def _bare(run, users) -> float:
    """The same messages from data already in memory: seconds to build and serialize them."""
    from communication.services import mail_digests

    contents = mail_digests.digest_contents(run, users)
    started = time.perf_counter()
    for user in users:
        events, reminders = contents[user.pk]
        mail_digests.digest_message(run, user, events, reminders).message()  # as locmem does
    return time.perf_counter() - started


def _analyze() -> None:
    """Fresh planner statistics after the bulk load, as autovacuum would give a real database
    some minutes later (without them PostgreSQL plans the 100,000 memberships as a few rows)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def p10(_dataset=None) -> None:
    from django.conf import settings
    from django.utils import timezone

    from communication.models import DigestDelivery, DigestRun, DigestSettings
    from communication.services.mail_digests import BATCH_SIZE
    from initiatives.models import Membership, User

    name = "P10 weekly digest of 5,000 people, 20 initiatives × 50 events"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    end = timezone.make_aware(datetime(2031, 1, 7))  # a Tuesday: no real run's window
    say("P10: loading 5,000 people, 20 initiatives, 1,000 events")
    organization, initiatives, users = _load(end + timedelta(days=1))
    DigestSettings.objects.bulk_create(
        (DigestSettings(user=user, weekly_day=(end.weekday() + 3) % 7) for user in users),
        batch_size=1000,
    )
    _analyze()
    try:
        small = _run(users[:SMALL], end)
        say(f"P10: {SMALL} people: {small[1]} queries, {small[4]} messages")
        users = list(User.objects.filter(pk__in=[u.pk for u in users]).order_by("pk"))
        large = _run(users, end + timedelta(days=1))
        say(f"P10: {PEOPLE} people: {large[1]} queries, {large[4]} messages")
        bare = min(_bare(large[0], users) for _ in range(2))
    finally:
        DigestRun.objects.filter(window_end__gte=end - timedelta(days=1)).filter(
            window_end__lte=end + timedelta(days=2)
        ).delete()
        readers = User.objects.filter(email__startswith="p10-")
        # Their rows first, set-based: the collector would walk 5,000 people one relation
        # at a time.
        for model in (DigestDelivery, DigestSettings, Membership):
            model.objects.filter(user__in=readers)._raw_delete(model.objects.db)
        readers.delete()
        for initiative in initiatives:
            initiative.delete()
        organization.delete()
    real_rate, bare_rate = large[4] / large[5], PEOPLE / bare
    ratio = real_rate / bare_rate
    flat = small[2] == large[2]
    summary(
        f"{name}: queries_{SMALL}={small[1]} queries_{PEOPLE}={large[1]} "
        f"per_batch_{SMALL}={small[2]} per_batch_{PEOPLE}={large[2]} "
        f"batches={small[3]}/{large[3]} messages={large[4]} "
        f"messages_per_s={real_rate:.0f} bare_per_s={bare_rate:.0f} ratio={ratio:.2f} "
        f"(goal: per batch the same{'' if flat else ': MISSED'}, ratio >= {GOAL_RATIO}"
        f"{'' if ratio >= GOAL_RATIO else ': MISSED'}; batches of {BATCH_SIZE}, locmem "
        "backend, DEBUG=1)"
    )
