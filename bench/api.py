"""The API benchmarks of issue 4: P5 (permission filtering), P6 (API overhead), P3 (bulk ingest).

- P5: GET /api/v1/submissions/?page_size=100 through Django's test Client, as a partner (one
  organization of the 200, who sees only their own rows) and as a superuser (every row):
  median of RUNS_P5 interleaved requests each, ratio partner/superuser (goal <= 1.5). Both
  responses are checked (counts, the partner's rows are all theirs). The partner request's
  queries and their times go to stderr; when the goal is missed, with EXPLAIN ANALYZE.
- P6: requests per second of that partner page against a bare Django view that makes the one
  query a hand-written endpoint needs for the same 100 rows and returns a JsonResponse (no
  authentication, permission, count or categories), and, for reference, against a view that
  returns the stored page without any query (bench/serve_urls.py). All served by one gunicorn
  (2 sync workers, DEBUG=0) on 127.0.0.1, loaded by wrk when it is installed, else by threads
  with http.client; the sides alternate over a few rounds after a warm-up, median rps per
  side (goal api/bare >= 0.5). The server's cache is per process unless BENCH_P6_REDIS_URL
  names a Redis (as deployed: the throttles count there and API tokens are cached there).
- P3: 10,000 values (the first 50 indicators × 200 organizations, as drafts) in one
  POST /api/v1/submissions/bulk/ into a fresh period, the same batch again (all unchanged),
  and psycopg COPY of the very rows the API stored into measurement_submission in other fresh
  periods (median of COPY_RUNS, each one transaction): ratio = API rows/s over COPY rows/s
  (goal >= 0.10). Skipped while there is no bulk endpoint.

Requests carry `Authorization: Bearer sht_…` tokens from initiatives.services.api_token_create.
"""

import http.client
import json
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from .progress import median, say, summary

LIST_URL = "/api/v1/submissions/?page_size=100"
BULK_URL = "/api/v1/submissions/bulk/"
BARE_URL = "/bench/bare/"
STATIC_URL = "/bench/static/"
HOST = "127.0.0.1"

RUNS_P5 = 30
WARM_UP_P5 = 5

WORKERS = 2
CONNECTIONS = 4  # client concurrency: two requests in flight per worker
ROUNDS = 3  # per side, alternating api, bare, api, bare, …
WRK_SECONDS = 4  # per round, with wrk
PYTHON_REQUESTS = 150  # per round, without wrk (450 per side)
WARM_UP_REQUESTS = 50  # per side, not counted

BULK_VALUES = 10_000
BULK_INDICATORS = 50
COPY_RUNS = 3

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Clients:
    partner: object  # initiatives.models.User
    superuser: object
    organization_id: int
    tokens: dict[str, str]  # who → raw token (partner, superuser, reviewer)


_CLIENTS: Clients | None = None


