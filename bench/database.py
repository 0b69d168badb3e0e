"""The database the benchmarks run on: DATABASE_URL, or a throwaway one that is dropped after.

Everything here runs before django.setup(), because the settings read DATABASE_URL once.
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from psycopg import sql

SERVER_URL = "postgres://postgres@127.0.0.1:5432/postgres"


def _say(message: str) -> None:
    from .progress import say

    say(message)


@contextmanager
def bench_database() -> Iterator[bool]:
    """Yield True when the database is a throwaway one made here (and dropped on the way out)."""
    if os.environ.get("DATABASE_URL"):
        if not os.environ["DATABASE_URL"].startswith(("postgres://", "postgresql://")):
            raise SystemExit("make bench runs on PostgreSQL: DATABASE_URL must be postgres://…")
        _say("using DATABASE_URL as it is")
        yield False
        return
    name = f"bench_{os.getpid()}"
    with psycopg.connect(SERVER_URL, autocommit=True) as server:
        server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    _say(f"created the throwaway database {name}")
    os.environ["DATABASE_URL"] = SERVER_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        yield True
    finally:
        try:
            from django.db import connections

            connections.close_all()
        except Exception:
            pass  # Django never got set up: nothing to close
        with psycopg.connect(SERVER_URL, autocommit=True) as server:
            server.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        _say(f"dropped {name}")
