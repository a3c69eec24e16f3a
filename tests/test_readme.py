"""The README's tour works as written: every command of it runs, in order, in a fresh folder
with a database of its own (the slow whole-folder `eval` excepted), with no traceback."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")
TOUR = README.split("## A tour of the commands", 1)[1].split("\n## ", 1)[0]
SKIP = ("openimr eval ",)  # decides every example bundle: covered by tests/review


def _commands() -> list[str]:
    lines: list[str] = []
    for block in re.findall(r"```bash\n(.*?)```", TOUR, re.S):
        for line in block.splitlines():
            cmd = re.sub(r"\s+#.*$", "", line).strip()
            if cmd and not cmd.startswith(SKIP):
                lines.append(cmd)
    return lines


def test_tour_covers_every_command_group() -> None:
    groups = {c.split()[1] for c in _commands() if c.startswith("openimr ")}
    assert {"decide", "eligibility", "evidence", "case", "deadlines", "letters",
            "guidelines"} <= groups
    assert "openimr eval " in TOUR


def test_the_tour_runs(tmp_path: Path) -> None:
    for name in ("examples", "tests"):
        (tmp_path / name).symlink_to(REPO / name)
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "OPENIMR_HOME": str(tmp_path / "home")}
    env.pop("OPENIMR_DATABASE_URL", None)
    script = "set -e\n" + f'openimr() {{ "{sys.executable}" -m openimr "$@"; }}\n'
    for cmd in _commands():
        # a command whose exit 1 is its answer (an ingest with bad files) must not stop the tour
        script += f"{cmd} || [ $? -eq 1 ] || {{ echo 'FAILED: {cmd}' >&2; exit 9; }}\n"
    proc = subprocess.run(
        ["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True,
        timeout=900, check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    letter = (tmp_path / "letter.txt").read_text(encoding="utf-8")
    assert "CM13-0057725" in letter and "DRAFT" not in letter
    assert "eligibility eligible" in proc.stdout
    assert "audit log intact" in proc.stdout