def _clients(dataset) -> Clients:
    """A partner of one organization, a superuser, and tokens for them and the reviewer."""
    global _CLIENTS
    if _CLIENTS is not None:
        return _CLIENTS
    from initiatives.models import Membership, User
    from initiatives.services import api_token_create

    organization_id = dataset.organization_ids[len(dataset.organization_ids) // 2]
    partner = User.objects.create_user(email="bench-partner@example.org", full_name="Bench partner")
    Membership.objects.create(
        user=partner,
        initiative=dataset.initiative,
        role="partner",
        organization_id=organization_id,
    )
    superuser = User.objects.create_superuser(
        email="bench-superuser@example.org", full_name="Bench superuser"
    )
    tokens = {
        who: api_token_create(user=user, name="make bench")[1]
        for who, user in (
            ("partner", partner),
            ("superuser", superuser),
            ("reviewer", dataset.reviewer),
        )
    }
    _CLIENTS = Clients(partner, superuser, organization_id, tokens)
    return _CLIENTS


def delete_users() -> None:
    """With a given DATABASE_URL: delete the users made here (their tokens go with them)."""
    if _CLIENTS is not None:
        _CLIENTS.partner.delete()
        _CLIENTS.superuser.delete()


def _client(token: str):
    from django.test import Client

    return Client(HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_HOST=HOST)


def _count(statement: str, params=None) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchone()[0]


# P5 ----------------------------------------------------------------------------------------


def _get(client, url: str = LIST_URL) -> tuple[float, dict]:
    start = time.perf_counter()
    response = client.get(url)
    seconds = time.perf_counter() - start
    if response.status_code != 200:
        raise RuntimeError(f"GET {url}: {response.status_code} {response.content[:300]!r}")
    return seconds, response.json()


def _explain(queries: list[dict]) -> None:
    from django.db import connection

    for query in sorted(queries, key=lambda q: -float(q["time"]))[:2]:
        if not query["sql"].lstrip().upper().startswith("SELECT"):
            continue
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
            plan = "\n    ".join(row[0] for row in cursor.fetchall())
        say(f"P5 EXPLAIN ANALYZE ({float(query['time']) * 1000:.1f} ms):\n    {plan}")


def _queries(label: str, client) -> list[dict]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        _get(client)
    queries = list(captured.captured_queries)
    for query in queries:
        say(f"P5 {label} query {float(query['time']) * 1000:6.1f} ms: {query['sql'][:160]}")
    return queries


def p5(dataset) -> None:
    name = "P5 submissions list, partner vs superuser"
    try:
        _p5(dataset, name)
    except Exception as error:  # the lines after this one must still be printed
        summary(f"{name}: failed ({type(error).__name__}: {error})")


def _p5(dataset, name: str) -> None:
    clients = _clients(dataset)
    partner = _client(clients.tokens["partner"])
    superuser = _client(clients.tokens["superuser"])
    total = _count("SELECT COUNT(*) FROM measurement_submission")
    own = _count(
        "SELECT COUNT(*) FROM measurement_submission WHERE organization_id = %s",
        [clients.organization_id],
    )
    say(f"P5: {total:,} submissions, {own:,} of them the partner's organization's")
    for _run in range(WARM_UP_P5):
        _get(partner)
        _get(superuser)
    partner_s, superuser_s = [], []
    for _run in range(RUNS_P5):
        seconds, partner_page = _get(partner)
        partner_s.append(seconds)
        seconds, superuser_page = _get(superuser)
        superuser_s.append(seconds)
    partner_queries = _queries("partner", partner)
    _queries("superuser", superuser)

    problems = []
    if partner_page["count"] != own:
        problems.append(f"partner count {partner_page['count']} != {own}")
    if len(partner_page["results"]) != min(100, own):
        problems.append(f"partner page of {len(partner_page['results'])}")
    others = [r for r in partner_page["results"] if r["organization"] != clients.organization_id]
    if others:
        problems.append(f"{len(others)} rows of other organizations shown to the partner")
    if superuser_page["count"] != total or len(superuser_page["results"]) != min(100, total):
        problems.append(
            f"superuser count {superuser_page['count']} != {total} "
            f"or page of {len(superuser_page['results'])}"
        )
    check = f"PROBLEM: {'; '.join(problems)}" if problems else "partner sees only their own rows"
    partner_ms, superuser_ms = median(partner_s) * 1000, median(superuser_s) * 1000
    ratio = partner_ms / superuser_ms
    if ratio > 1.5:
        _explain(partner_queries)
    summary(
        f"{name}: partner_ms={partner_ms:.1f} superuser_ms={superuser_ms:.1f} "
        f"ratio={ratio:.2f} (goal <= 1.5; median of {RUNS_P5}, test Client; "
        f"{own:,} of {total:,} rows; {check})"
    )


# P6 ----------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _fetch(port: int, path: str, headers: dict[str, str]) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


class Server:
    """gunicorn sheatufim.wsgi with bench.serve_settings on 127.0.0.1; stopped on exit."""

    def __init__(self, payload_path: str, organization_id: int, log_path: str):
        self.port = _free_port()
        self.log_path = log_path
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.serve_settings",
            "DEBUG": "0",
            "SECRET_KEY": "x",
            "ALLOWED_HOSTS": HOST,
            "SECURE_SSL_REDIRECT": "0",
            "STATIC_MANIFEST": "0",
            "API_TOKEN_RATE": "1000000/minute",
            "BENCH_BARE_PAYLOAD": payload_path,
            "BENCH_BARE_ORGANIZATION": str(organization_id),
            "LOG_LEVEL": "WARNING",
        }
        environment.pop("REDIS_URL", None)
        if os.environ.get("BENCH_P6_REDIS_URL"):  # as deployed: throttles and tokens in Redis
            environment["REDIS_URL"] = os.environ["BENCH_P6_REDIS_URL"]
        self.log = open(log_path, "wb")  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "sheatufim.wsgi:application",
                "--bind",
                f"{HOST}:{self.port}",
                "--workers",
                str(WORKERS),
                "--worker-class",
                "sync",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}: {self.tail()}")
            try:
                status, _body = _fetch(self.port, BARE_URL, {})
                if status == 200:
                    return
            except OSError:
                pass  # not listening yet: try again
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer within {timeout:.0f}s: {self.tail()}")

    def tail(self) -> str:
        self.log.flush()
        return Path(self.log_path).read_text(errors="replace")[-800:]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # gunicorn: graceful stop of the workers
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def _load_python(port: int, path: str, headers: dict[str, str], requests: int) -> tuple:
    """`requests` GETs over CONNECTIONS threads, a new connection each (sync workers close)."""
    shares = [requests // CONNECTIONS + (n < requests % CONNECTIONS) for n in range(CONNECTIONS)]

    def run(share: int) -> int:
        failed = 0
        for _request in range(share):
            try:
                status, _body = _fetch(port, path, headers)
                failed += status != 200
            except OSError:
                failed += 1
        return failed

    start = time.perf_counter()
    with ThreadPoolExecutor(CONNECTIONS) as pool:
        failed = sum(pool.map(run, shares))
    return requests / (time.perf_counter() - start), requests, failed


def _load_wrk(port: int, path: str, headers: dict[str, str], seconds: int) -> tuple:
    command = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "30s"]
    for key, value in headers.items():
        command += ["-H", f"{key}: {value}"]
    output = subprocess.run(
        [*command, f"http://{HOST}:{port}{path}"],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 60,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s*([\d.]+)", output).group(1))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    failed = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses:\s*(\d+)", output))
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if errors:
        # A read error is how wrk counts a server that closes the connection after a reply.
        failed += int(errors.group(1)) + int(errors.group(3)) + int(errors.group(4))
    return rps, requests, failed


