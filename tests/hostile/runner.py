"""Running one hostile input and judging what came back (see ``cases.py`` for the table).

As its own process (what a user sees; ``eval/hostile.py``) or inside this one (fast; the
test suite), with a timeout either way.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

try:  # inside the test package, or with tests/hostile on sys.path (eval/hostile.py)
    from . import cases as table
except ImportError:
    import cases as table  # type: ignore[no-redef]

SECRET = table.SECRET
Case = table.Case


@dataclass
class Outcome:
    case: Case
    # clear | unclear | traceback | hang | accepted-wrongly | accepted | refused-wrongly
    verdict: str
    code: int | None
    stderr: str
    stdout: str
    leaked: bool
    wrote: list[str]
    seconds: float


class _Timeout(BaseException):
    pass


def _in_process(argv: list[str], env: dict[str, str], timeout: float) -> tuple[int | None, str,
                                                                                str]:
    """Run ``openimr.cli.main`` here (fast, for the test suite); (exit code or None on a
    timeout, stdout, stderr). An exception that escapes main() is written out as a traceback,
    as the interpreter would."""
    import contextlib
    import io
    import signal
    import traceback

    from openimr.cli import main

    def alarm(_sig: int, _frame: Any) -> None:
        raise _Timeout

    saved_env, saved_argv = dict(os.environ), sys.argv
    out, err = io.StringIO(), io.StringIO()
    code: int | None = 0
    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        os.environ.clear()
        os.environ.update(env)
        sys.argv = ["openimr", *argv]
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main()
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            except _Timeout:
                code = None
            except BaseException:  # noqa: BLE001 - what a user would see
                err.write(traceback.format_exc())
                code = 1
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        os.environ.clear()
        os.environ.update(saved_env)
        sys.argv = saved_argv
    return code, out.getvalue(), err.getvalue()


def run_case(
    case: Case, folder: Path, timeout: float = 30.0, in_process: bool = False
) -> Outcome:
    folder.mkdir(parents=True, exist_ok=True)
    case.setup(folder)
    argv = [a.replace("{d}", str(folder)) for a in case.argv]
    env = {**os.environ, "PYTHONPATH": str(table.SRC), "OPENIMR_HOME": str(folder / ".home"),
           "COLUMNS": "200", **case.env}
    env.pop("OPENIMR_DATABASE_URL", None) if "OPENIMR_DATABASE_URL" not in case.env else None
    start = time.monotonic()
    if in_process:
        code, out, err = _in_process(argv, env, timeout)
        if code is None:
            return Outcome(case, "hang", None, err, out, False, [], time.monotonic() - start)
        proc = subprocess.CompletedProcess(argv, code, out, err)
    else:
        try:
            proc = subprocess.run(
                [sys.executable, "-m", "openimr", *argv], capture_output=True, text=True,
                errors="replace", timeout=timeout, env=env, stdin=subprocess.DEVNULL,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            out = exc.stdout if isinstance(exc.stdout, str) else ""
            return Outcome(case, "hang", None, "", out, False, [], time.monotonic() - start)
    secs = time.monotonic() - start
    err, out = proc.stderr, proc.stdout
    leaked = SECRET in err or SECRET in out
    wrote = [w for w in case.must_not_exist if (folder / w).exists()]
    lines = [ln for ln in err.splitlines() if ln.strip()]
    if "Traceback" in err:
        verdict = "traceback"
    elif case.expect == "accept":
        verdict = "accepted" if proc.returncode in (0, 1) else "refused-wrongly"
    elif proc.returncode in (0, 1) and not (case.family == "ingest" and proc.returncode == 1):
        verdict = "accepted-wrongly"
    else:
        text = "\n".join(lines)
        clear = (
            proc.returncode == 2 and len(lines) == 1 and all(w in text for w in case.words)
        )
        verdict = "clear" if clear else "unclear"
    return Outcome(case, verdict, proc.returncode, err, out, leaked, wrote, secs)
