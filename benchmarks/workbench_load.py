"""Load benchmark of the workbench: the service on loopback over PostgreSQL holding 10,000
cases and 200,000 published-letter items, driven by 50 concurrent simulated users (bounded
in time and count). Prints median and p95 latency of the queue, the case page, search and
sign, the errors, and the outcome of races (two supervisors assigning one case, two sessions
signing one case: exactly one must win, the other gets 409).

    python benchmarks/workbench_load.py [--users 50] [--duration 30] [--port 8141]

Every user logs in first (timed apart as "login": Argon2 makes 50 logins at once a burst of
CPU of their own), then the load runs for --duration seconds, each user starting at a random
moment within the first think time. The service's output goes to --server-log (or a
temporary file, whose tail is printed when it logged an error).

Needs a local PostgreSQL server (OPENIMR_TEST_PG_URL names one to create the scratch
database on; default postgresql+psycopg:///test). Only loopback traffic. Fictional data.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from workbench_seed import (  # noqa: E402
    OPEN_STATES,
    PASSWORD,
    seed_cases,
    seed_letters,
    seed_users,
)

WORDS = ["lumbar", "acupuncture", "therapy", "opioid", "brace", "epidural", "EMG", "program"]
MAX_REQUESTS_PER_USER = 2000
THINK = (1.0, 3.0)  # default seconds a simulated user waits between two steps (--think)
THINK_NOW = list(THINK)
SEARCH_SHARE = [0.25]  # share of a supervisor's steps that include a search (--search-share)


def pg_admin() -> str:
    return os.environ.get("OPENIMR_TEST_PG_URL", "postgresql+psycopg:///test")


def make_database() -> tuple[str, str]:
    import psycopg
    from sqlalchemy.engine import make_url

    admin = make_url(pg_admin())
    name = f"openimr_bench_{uuid.uuid4().hex[:8]}"
    info = f"dbname={admin.database or 'postgres'}" + (f" host={admin.host}" if admin.host else "")
    with psycopg.connect(info, autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    return admin.set(database=name).render_as_string(hide_password=False), info


def drop_database(url: str, info: str) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    name = make_url(url).database
    with psycopg.connect(info, autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Stats:
    def __init__(self) -> None:
        self.times: dict[str, list[float]] = {}
        self.errors: dict[str, int] = {}
        self.samples: list[str] = []
        self.timeline: list[tuple[float, str, float]] = []  # (start, operation, seconds)

    def add(self, op: str, seconds: float, ok: bool, note: str = "") -> None:
        self.times.setdefault(op, []).append(seconds)
        self.timeline.append((time.monotonic() - seconds, op, seconds))
        if not ok:
            self.errors[op] = self.errors.get(op, 0) + 1
            if len(self.samples) < 5:
                self.samples.append(f"{op}: {note[:200]}")


async def timed(stats: Stats, op: str, coro: Any, ok_codes: tuple[int, ...] = (200,)) -> Any:
    t0 = time.perf_counter()
    try:
        r = await coro
    except Exception as exc:  # connection errors count as errors
        stats.add(op, time.perf_counter() - t0, False, repr(exc))
        return None
    stats.add(op, time.perf_counter() - t0, r.status_code in ok_codes, f"{r.status_code} {r.text}")
    return r


async def login(base: str, username: str) -> tuple[httpx.AsyncClient, str]:
    client = httpx.AsyncClient(base_url=base, timeout=30)
    r = await client.post("/api/login", json={"username": username, "password": PASSWORD})
    if r.status_code != 200:
        raise RuntimeError(f"login {username}: {r.status_code} {r.text}")
    return client, r.json()["csrf_token"]


async def supervisor(
    session: tuple[httpx.AsyncClient, str],
    open_cases: list[str],
    stats: Stats,
    end: float,
    rnd: random.Random,
) -> None:
    client, _ = session
    n = 0
    try:
        await asyncio.sleep(rnd.uniform(0, THINK_NOW[1]))  # users do not all click at once
        while time.monotonic() < end and n < MAX_REQUESTS_PER_USER:
            await timed(stats, "queue", client.get("/queue"))
            await timed(stats, "case page", client.get(f"/cases/{rnd.choice(open_cases)}"))
            if rnd.random() < SEARCH_SHARE[0]:  # a search of published letters, now and then
                q, year = rnd.choice(WORDS), rnd.randint(2014, 2024)
                await timed(stats, "search", client.get(f"/published?q={q}&year={year}"))
            n += 3
            await asyncio.sleep(rnd.uniform(*THINK_NOW))  # think time
    finally:
        await client.aclose()


async def reviewer(
    session: tuple[httpx.AsyncClient, str],
    mine: list[str],
    stats: Stats,
    end: float,
    rnd: random.Random,
) -> None:
    client, csrf = session
    n = 0
    todo = list(mine)
    try:
        await asyncio.sleep(rnd.uniform(0, THINK_NOW[1]))  # users do not all click at once
        while time.monotonic() < end and n < MAX_REQUESTS_PER_USER:
            await timed(stats, "queue", client.get("/queue"))
            if not todo:
                await asyncio.sleep(1)
                continue
            cn = todo.pop()
            await timed(stats, "case page", client.get(f"/cases/{cn}"))
            items = (await client.get(f"/api/cases/{cn}/items")).json()
            body = {
                "items": {
                    it["id"]: {"decision": "upheld", "rationale": "Fictional rationale."}
                    for it in items
                },
                "note": "fictional benchmark sign-off",
            }
            await timed(
                stats,
                "sign",
                client.post(f"/api/cases/{cn}/sign", json=body, headers={"X-CSRF-Token": csrf}),
            )
            n += 4
            await asyncio.sleep(rnd.uniform(*THINK_NOW))
    finally:
        await client.aclose()


async def races(
    base: str, eligible: list[str], in_review: list[str], rid_of: dict[str, str], rounds: int
) -> dict[str, list[list[int]]]:
    a, ca = await login(base, "sup0")
    b, cb = await login(base, "sup1")
    out: dict[str, list[list[int]]] = {"assign": [], "sign": []}
    for cn in eligible[:rounds]:
        ra, rb = await asyncio.gather(
            a.post(f"/api/cases/{cn}/assign", json={}, headers={"X-CSRF-Token": ca}),
            b.post(f"/api/cases/{cn}/assign", json={}, headers={"X-CSRF-Token": cb}),
        )
        out["assign"].append(sorted([ra.status_code, rb.status_code]))
    for cn in in_review[:rounds]:
        rid = rid_of[cn]
        (x, cx), (y, cy) = (
            await login(base, f"dr-{rid.lower()}"),
            await login(base, f"dr-{rid.lower()}"),
        )
        items = (await x.get(f"/api/cases/{cn}/items")).json()
        body = {
            "items": {it["id"]: {"decision": "upheld", "rationale": "Fictional."} for it in items},
            "note": "fictional race",
        }
        rx, ry = await asyncio.gather(
            x.post(f"/api/cases/{cn}/sign", json=body, headers={"X-CSRF-Token": cx}),
            y.post(f"/api/cases/{cn}/sign", json=body, headers={"X-CSRF-Token": cy}),
        )
        out["sign"].append(sorted([rx.status_code, ry.status_code]))
        await x.aclose()
        await y.aclose()
    await a.aclose()
    await b.aclose()
    return out


def pct(values: list[float], p: float) -> float:
    v = sorted(values)
    return v[min(len(v) - 1, int(round(p * (len(v) - 1))))]


async def drive(
    base: str,
    users: int,
    duration: float,
    by_state: dict[str, list[str]],
    rid_of: dict[str, str],
    reviewer_ids: list[str],
) -> tuple[Stats, Any]:
    stats = Stats()
    race_eligible = by_state["eligible"][:5]
    race_review = by_state["in_review"][:5]
    open_cases = [c for s in ("assigned", "records_complete", "in_review") for c in by_state[s]]
    n_rev = min(len(reviewer_ids), users // 3)
    names = [f"dr-{rid.lower()}" for rid in reviewer_ids[:n_rev]]
    names += [f"sup{i}" for i in range(users - n_rev)]

    async def timed_login(name: str) -> tuple[httpx.AsyncClient, str]:
        t0 = time.perf_counter()
        got = await login(base, name)
        stats.add("login", time.perf_counter() - t0, True)
        return got

    # Every user logs in first (Argon2 on purpose costs tens of ms of CPU a login: 50 at once
    # are a burst of their own, timed as "login"); the working load starts when all are in.
    sessions = await asyncio.gather(*(timed_login(n) for n in names))
    end = time.monotonic() + duration
    tasks = []
    for i, rid in enumerate(reviewer_ids[:n_rev]):
        mine = [c for c in by_state["in_review"][5:] if rid_of[c] == rid]
        tasks.append(reviewer(sessions[i], mine, stats, end, random.Random(i)))
    for i in range(users - n_rev):
        tasks.append(
            supervisor(sessions[n_rev + i], open_cases, stats, end, random.Random(100 + i))
        )
    for outcome in await asyncio.gather(*tasks, return_exceptions=True):
        if isinstance(outcome, BaseException):
            stats.add("user", 0.0, False, repr(outcome))
    race = await races(base, race_eligible, race_review, rid_of, 5)
    return stats, race


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--duration", type=float, default=30.0, help="seconds of load")
    ap.add_argument("--port", type=int, default=8141)
    ap.add_argument("--letters", type=int, default=100_000, help="published letters (2 items each)")
    ap.add_argument("--keep", action="store_true", help="keep the scratch database")
    ap.add_argument(
        "--reuse",
        default=None,
        metavar="URL",
        help="a database kept by an earlier run (--keep): no seeding, not dropped",
    )
    ap.add_argument("--timeline", action="store_true", help="p95 per 5-second slice")
    ap.add_argument("--server-log", default=None, help="file for the service's output")
    ap.add_argument("--workers", type=int, default=2, help="service processes (uvicorn)")
    ap.add_argument(
        "--think",
        type=float,
        nargs=2,
        default=THINK,
        metavar=("MIN", "MAX"),
        help="think time between a user's steps, seconds",
    )
    ap.add_argument(
        "--search-share",
        type=float,
        default=SEARCH_SHARE[0],
        help="share of supervisor steps with a published-letter search",
    )
    return ap.parse_args()


def prepare(url: str, args: argparse.Namespace) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Seed the database (or read a reused one): the cases by state, their reviewers."""
    from sqlalchemy import text

    from openimr.reviewers import load_panel
    from openimr.store import make_engine, migrate

    t0 = time.perf_counter()
    engine = make_engine(url)
    migrate(engine)
    reviewer_ids = [r.id for r in load_panel().reviewers]
    by_state: dict[str, list[str]] = {}
    if args.reuse:  # a database seeded by an earlier run with --keep (its open cases)
        by_state.update({st: [] for st, _ in OPEN_STATES})
        with engine.connect() as c:
            for cn, st in c.execute(text("SELECT case_number, state FROM cases ORDER BY id")):
                by_state.setdefault(st, []).append(cn)
            items = c.execute(text("SELECT count(*) FROM published_letter_items")).scalar_one()
    else:
        by_state = seed_cases(engine, reviewer_ids, random.Random(7))
        items = seed_letters(engine, args.letters, random.Random(8))
        seed_users(engine, reviewer_ids, supervisors=args.users)
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            # settle the bulk load before measuring: statistics, visibility map, WAL flushed
            c.exec_driver_sql("VACUUM ANALYZE")
            c.exec_driver_sql("CHECKPOINT")
    with engine.connect() as c:
        n_cases = c.execute(text("SELECT count(*) FROM cases")).scalar_one()
        rid_of = dict(
            c.execute(
                text("SELECT case_number, reviewer_id FROM cases WHERE reviewer_id IS NOT NULL")
            ).all()
        )
    engine.dispose()
    print(
        f"{'reused' if args.reuse else 'seeded'} {n_cases} cases and {items} "
        f"published-letter items in {time.perf_counter() - t0:.0f} s"
    )
    return by_state, rid_of