def p6(dataset) -> None:
    name = "P6 API list page of 100 values vs bare JsonResponse"
    try:
        _p6(dataset, name)
    except Exception as error:
        summary(f"{name}: failed ({type(error).__name__}: {error})")


def _p6(dataset, name: str) -> None:
    clients = _clients(dataset)
    _seconds, page = _get(_client(clients.tokens["partner"]))
    use_wrk = shutil.which("wrk") is not None and os.environ.get("BENCH_LOADER") != "python"
    loader = f"wrk {WRK_SECONDS}s" if use_wrk else f"Python threads, {PYTHON_REQUESTS} requests"
    directory = tempfile.mkdtemp(prefix="bench-p6-")
    server = None
    try:
        payload_path = os.path.join(directory, "page.json")
        Path(payload_path).write_text(json.dumps(page), encoding="utf-8")
        server = Server(
            payload_path, clients.organization_id, os.path.join(directory, "gunicorn.log")
        )
        server.wait_ready()
        auth = {"Authorization": f"Bearer {clients.tokens['partner']}"}
        sides = {"api": (LIST_URL, auth), "bare": (BARE_URL, {}), "static": (STATIC_URL, {})}
        sizes = {}
        for side, (path, headers) in sides.items():
            status, body = _fetch(server.port, path, headers)
            if status != 200:
                raise RuntimeError(f"{side} {path}: {status} {body[:300]!r}")
            sizes[side] = len(body)
        say(
            f"P6: gunicorn on {HOST}:{server.port}, {WORKERS} sync workers, DEBUG=0; "
            f"{CONNECTIONS} connections via {loader}; api {sizes['api']:,} bytes, "
            f"bare {sizes['bare']:,} bytes"
        )
        for path, headers in sides.values():
            _load_python(server.port, path, headers, WARM_UP_REQUESTS)
        rps = {side: [] for side in sides}
        requests = dict.fromkeys(sides, 0)
        failed = dict.fromkeys(sides, 0)
        for run in range(1, ROUNDS + 1):
            for side, (path, headers) in sides.items():
                if use_wrk:
                    result = _load_wrk(server.port, path, headers, WRK_SECONDS)
                else:
                    result = _load_python(server.port, path, headers, PYTHON_REQUESTS)
                rps[side].append(result[0])
                requests[side] += result[1]
                failed[side] += result[2]
            say(f"P6 round {run}: " + ", ".join(f"{k} {v[-1]:.0f} rps" for k, v in rps.items()))
    finally:
        if server is not None:
            server.stop()
            say("P6: gunicorn stopped")
        shutil.rmtree(directory, ignore_errors=True)
    rps_api, rps_bare, rps_static = (median(rps[side]) for side in ("api", "bare", "static"))
    check = (
        "all 200"
        if not any(failed.values())
        else "FAILED REQUESTS: " + ", ".join(f"{k} {v}" for k, v in failed.items())
    )
    summary(
        f"{name}: rps_api={rps_api:.0f} rps_bare={rps_bare:.0f} ratio={rps_api / rps_bare:.2f} "
        f"(goal >= 0.5; bare = one query of the same 100 rows, no auth) "
        f"rps_static={rps_static:.0f} ratio_static={rps_api / rps_static:.2f} (no query at all; "
        f"median of {ROUNDS} rounds, {sum(requests.values()):,} requests; "
        f"gunicorn {WORKERS} workers, {CONNECTIONS} connections, "
        f"{'wrk' if use_wrk else 'Python threads'}, {os.cpu_count()} CPUs, "
        f"cache {'Redis' if os.environ.get('BENCH_P6_REDIS_URL') else 'per process'}; {check})"
    )


