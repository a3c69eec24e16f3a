"""A fictional case from application to issued letter through the CLI, with the real engine
and letters; the audit log must show every step in order with its actor and time."""

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from openimr.cli import app
from openimr.reviewers import load_panel

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    db = f"sqlite:///{tmp_path_factory.mktemp('e2e') / 'cases.sqlite'}"
    runner = CliRunner()

    def invoke(*args: str, ok: bool = True) -> str:
        result = runner.invoke(app, [*args, "--db", db])
        if ok:
            assert result.exit_code == 0, (args, result.output, result.exception)
        else:
            assert result.exit_code != 0, (args, result.output)
        return result.output

    return invoke


def test_application_to_issued_letter(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bundle = str(DATA / "case-e2e.yaml")
    cn = "CM99-0600001"
    out = run("case", "new", bundle, "--actor", "intake-clerk", "--at", "2013-11-25T10:05")
    assert "eligibility eligible" in out

    out = run("case", "assign", cn, "--notice", "electronic", "--actor", "coordinator",
              "--at", "2013-11-26T09:00")  # fmt: skip
    rid = re.search(r"assigned to reviewer (\S+)", out).group(1)  # type: ignore[union-attr]
    assert "excluded R02: affiliated with the claims administrator" in out

    out = run("deadlines", "--now", "2013-11-27T12:00")
    assert cn in out and "2013-12-09" in out  # 12 days -> Sun 12/8 -> Mon 12/9

    run("case", "records", cn, "--received", "2013-12-06T17:45", "--actor", "coordinator",
        "--at", "2013-12-06T17:50")  # fmt: skip
    # the read itself is audited (issue 14)
    out = run("case", "show", cn, "--actor", "coordinator", "--at", "2013-12-06T17:55")
    assert "determination due: 2014-01-08" in out  # 30 days from Mon 12/9 (after 5:30 pm Fri)

    out = run("case", "view", cn, "--actor", f"reviewer:{rid}", "--at", "2013-12-10T08:55")
    assert "=== pr-2013-10-15" in out

    # an unsigned draft cannot be issued
    run("case", "review", cn, "--at", "2013-12-10T09:00")
    run("case", "issue", cn, "--actor", "coordinator", ok=False)

    run("case", "sign", cn, "--reviewer", rid, "--edits", str(DATA / "edits-e2e.yaml"),
        "--at", "2013-12-10T10:30")  # fmt: skip
    letter_path = tmp_path / "letter.txt"
    run("case", "issue", cn, "--format", "text", "-o", str(letter_path), "--actor", "coordinator",
        "--at", "2013-12-11T09:00")  # fmt: skip
    letter = letter_path.read_text(encoding="utf-8")
    assert cn in letter
    assert "the records describe low back" in " ".join(letter.split())  # the signed rationale
    reviewer = load_panel().get(rid)
    assert reviewer.name and reviewer.name not in letter
    assert reviewer.board_certification in " ".join(letter.split())

    out = run("case", "audit", cn, "--verify")
    lines = [ln for ln in out.splitlines() if cn in ln]
    steps = [(ln.split()[5], ln.split()[6]) for ln in lines]
    n_edits = sum(1 for _, action in steps if action == "item.edited")
    assert n_edits >= 2  # at least both rationales were rewritten
    assert steps == [
        ("intake-clerk", "state.received"),
        ("intake-clerk", "state.eligible"),
        ("coordinator", "state.assigned"),
        ("coordinator", "state.records_complete"),
        ("coordinator", "case.viewed"),
        (f"reviewer:{rid}", "records.viewed"),
        ("engine", "state.in_review"),
        *[(f"reviewer:{rid}", "item.edited")] * n_edits,
        (f"reviewer:{rid}", "state.determined"),
        ("coordinator", "state.issued"),
    ]
    times = [ln.split()[1] + " " + ln.split()[2] for ln in lines]
    assert times[0] == "2013-11-25 10:05:00" and times[-1] == "2013-12-11 09:00:00"
    assert times == sorted(times)
    assert "hash chain verified" in out

    export = json.loads(run("case", "show", cn, "--format", "json"))
    assert export["state"] == "issued" and export["review_seconds"] == 90 * 60
    assert {"item": "2", "field": "rationale"}.items() <= export["changes"][-1].items()
    assert [it["decision"] for it in export["determination"]["items"]] == ["upheld", "upheld"]
    dumped = json.dumps(export)
    assert rid not in dumped and reviewer.name not in dumped
    assert "reviewer" in {e["actor"] for e in export["audit"]}

    assert "no open case" in run("deadlines", "--now", "2013-12-12T09:00")


def test_eligibility_command(tmp_path: Path) -> None:
    runner = CliRunner()
    good = runner.invoke(app, ["eligibility", str(DATA / "case-e2e.yaml")])
    assert good.exit_code == 0 and "ELIGIBLE" in good.output
    bad = tmp_path / "late.yaml"
    text = (DATA / "case-e2e.yaml").read_text(encoding="utf-8")
    bad.write_text(text.replace("received: 2013-11-25T10:00:00", "received: 2013-12-20")
                   .replace("signed: true", "signed: false"), encoding="utf-8")  # fmt: skip
    out = runner.invoke(app, ["eligibility", str(bad)])
    assert out.exit_code == 1
    assert "INELIGIBLE" in out.output and "FAIL signed" in out.output
    assert "FAIL timely: late by 7 day(s)" in out.output  # due Fri 12/13 (35 days, mailed UR)
    js = runner.invoke(app, ["eligibility", str(bad), "--format", "json"])
    assert json.loads(js.output)["outcome"] == "ineligible"
    # a batch goes on past a bad file and says so
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: openimr-case/1\n", encoding="utf-8")
    both = runner.invoke(app, ["eligibility", str(broken), str(DATA / "case-e2e.yaml")])
    assert both.exit_code == 2 and "ELIGIBLE" in both.output


def test_exit_codes_through_the_real_entry_point(tmp_path: Path) -> None:
    """``openimr`` (cli.main) keeps the exit codes: 1 not eligible, 2 refused step."""
    import subprocess
    import sys

    text = (DATA / "case-e2e.yaml").read_text(encoding="utf-8")
    unsigned = tmp_path / "unsigned.yaml"
    unsigned.write_text(text.replace("signed: true", "signed: false"), encoding="utf-8")
    r = subprocess.run(
        [sys.executable, "-m", "openimr", "eligibility", str(unsigned)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 1 and "FAIL signed" in r.stdout
    r = subprocess.run(
        [sys.executable, "-m", "openimr", "case", "issue", "CM00-0000000",
         "--db", f"sqlite:///{tmp_path / 'x.sqlite'}"],
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip
    assert r.returncode == 2
    assert r.stderr.strip() == "error: case CM00-0000000: no such case"