def start_service(
    url: str, args: argparse.Namespace, audit_dir: str, server_log: str
) -> tuple[subprocess.Popen[bytes], str]:
    """``openimr serve`` on loopback; returns when it answers."""
    env = dict(os.environ, OPENIMR_AUDIT_DIR=audit_dir, PYTHONUNBUFFERED="1")
    # the service's output goes to a file (a pipe nobody reads fills up and blocks it)
    fd = os.open(server_log, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    command = [sys.executable, "-m", "openimr", "serve", "--db", url, "--port", str(args.port)]
    server = subprocess.Popen(
        [*command, "--workers", str(args.workers)], env=env, stdout=fd, stderr=subprocess.STDOUT
    )
    os.close(fd)
    base = f"http://127.0.0.1:{args.port}"
    for _ in range(300):
        try:
            if httpx.get(base + "/login", timeout=2).status_code == 200:
                return server, base
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    server.terminate()
    raise SystemExit("the service did not start")


def report(args: argparse.Namespace, stats: Stats, race: Any, load_before: float) -> int:
    """Print the figures; 0 when the targets hold, 1 otherwise."""
    print(
        f"\n{args.users} simulated users for {args.duration:.0f} s over loopback, think time "
        f"{THINK_NOW[0]:g}-{THINK_NOW[1]:g} s, search in {SEARCH_SHARE[0]:.0%} of supervisor "
        f"steps, {args.workers} service process(es), "
        f"{os.cpu_count()} CPU(s) shared with the load generator; load average "
        f"{load_before:.1f} before, {os.getloadavg()[0]:.1f} after"
    )
    print(f"{'operation':<10} {'requests':>8} {'median ms':>10} {'p95 ms':>8} {'errors':>7}")
    failed = False
    for op in ("login", "queue", "case page", "search", "sign"):
        t = stats.times.get(op, [])
        if not t:
            print(f"{op:<10} {0:>8}")
            continue
        med, p95 = statistics.median(t) * 1000, pct(t, 0.95) * 1000
        err = stats.errors.get(op, 0)
        print(f"{op:<10} {len(t):>8} {med:>10.1f} {p95:>8.1f} {err:>7}")
        failed |= err > 0
        if op in ("queue", "case page") and p95 >= 200:
            failed = True
    failed |= stats.errors.get("user", 0) > 0
    for s in stats.samples:
        print("  error:", s)
    work = [(t, op, x) for t, op, x in stats.timeline if op in ("queue", "case page")]
    if args.timeline and work:
        t0 = min(t for t, _, _ in work)
        print("timeline (5 s slices of the load): requests and p95 ms of queue + case page")
        for k in range(int(args.duration // 5) + 2):
            sl = [x for t, _, x in work if k * 5 <= t - t0 < k * 5 + 5]
            if sl:
                print(f"  {k * 5:3d}-{k * 5 + 5:3d} s: {len(sl):4d} {pct(sl, 0.95) * 1000:8.1f}")
    for kind, outcomes in race.items():
        good = bool(outcomes) and all(o == [200, 409] for o in outcomes)
        print(
            f"race {kind}: {len(outcomes)} rounds, outcomes {outcomes} "
            f"({'exactly one winner each' if good else 'NOT ONE WINNER'})"
        )
        failed |= not good
    print("RESULT:", "FAIL" if failed else "PASS (p95 < 200 ms for queue and case page, no error)")
    return 1 if failed else 0


def main() -> int:
    args = parse_args()
    SEARCH_SHARE[0] = args.search_share
    THINK_NOW[:] = [args.think[0], args.think[1]]
    from openimr.reviewers import load_panel

    url, info = args.reuse or "", ""
    if not args.reuse:
        url, info = make_database()
    server = None
    audit_dir = tempfile.TemporaryDirectory(prefix="openimr-bench-audit-")
    server_log = args.server_log or os.path.join(audit_dir.name, "service.log")
    try:
        by_state, rid_of = prepare(url, args)
        reviewer_ids = [r.id for r in load_panel().reviewers]
        server, base = start_service(url, args, audit_dir.name, server_log)
        load_before = os.getloadavg()[0]
        stats, race = asyncio.run(
            drive(base, args.users, args.duration, by_state, rid_of, reviewer_ids)
        )
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(15)
            except subprocess.TimeoutExpired:
                server.kill()
        if not args.keep and not args.reuse:
            drop_database(url, info)
        elif args.keep:
            print(f"kept the database: {url}")
        if os.path.exists(server_log):
            with open(server_log, encoding="utf-8", errors="replace") as fh:
                logged = fh.read().splitlines()
            if any("Traceback" in line for line in logged):  # fictional data only
                print("the service logged errors; its last lines:", *logged[-25:], sep="\n  ")
        audit_dir.cleanup()
    return report(args, stats, race, load_before)


if __name__ == "__main__":
    raise SystemExit(main())