# P3 ----------------------------------------------------------------------------------------


def _fresh_period(dataset):
    from measurement import services
    from measurement.models import ReportingPeriod

    last = ReportingPeriod.objects.filter(initiative=dataset.initiative).order_by("-end").first()
    (period,) = services.periods_generate(
        initiative=dataset.initiative,
        frequency="quarterly",
        first_start=last.end + timedelta(days=1),
        count=1,
    )
    ReportingPeriod.objects.filter(pk=period.pk).update(state="open")
    period.refresh_from_db()
    return period


def _batch(dataset, period_id: int) -> list[dict]:
    import random

    from measurement.models import Indicator

    rng = random.Random(13)
    indicators = list(
        Indicator.objects.filter(pk__in=dataset.indicator_ids)
        .order_by("pk")
        .values_list("pk", "aggregation")[:BULK_INDICATORS]
    )
    values = []
    for indicator_id, aggregation in indicators:
        for organization_id in dataset.organization_ids:
            value = numerator = denominator = None
            if aggregation == "ratio_of_sums":
                denominator = rng.randrange(1, 501)
                numerator = str(rng.randrange(0, denominator + 1))
                denominator = str(denominator)
            elif aggregation == "average":
                value = f"{rng.randrange(0, 10_000_000) / 100:.2f}"
            else:
                value = str(rng.randrange(0, 1000))
            values.append(
                {
                    "indicator": indicator_id,
                    "organization": organization_id,
                    "period": period_id,
                    "value": value,
                    "category": None,
                    "numerator": numerator,
                    "denominator": denominator,
                    "comment": "",
                }
            )
    return values[:BULK_VALUES]


def _post(client, body: dict) -> tuple[float, int, dict]:
    start = time.perf_counter()
    response = client.post(BULK_URL, data=json.dumps(body), content_type="application/json")
    seconds = time.perf_counter() - start
    try:
        data = response.json()
    except ValueError:
        data = {"content": response.content[:300].decode(errors="replace")}
    return seconds, response.status_code, data


def _copy(period_id: int, columns: list[str], rows: list[str]) -> float:
    """COPY the rows into measurement_submission for `period_id`, in one transaction."""
    from django.db import connection, transaction

    text = "".join(f"{period_id}\t{row}" for row in rows)
    start = time.perf_counter()
    statement = f"COPY measurement_submission (period_id, {', '.join(columns)}) FROM STDIN"
    with transaction.atomic(), connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        copy.write(text)
    return time.perf_counter() - start


