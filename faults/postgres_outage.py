"""make fault-postgres: stop the private PostgreSQL and start it again; print what the API
and the pages of a gunicorn on 127.0.0.1 answered meanwhile, and how long they took to
answer again. (Over HTTP, not Django's test client: the test client keeps its connection
across requests, so it cannot show the recovery.)
"""

import collections
import time

from faults import services

services.use_in_this_process()

import django  # noqa: E402

django.setup()

from faults.common import api_token, http_clients, summary, timed  # noqa: E402

BASE = services.WEB_URL

ROUNDS = 10


def probe(page, api, anonymous) -> None:
    codes, times = collections.defaultdict(collections.Counter), collections.defaultdict(list)
    formats = collections.Counter()
    for _ in range(ROUNDS):
        for name, client, path in (
            ("api /api/v1/initiatives/", api, "/api/v1/initiatives/"),
            ("page /initiatives/", page, "/initiatives/"),
            ("/healthz", anonymous, "/healthz"),
        ):
            milliseconds, response = timed(lambda c=client, p=path: get(c, p))
            codes[name][response.status_code] += 1
            times[name].append(milliseconds)
            if response.status_code == 503 and name.startswith("api"):
                body = response.json()
                retry = response.headers.get("Retry-After")
                formats[f"{body.get('code')} Retry-After={retry}"] += 1
    for name in codes:
        print(f"    {name:28} {dict(codes[name])}  {summary(times[name])}")
    if formats:
        print(f"    api 503 bodies               {dict(formats)}")


def get(client, path):
    return client.get(BASE + path, timeout=30, allow_redirects=False)


def main() -> None:
    page, api, anonymous = http_clients(BASE, api_token())
    print("  PostgreSQL up:")
    probe(page, api, anonymous)
    services.postgres_stop()
    print("  PostgreSQL stopped:")
    probe(page, api, anonymous)
    started = time.monotonic()
    services.postgres_start()
    print(f"  PostgreSQL started again in {time.monotonic() - started:.1f} s")
    recovered = services.wait_for(
        lambda: (
            get(api, "/api/v1/initiatives/").status_code == 200
            and get(page, "/initiatives/").status_code == 200
        ),
        timeout=60,
        step=0.2,
    )
    print(
        f"  The API and the pages answer 200 again {recovered:.1f} s after the start"
        if recovered is not None
        else "  Still not answering 60 s after the start"
    )
    probe(page, api, anonymous)


if __name__ == "__main__":
    services.redis_start()
    services.postgres_start()
    web = None
    try:
        services.database_prepare()
        web = services.web_start()
        main()
    finally:
        if web:
            services.web_stop(web)
        services.stop_everything()
