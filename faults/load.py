"""make load: 50 concurrent users for 60 s against gunicorn and a Celery worker on the private
PostgreSQL and Redis (never the shared ones); prints errors, requests/s, p50/p95 per kind and
the values lost (every value the API acknowledged must be the one the database holds).

- partners (LOAD_PARTNERS) send values of their own organization, submitted for review, each
  thread its own (indicator, period) keys, every value unique;
- staff (LOAD_STAFF) list the submitted values and approve one (30%) or return it;
- viewers (the rest) read the API's submission list and rollups, and the initiatives page.

A 4xx that the rules call for (a value approved meanwhile, a version that changed) is counted
as refused, not as an error; an error is a 5xx, a timeout or a connection that failed.
"""

import collections
import os
import random
import threading
import time

from faults import services

USERS = int(os.environ.get("LOAD_USERS", "50"))
SECONDS = float(os.environ.get("LOAD_SECONDS", "60"))
PARTNERS = int(os.environ.get("LOAD_PARTNERS", "25"))
STAFF = int(os.environ.get("LOAD_STAFF", "5"))
WEB_WORKERS = int(os.environ.get("LOAD_WEB_WORKERS", "4"))
APPROVE_SHARE = 0.3  # the rest is returned, and sent again by the partners
PERIODS = int(os.environ.get("LOAD_PERIODS", "8"))
THINK_SECONDS = 0.05
SLUG = "5x2-stem-excellence"

os.environ["API_TOKEN_RATE"] = "1000000/minute"  # one token is shared by many threads
services.use_in_this_process()

import django  # noqa: E402

django.setup()

import requests  # noqa: E402

from faults.common import api_token, http_clients  # noqa: E402

BASE = services.WEB_URL


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.times = collections.defaultdict(list)  # kind → ms
        self.statuses = collections.defaultdict(collections.Counter)  # kind → status → n
        self.errors = collections.Counter()  # what went wrong → n
        self.refusals = {}  # (kind, status) → the first answer's body
        self.acked = collections.defaultdict(list)  # (indicator, org, period) → [(version, value)]

    def note(self, kind: str, started: float, status: int | str) -> None:
        with self.lock:
            self.times[kind].append((time.perf_counter() - started) * 1000)
            self.statuses[kind][status] += 1
            if not isinstance(status, int) or status >= 500:
                self.errors[f"{kind} {status}"] += 1


def call(results: Results, kind: str, session, method: str, path: str, **kwargs):
    started = time.perf_counter()
    try:
        response = session.request(method, BASE + path, timeout=30, **kwargs)
    except requests.RequestException as error:
        results.note(kind, started, type(error).__name__)
        return None
    results.note(kind, started, response.status_code)
    if 400 <= response.status_code < 500:
        results.refusals.setdefault((kind, response.status_code), response.text[:160])
    return response


def open_periods() -> None:
    """LOAD_PERIODS new open periods per frequency after the demo's last, for the partners to
    report in (the demo has few open ones, and an approved value cannot be sent again)."""
    from datetime import timedelta

    from initiatives.models import Initiative
    from measurement import services as measurement
    from measurement.models import Indicator, ReportingPeriod

    initiative = Initiative.objects.get(slug=SLUG)
    frequencies = set(Indicator.objects.filter(initiative=initiative).values_list("frequency"))
    for (frequency,) in frequencies:
        last = ReportingPeriod.objects.filter(initiative=initiative).order_by("-end").first()
        made = measurement.periods_generate(
            initiative=initiative,
            frequency=frequency,
            first_start=last.end + timedelta(days=1),
            count=PERIODS,
        )
        ReportingPeriod.objects.filter(pk__in=[p.pk for p in made]).update(state="open")


def partner_keys() -> dict[int, list[tuple[int, int]]]:
    """For each partner organization of the demo initiative: its (indicator, period) keys."""
    from measurement.models import IndicatorAssignment, ReportingPeriod

    periods = list(
        ReportingPeriod.objects.filter(initiative__slug=SLUG, state="open").values_list(
            "pk", "frequency"
        )
    )
    keys = collections.defaultdict(list)
    for indicator, frequency, organization in IndicatorAssignment.objects.filter(
        indicator__initiative__slug=SLUG,
        indicator__is_active=True,
        indicator__value_type__in=["count", "amount"],
        indicator__dimensions__isnull=True,
    ).values_list("indicator_id", "indicator__frequency", "organization_id"):
        keys[organization] += [(indicator, p) for p, f in periods if f == frequency]
    return keys


def partner_tokens(organizations: list[int]) -> dict[int, str]:
    """A token per organization, of a partner representative made for the load if need be."""
    from initiatives.models import Initiative, Membership, Role, User

    initiative = Initiative.objects.get(slug=SLUG)
    tokens = {}
    for organization in organizations:
        user, _made = User.objects.get_or_create(
            email=f"load-partner-{organization}@example.org",
            defaults={"full_name": f"Load partner {organization}"},
        )
        Membership.objects.get_or_create(
            user=user, initiative=initiative, role=Role.PARTNER, organization_id=organization
        )
        tokens[organization] = api_token(user.email)
    return tokens