def _stored_rows(period_id: int) -> tuple[list[str], list[str]]:
    """Every column but id and period_id of the period's rows, as COPY text lines."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = "
            "current_schema() AND table_name = 'measurement_submission' "
            "AND column_name NOT IN ('id', 'period_id') ORDER BY ordinal_position"
        )
        columns = [row[0] for row in cursor.fetchall()]
        with cursor.cursor.copy(
            f"COPY (SELECT {', '.join(columns)} FROM measurement_submission "
            f"WHERE period_id = {int(period_id)} ORDER BY id) TO STDOUT"
        ) as copy:
            text = b"".join(bytes(block) for block in copy).decode()
    return columns, text.splitlines(keepends=True)


def _bulk_available(client) -> str | None:
    """None when the endpoint is there; else why not."""
    request_log = logging.getLogger("django.request")
    level = request_log.level
    request_log.setLevel(logging.ERROR)  # the empty batch is refused (400): expected, not news
    try:
        _seconds, status, _data = _post(client, {"values": [], "submit": False})
    finally:
        request_log.setLevel(level)
    if status in (404, 405):
        return f"no bulk endpoint yet: POST {BULK_URL} answers {status}"
    return None


def p3(dataset) -> None:
    name = f"P3 bulk ingest of {BULK_VALUES:,} values"
    try:
        client = _client(_clients(dataset).tokens["reviewer"])
        missing = _bulk_available(client)
        if missing:
            summary(f"{name}: skipped ({missing})")
            return
        _p3(dataset, name, client)
    except Exception as error:
        summary(f"{name}: failed ({type(error).__name__}: {error})")


def _participations(dataset) -> None:
    """Staff write the values of participating organizations only: make the 200 participate."""
    from initiatives.models import Participation

    active = set(
        Participation.objects.active()
        .filter(initiative=dataset.initiative)
        .values_list("organization_id", flat=True)
    )
    Participation.objects.bulk_create(
        Participation(initiative=dataset.initiative, organization_id=pk, role="partner")
        for pk in dataset.organization_ids
        if pk not in active
    )


def _p3(dataset, name: str, client) -> None:
    _participations(dataset)
    period = _fresh_period(dataset)
    batch = _batch(dataset, period.pk)
    rows = len(batch)
    body = {"values": batch, "submit": False}
    megabytes = len(json.dumps(body)) / 1e6
    say(f"P3: POST {BULK_URL} with {rows:,} values ({megabytes:.1f} MB) into {period}")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        seconds, status, first = _post(client, body)
    database_s = sum(float(query["time"]) for query in queries.captured_queries)
    say(
        f"P3 first: {seconds:.2f}s ({len(queries)} queries, {database_s:.2f}s of them in the "
        f"database), {status}, {json.dumps(first)[:300]}"
    )
    if status >= 300:
        raise RuntimeError(f"POST {BULK_URL}: {status} {json.dumps(first)[:300]}")
    again_seconds, again_status, again = _post(client, body)
    say(f"P3 again: {again_seconds:.2f}s, {again_status}, {json.dumps(again)[:300]}")
    stored = _count("SELECT COUNT(*) FROM measurement_submission WHERE period_id = %s", [period.pk])

    columns, lines = _stored_rows(period.pk)
    copy_seconds = []
    for run in range(1, COPY_RUNS + 1):
        copy_period = _fresh_period(dataset)
        copy_seconds.append(_copy(copy_period.pk, columns, lines))
        copied = _count(
            "SELECT COUNT(*) FROM measurement_submission WHERE period_id = %s", [copy_period.pk]
        )
        say(f"P3 COPY run {run}: {copy_seconds[-1]:.3f}s, {copied:,} rows into {copy_period}")
    copy_s = median(copy_seconds)

    problems = []
    if first.get("created") != rows or stored != rows:
        problems.append(f"created {first.get('created')}, stored {stored} of {rows}")
    if (
        again_status >= 300
        or again.get("unchanged") != rows
        or again.get("created")
        or again.get("updated")
    ):
        problems.append(
            f"again: {again_status} created {again.get('created')}, updated "
            f"{again.get('updated')}, unchanged {again.get('unchanged')}"
        )
    if len(lines) != rows:
        problems.append(f"COPY of {len(lines)} rows")
    check = f"PROBLEM: {'; '.join(problems)}" if problems else "all created; again: all unchanged"
    summary(
        f"{name}: api_s={seconds:.2f} copy_s={copy_s:.3f} ratio={copy_s / seconds:.3f} "
        f"api_rows_per_s={rows / seconds:,.0f} again_s={again_seconds:.2f} "
        f"(goal >= 0.10; one request, test Client; COPY median of {COPY_RUNS}; {check})"
    )