def partner(results, stop, token, organization, keys, number) -> None:
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    sequence = 0
    while not stop.is_set() and keys:
        indicator, period = random.choice(keys)
        sequence += 1
        value = f"{number * 1_000_000 + sequence}"
        body = {
            "indicator": indicator,
            "organization": organization,
            "period": period,
            "value": value,
            "submit": True,
        }
        response = call(results, "submit", session, "POST", "/api/v1/submissions/", json=body)
        if response is not None and response.status_code == 400 and len(keys) > 1:
            keys.remove((indicator, period))  # approved meanwhile: it cannot be sent again
        if response is not None and response.status_code in (200, 201):
            with results.lock:
                key = (indicator, organization, period)
                results.acked[key].append((response.json()["version"], value))
        time.sleep(THINK_SECONDS)


def staff(results, stop, token) -> None:
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    while not stop.is_set():
        listed = call(
            results, "read", session, "GET", "/api/v1/submissions/?state=submitted&page_size=20"
        )
        rows = listed.json().get("results", []) if listed is not None and listed.ok else []
        if rows:
            row = random.choice(rows)
            if random.random() < APPROVE_SHARE:
                path, body = f"/api/v1/submissions/{row['id']}/approve/", None
            else:
                path, body = f"/api/v1/submissions/{row['id']}/return/", {"note": "Check it."}
            call(results, "review", session, "POST", path, json=body)
        time.sleep(THINK_SECONDS)


def viewer(results, stop, token, page) -> None:
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    paths = ["/api/v1/submissions/?page_size=100", "/api/v1/rollups/?page_size=100"]
    while not stop.is_set():
        if random.random() < 0.25:
            call(results, "page", page, "GET", "/initiatives/")
        else:
            call(results, "read", session, "GET", random.choice(paths))
        time.sleep(THINK_SECONDS)


def lost_values(results: Results) -> list[str]:
    """Keys whose value in the database is not the last one the API acknowledged."""
    from measurement.models import Submission

    lost = []
    stored = {
        (i, o, p): (v, value)
        for i, o, p, v, value in Submission.objects.filter(
            indicator__initiative__slug=SLUG
        ).values_list("indicator_id", "organization_id", "period_id", "version", "value")
    }
    for key, writes in results.acked.items():
        versions = [version for version, _value in writes]
        last_version, last_value = max(writes)
        if len(set(versions)) != len(versions):
            lost.append(f"{key}: two writes acknowledged with the same version")
        elif key not in stored or stored[key][1] is None:
            lost.append(f"{key}: not in the database")
        elif f"{stored[key][1]:f}".split(".")[0] != last_value or stored[key][0] < last_version:
            lost.append(f"{key}: database {stored[key]} after acknowledged {max(writes)}")
    return lost


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(results: Results, seconds: float) -> None:
    total = sum(len(t) for t in results.times.values())
    print(
        f"  {USERS} users ({PARTNERS} partners, {STAFF} staff, {USERS - PARTNERS - STAFF} "
        f"viewers) for {seconds:.0f} s; gunicorn {WEB_WORKERS} workers, one Celery worker"
    )
    print(f"  requests: {total:,}, {total / seconds:.0f} requests/s")
    for kind, times in sorted(results.times.items()):
        print(
            f"    {kind:7} n={len(times):6,}  p50 {percentile(times, 0.5):6.0f} ms  "
            f"p95 {percentile(times, 0.95):6.0f} ms  {dict(results.statuses[kind])}"
        )
    for (kind, status), body in sorted(results.refusals.items()):
        print(f"    refused {kind} {status}, the first: {body}")
    errors = sum(results.errors.values())
    print(f"  errors: {errors}" + (f" {dict(results.errors)}" if errors else ""))


def main() -> None:
    from initiatives.models import User

    open_periods()
    keys = partner_keys()
    organizations = sorted(o for o in keys if keys[o])
    tokens = partner_tokens(organizations)
    staff_token = api_token("backbone@example.org")
    viewer_token = api_token(User.objects.get(email="viewer@example.org").email)
    results, stop, threads = Results(), threading.Event(), []
    for n in range(PARTNERS):
        organization = organizations[n % len(organizations)]
        share = list(keys[organization])  # the organization's partners share its keys
        args = (results, stop, tokens[organization], organization, share, n + 1)
        threads.append(threading.Thread(target=partner, args=args))
    for _ in range(STAFF):
        threads.append(threading.Thread(target=staff, args=(results, stop, staff_token)))
    for _ in range(USERS - PARTNERS - STAFF):
        page, _api, _anonymous = http_clients(BASE, viewer_token)
        threads.append(threading.Thread(target=viewer, args=(results, stop, viewer_token, page)))
    print(f"  {len(organizations)} partner organizations, {sum(map(len, keys.values()))} keys")
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    time.sleep(SECONDS)
    stop.set()
    for thread in threads:
        thread.join(60)
    elapsed = time.perf_counter() - started
    report(results, elapsed)
    lost = lost_values(results)
    print(f"  lost values: {len(lost)} (of {len(results.acked)} keys written)")
    for line in lost[:10]:
        print(f"    {line}")


if __name__ == "__main__":
    services.redis_start()
    services.postgres_start()
    web = worker = None
    try:
        services.database_prepare()
        web = services.web_start(workers=WEB_WORKERS)
        worker, _log = services.worker_start("load-worker")
        main()
    finally:
        if web:
            services.web_stop(web)
        services.stop_everything(*([worker] if worker else []))
