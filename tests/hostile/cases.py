"""A generated table of hostile inputs (all fictional): what a careless or malicious user feeds
OpenIMR, family by family, each with the one clear line it must get back.

Each :class:`Case` builds its own folder (a bundle, record files, a panel, a database ...),
names the command to run, and says what must come back: a refusal (exit 2, one line on stderr
holding the given words), or, for the controls, an acceptance. A file holding a fake SSN sits
beside every bundle folder; it must never appear in any output. Run by ``runner.py``
from ``tests/hostile/test_hostile.py`` (CI) and ``eval/hostile.py`` (the counts).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]
SRC = REPO / "src"
VALID_RECORDS = REPO / "tests" / "data" / "bundles" / "valid" / "records"
SECRET = "SECRET-SSN 078-05-1120 (fictional)"
TODAY = dt.date.today()
FUTURE = (TODAY + dt.timedelta(days=40)).isoformat()
NEXT_YEAR = (TODAY + dt.timedelta(days=400)).isoformat()

Setup = Callable[[Path], None]


@dataclass
class Case:
    name: str
    family: str
    argv: list[str]  # after "openimr"; "{d}" is the case's folder
    setup: Setup
    expect: str = "refuse"  # refuse | accept
    words: tuple[str, ...] = ()  # each must appear in the refusal line
    env: dict[str, str] = field(default_factory=dict)
    must_not_exist: tuple[str, ...] = ()  # relative to the folder: nothing written there


def base_bundle() -> dict[str, Any]:
    return {
        "format": "openimr-case/1",
        "case_number": "CM99-0130001",
        "dates": {"ur_denial": "2016-10-03", "application_received": "2016-10-20"},
        "patient": {"age": 46, "sex": "female"},
        "claim": {"date_of_injury": "2016-01-15", "body_parts": ["lumbar spine"]},
        "records": [
            {"id": "pr-1", "date": "2016-09-20", "kind": "progress report",
             "text": "Low back pain, 6/10. Straight leg raise negative."}
        ],
        "requests": [{"id": "1", "item": "Physical therapy 2x6 for the lumbar spine"}],
    }


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    cur: Any = data
    for p in parts[:-1]:
        cur = cur[int(p)] if isinstance(cur, list) else cur.setdefault(p, {})
    last = parts[-1]
    if isinstance(cur, list):
        cur[int(last)] = value
    else:
        cur[last] = value


def _secret(d: Path) -> None:
    d.mkdir(parents=True, exist_ok=True)
    (d.parent / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")


def bundle_with(changes: dict[str, Any], name: str = "bundle.yaml") -> Setup:
    def setup(d: Path) -> None:
        _secret(d)
        data = base_bundle()
        for path, value in changes.items():
            _set(data, path, value)
        text = json.dumps(data) if name.endswith(".json") else yaml.safe_dump(
            data, allow_unicode=True, sort_keys=False, width=10**9
        )
        (d / name).write_text(text, encoding="utf-8")

    return setup


def raw_bundle(text: str | bytes, name: str = "bundle.yaml") -> Setup:
    def setup(d: Path) -> None:
        _secret(d)
        p = d / name
        if isinstance(text, bytes):
            p.write_bytes(text)
        else:
            p.write_text(text, encoding="utf-8")

    return setup


def yaml_lines(**over: str) -> str:
    """The base bundle written by hand, so a value can be put in unquoted."""
    v = {
        "case_number": "CM99-0130001", "ur_denial": "2016-10-03", "injury": "2016-01-15",
        "age": "46", "extra": "",
    }
    v.update(over)
    return (
        "format: openimr-case/1\n"
        f"case_number: {v['case_number']}\n"
        f"dates:\n  ur_denial: {v['ur_denial']}\n"
        f"patient:\n  age: {v['age']}\n"
        f"claim:\n  date_of_injury: {v['injury']}\n"
        "requests:\n  - id: '1'\n    item: Physical therapy 2x6 for the lumbar spine\n"
        + v["extra"]
    )


def record_file(name: str, make: Callable[[Path], None] | None = None) -> Setup:
    """The base bundle with one record read from ``name``; ``make`` builds that file."""

    def setup(d: Path) -> None:
        _secret(d)
        data = base_bundle()
        data["records"] = [{"id": "pr-1", "date": "2016-09-20", "file": name}]
        (d / "bundle.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        if make:
            make(d)

    return setup


def _encrypted_pdf(d: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter()
    for page in PdfReader(VALID_RECORDS / "pr-2.pdf").pages:
        w.add_page(page)
    w.encrypt(user_password="letmein", owner_password="owner")
    with (d / "enc.pdf").open("wb") as fh:
        w.write(fh)


def _symlink(target: str, link: str) -> Callable[[Path], None]:
    def make(d: Path) -> None:
        t = Path(target) if target.startswith("/") else d.parent / target
        (d / link).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(t, d / link)

    return make


def _fifo(name: str) -> Callable[[Path], None]:
    return lambda d: os.mkfifo(d / name)


def _big_text(name: str, mb: int) -> Callable[[Path], None]:
    def make(d: Path) -> None:
        with (d / name).open("wb") as fh:
            fh.truncate(mb * 1_000_000)  # sparse: cheap to make, too large to read

    return make


def panel_file(text: str) -> Setup:
    def setup(d: Path) -> None:
        bundle_with({})(d)
        (d / "panel.yaml").write_text(text, encoding="utf-8")

    return setup


PANEL_OK = (REPO / "src" / "openimr" / "reviewers" / "data" / "panel.yaml").read_text()


def panel_changed(old: str, new: str) -> Setup:
    assert old in PANEL_OK, old
    return panel_file(PANEL_OK.replace(old, new, 1))


def _fictional() -> Any:
    """tests/letters_in/fictional.py, loaded by path (a package named "tests" may be
    installed in site-packages and shadow ours)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "openimr_fictional_letters", REPO / "tests" / "letters_in" / "fictional.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _letters(d: Path, n: int = 3) -> None:
    _fictional().write_letters(d / "letters", n)


def _draft(d: Path) -> None:
    """One of OpenIMR's own unsigned letters, as the engine renders it (no NLP needed)."""
    import random

    from openimr.letters import render

    det = _fictional().determination(1, random.Random(3)).model_copy(update={"status": "draft"})
    text = render(det, "text")
    assert isinstance(text, str)
    (d / "letters").mkdir(parents=True, exist_ok=True)
    (d / "letters" / "draft.txt").write_text(text, encoding="utf-8")


def nothing(d: Path) -> None:
    _secret(d)


def _db_file(d: Path) -> None:
    _secret(d)
    (d / "notdb.sqlite").write_text("this is not a database\n")


def generate() -> list[Case]:
    out: list[Case] = []
    elig = ["eligibility", "{d}/bundle.yaml"]

    def refuse(name: str, family: str, setup: Setup, words: tuple[str, ...],
               argv: list[str] | None = None, **kw: Any) -> None:
        out.append(Case(name, family, argv or elig, setup, "refuse", words, **kw))

    # -- impossible values: one field at a time -------------------------------------------
    imp = "impossible-values"
    for path, value, words in [
        ("dates.ur_denial", FUTURE, ("dates.ur_denial", "in the future")),
        ("dates.ur_denial", "2013-02-30", ("dates.ur_denial", "no such day")),
        ("dates.ur_denial", 0, ("dates.ur_denial", "a number, not a date")),
        ("dates.ur_denial", True, ("dates.ur_denial", "boolean")),
        ("dates.ur_denial", 20161003, ("dates.ur_denial", "a number")),
        ("dates.ur_denial", "yesterday", ("dates.ur_denial", "not a date")),
        ("dates.ur_denial", "", ("dates.ur_denial", "not a date")),
        ("dates.ur_denial", ["2016-10-03"], ("dates.ur_denial", "not a date")),
        ("dates.ur_denial", "1899-12-31", ("dates.ur_denial", "before 1900")),
        ("dates.application_received", FUTURE, ("dates.application_received", "future")),
        ("dates.application_received", "2016-09-01", ("application_received", "before")),
        ("dates.assigned", "2016-10-10", ("dates.assigned", "before")),
        ("dates.records_received", NEXT_YEAR, ("dates.records_received", "future")),
        ("dates.decision", "2016-09-30", ("dates.decision", "before")),
        ("claim.date_of_injury", FUTURE, ("claim.date_of_injury", "future")),
        ("claim.date_of_injury", "2016-11-01", ("claim.date_of_injury", "after dates.ur_denial")),
        ("claim.date_of_injury", 0, ("claim.date_of_injury", "number")),
        ("claim.date_of_injury", None, ("claim.date_of_injury",)),
        ("claim.date_of_injury", "1850-06-01", ("claim.date_of_injury", "before 1900")),
        ("patient.date_of_birth", FUTURE, ("patient.date_of_birth", "future")),
        ("patient.date_of_birth", "2016-03-01", ("patient.date_of_birth", "after")),
        ("patient.date_of_birth", "1850-01-01", ("patient.date_of_birth", "before 1900")),
        ("patient.age", True, ("patient.age", "boolean")),
        ("patient.age", False, ("patient.age", "boolean")),
        ("patient.age", -1, ("patient.age", "greater than or equal to 0")),
        ("patient.age", 121, ("patient.age", "less than or equal to 120")),
        ("patient.age", 46.5, ("patient.age", "whole number")),
        ("patient.age", "46", ("patient.age", "whole number")),
        ("patient.age", "forty-six", ("patient.age", "whole number")),
        ("patient.age", [46], ("patient.age",)),
        ("patient.age", 10**30, ("patient.age", "less than or equal to 120")),
        ("patient.sex", "m", ("patient.sex", "not one of")),
        ("priority", "urgent", ("priority", "not one of")),
        ("records.0.date", FUTURE, ("records[0].date", "future")),
        ("records.0.date", "1900-01-01", ("records[0].date", "before patient.date_of_birth")),
        ("application", {"signed": "yes"}, ("application.signed", "true or false")),
        ("application", {"signed": 1}, ("application.signed", "true or false")),
        ("application", {"received": FUTURE}, ("application.received", "future")),
        ("application", {"received": "2016-09-01"}, ("application.received", "before")),
        ("application", {"formulary_dispute": "no"}, ("application.formulary_dispute",)),
        ("application", {"signature_date": "2016-10-20T09:00:00"}, ("signature_date", "time")),
        ("application", {"ur_served": "2016-09-01"}, ("application.ur_served", "before")),
        ("requests", [], ("requests", "must not be empty")),
        ("requests.0.item", "", ("requests[0].item",)),
        ("requests.0.ur_decision", "approved", ("requests[0].ur_decision", "not one of")),
        ("claim.insurer_phone", "555-0100", ("claim.insurer_phone", "not a field")),
        ("format", "openimr-case/2", ("format", "not a supported format")),
    ]:
        changes: dict[str, Any] = {path: value}
        if path == "records.0.date" and value == "1900-01-01":
            changes["patient.date_of_birth"] = "1970-05-05"
        refuse(f"{path}={value!r}"[:70], imp, bundle_with(changes), words)
    refuse("age-disagrees-with-birth", imp,
           bundle_with({"patient.age": 20, "patient.date_of_birth": "1970-01-01"}),
           ("patient.age", "does not match"))
    # values written unquoted, as a hand-edited YAML file has them
    refuse("unquoted impossible date", imp, raw_bundle(yaml_lines(ur_denial="2013-02-30")),
           ("dates.ur_denial", "no such day", ":4:"))
    refuse("unquoted datetime for a date", imp,
           raw_bundle(yaml_lines(ur_denial="2016-10-03 10:30:00")),
           ("dates.ur_denial", "time of day"))
    refuse("unquoted 0 for a date", imp, raw_bundle(yaml_lines(injury="0")),
           ("claim.date_of_injury", "number"))
    refuse("age: yes", imp, raw_bundle(yaml_lines(age="yes")), ("patient.age", "boolean"))
    refuse("age: .inf", imp, raw_bundle(yaml_lines(age=".inf")), ("patient.age", "whole number"))
    refuse("age: 1e400", imp, raw_bundle(yaml_lines(age="1e400")), ("patient.age",))
    refuse("duplicate case_number key", imp,
           raw_bundle(yaml_lines(extra="case_number: CM99-0130002\n")),
           ("case_number", "written twice"))
    refuse("duplicate key in JSON", imp,
           raw_bundle('{"format": "openimr-case/1", "case_number": "CM99-0130001", '
                      '"case_number": "CM99-0130002"}', "bundle.json"),
           ("written twice",), argv=["eligibility", "{d}/bundle.json"])

    # -- identifiers: case numbers and ids -----------------------------------------------
    ident = "identifiers"
    for value, words in [
        ("CM99-0130001\nCM99-0130002", ("case_number", "line break")),
        ("<script>alert(1)</script>", ("case_number", "not a DWC case number")),
        ("../../etc/passwd", ("case_number", "not a DWC case number")),
        ("C" * 10_000, ("case_number", "longer than 64")),
        ("CM99-0130001\u202e", ("case_number", "bidirectional")),
        ("\u202eCM99-0130001", ("case_number", "bidirectional")),
        ("CM99-0130001\x00", ("case_number", "control character")),
        ("CM99-0130001\u200b", ("case_number", "invisible")),
        ("cm99-0130001", ("case_number", "not a DWC case number")),
        ("CM99 0130001", ("case_number", "not a DWC case number")),
        ("", ("case_number",)),
        (12345, ("case_number", "not a DWC case number")),
        (True, ("case_number",)),
        ("'; DROP TABLE cases; --", ("case_number", "not a DWC case number")),
    ]:
        refuse(f"case_number={value!r}"[:70], ident, bundle_with({"case_number": value}), words)
    for path, value, words in [
        ("records.0.id", "../../x", ("records[0].id", "path")),
        ("records.0.id", "<b>x</b>", ("records[0].id", "markup")),
        ("records.0.id", "pr\n1", ("records[0].id", "line break")),
        ("records.0.id", "p" * 1000, ("records[0].id", "longer than 64")),
        ("records.0.id", "pr-1\u2066", ("records[0].id", "bidirectional")),
        ("requests.0.id", "1\u202e", ("requests[0].id", "bidirectional")),
        ("requests.0.item", "Physical therapy\n\nGRANTED", ("requests[0].item", "line break")),
        ("requests.0.item", "PT \u202eevoN", ("requests[0].item", "bidirectional")),
        ("requests.0.item", "x" * 5000, ("requests[0].item", "at most 2000")),
        ("claim.employer", "Acme\rInc", ("claim.employer", "line break")),
        ("records.0.author", "Dr.\u2067 Who", ("records[0].author", "bidirectional")),
    ]:
        refuse(f"{path}={value!r}"[:70], ident, bundle_with({path: value}), words)

    # -- record files outside the bundle, and files that are not files ------------------
    rec = "record-files"
    for name, make, words in [
        ("{abs}", None, ("records[0].file", "absolute path")),
        ("../secret.txt", None, ("records[0].file", "leaves the bundle's folder")),
        ("records/../../secret.txt", None, ("records[0].file", "leaves")),
        ("~/secret.txt", None, ("records[0].file", "absolute")),
        ("C:\\secret.txt", None, ("records[0].file", "absolute")),
        ("\\\\server\\share\\secret.txt", None, ("records[0].file", "absolute")),
        ("link.txt", _symlink("secret.txt", "link.txt"), ("records[0].file", "outside")),
        ("records/link.txt", _symlink("secret.txt", "records/link.txt"), ("outside",)),
        ("etc.txt", _symlink("/etc/hostname", "etc.txt"), ("records[0].file", "outside")),
        ("zero.txt", _symlink("/dev/zero", "zero.txt"), ("records[0].file", "outside")),
        ("records", lambda d: (d / "records").mkdir(), ("records[0].file",)),
        ("notes.txt", lambda d: (d / "notes.txt").mkdir(), ("records[0].file", "directory")),
        ("pipe.txt", _fifo("pipe.txt"), ("records[0].file", "FIFO")),
        ("pipe.pdf", _fifo("pipe.pdf"), ("records[0].file", "FIFO")),
        ("", None, ("records[0].file", "empty")),
        ("a\x00b.txt", None, ("records[0].file", "control character")),
        ("missing.txt", None, ("records[0].file", "file not found")),
        ("enc.pdf", _encrypted_pdf, ("records[0].file", "encrypted")),
        ("broken.pdf", lambda d: (d / "broken.pdf").write_bytes(b"%PDF-1.4 no"),
         ("records[0].file", "not a readable PDF")),
        ("latin1.txt", lambda d: (d / "latin1.txt").write_bytes("caf\xe9".encode("latin-1")),
         ("records[0].file", "not UTF-8")),
        ("big.txt", _big_text("big.txt", 25), ("records[0].file", "limit")),
        ("note.docx", lambda d: (d / "note.docx").write_bytes(b"PK\x03\x04"),
         ("records[0].file", "unsupported record file type")),
    ]:
        def setup(d: Path, name: str = name, make: Any = make) -> None:
            actual = str(d.parent / "secret.txt") if name == "{abs}" else name
            record_file(actual, make)(d)

        refuse(f"file={name!r}"[:70], rec, setup, words)

    # -- the bundle file itself ----------------------------------------------------------
    bf = "bundle-file"
    refuse("flow nesting 20000", bf, raw_bundle("[" * 20000 + "]" * 20000), ("nesting deeper",))
    refuse("block nesting 20000", bf, raw_bundle("- " * 20000 + "x\n"), ("nesting deeper",))
    refuse("JSON nesting 20000", bf, raw_bundle("[" * 20000 + "]" * 20000, "bundle.json"),
           ("nesting deeper",), argv=["eligibility", "{d}/bundle.json"])
    bomb = "a: &a [x,x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    refuse("alias bomb", bf, raw_bundle(bomb), ("expands to more than",))
    refuse("not UTF-8", bf, raw_bundle(b"format: openimr-case/1\ncase_number: \xff\xfe\n"),
           ("not UTF-8",))
    refuse("binary garbage", bf, raw_bundle(bytes(range(256)) * 4), ("bundle.yaml",))
    refuse("empty file", bf, raw_bundle(""), ("must be a mapping",))
    refuse("a list", bf, raw_bundle("- a\n- b\n"), ("must be a mapping",))
    refuse("a scalar", bf, raw_bundle("hello\n"), ("must be a mapping",))
    refuse("tab indentation", bf, raw_bundle("format: x\n\tcase_number: y\n"), ("invalid YAML",))
    refuse("python object tag", bf,
           raw_bundle("format: !!python/object/apply:os.system ['echo hi']\n"), ("invalid YAML",))
    refuse("broken JSON", bf, raw_bundle('{"format": ', "bundle.json"), ("invalid JSON",),
           argv=["eligibility", "{d}/bundle.json"])
    refuse("JSON 5000-digit number", bf, raw_bundle('{"a": ' + "9" * 5000 + "}", "bundle.json"),
           ("bundle.json",), argv=["eligibility", "{d}/bundle.json"])
    refuse("25 MB bundle", bf, lambda d: (_secret(d), _big_text("bundle.yaml", 25)(d)),
           ("limit",))
    refuse("bundle is a folder", bf, lambda d: (_secret(d), (d / "bundle.yaml").mkdir()),
           ("directory",))
    refuse("bundle is a FIFO", bf, lambda d: (_secret(d), os.mkfifo(d / "bundle.yaml")),
           ("FIFO",))
    refuse("bundle is a device", bf, nothing, ("device",), argv=["eligibility", "/dev/zero"])
    refuse("bundle missing", bf, nothing, ("file not found",))
    refuse("bundle of another format", bf, raw_bundle("format: openimr-panel/1\n"),
           ("format", "not a supported format"))

    # -- reviewer panel files --------------------------------------------------------------
    pan = "panel"
    dec = ["decide", "{d}/bundle.yaml", "--panel", "{d}/panel.yaml"]
    for name, setup, words in [
        ("panel a list", panel_file("- a\n- b\n"), ("panel.yaml", "must be a mapping")),
        ("panel empty", panel_file(""), ("panel.yaml", "must be a mapping")),
        ("panel wrong format", panel_file("format: openimr-case/1\nreviewers: []\n"),
         ("format",)),
        ("panel no reviewers", panel_file("format: openimr-panel/1\nreviewers: []\n"),
         ("reviewers",)),
        ("panel duplicate key", panel_changed("  - id: R01\n", "  - id: R01\n    id: R09\n"),
         ("written twice",)),
        ("panel unknown field", panel_changed("    degree: MD\n", "    degree: MD\n    ssn: 1\n"),
         ("ssn", "unknown field")),
        ("panel years true", panel_changed("years_in_practice: 17", "years_in_practice: true"),
         ("years_in_practice", "boolean")),
        ("panel hours 500", panel_changed("hours_per_week: 32", "hours_per_week: 500"),
         ("hours_per_week",)),
        ("panel bad specialty", panel_changed(
            "board_certification: Physical Medicine and Rehabilitation",
            "board_certification: Astrology"), ("board_certification",)),
        ("panel broken YAML", panel_file("format: [\n"), ("panel.yaml", "invalid YAML")),
    ]:
        refuse(name, pan, setup, words, argv=dec)
    refuse("panel missing", pan, bundle_with({}), ("panel.yaml", "file not found"), argv=dec)

    # -- command-line options ---------------------------------------------------------------
    cli = "options"
    db = "sqlite:///{d}/db.sqlite"
    for argv, words, setup, nowrite in [
        (["letters", "ingest", "{d}", "--db", db, "--workers", "0"], ("--workers",), nothing,
         ("db.sqlite",)),
        (["letters", "ingest", "{d}", "--db", db, "--workers", "-3"], ("--workers",), nothing,
         ("db.sqlite",)),
        (["letters", "ingest", "{d}", "--db", db, "-j", "100000"], ("--workers",), nothing,
         ("db.sqlite",)),
        (["letters", "stats", "--db", db, "--top", "0"], ("--top",), nothing, ("db.sqlite",)),
        (["letters", "stats", "--db", db, "--top", "-1"], ("--top",), nothing, ("db.sqlite",)),
        (["letters", "stats", "--db", db, "--chart", "{d}/no/such/c.png"], ("--chart",
         "does not exist"), nothing, ("no",)),
        (["letters", "stats", "--db", db, "--chart", "{d}/c.txt"], ("--chart", ".png"), nothing,
         ("db.sqlite",)),
        (["letters", "precedents", "MRI", "--db", db, "-k", "0"], ("--top",), nothing,
         ("db.sqlite",)),
        (["letters", "search", "MRI", "--db", db, "-n", "0"], ("--limit",), nothing,
         ("db.sqlite",)),
        (["letters", "search", "MRI", "--db", db, "--from", "2013-13-01"], ("--from",), nothing,
         ()),
        (["letters", "search", "MRI", "--db", db, "--decision", "maybe"], ("--decision",),
         nothing, ()),
        (["letters", "search", "the", "--db", db], ("search query", "nothing to look for"),
         nothing, ()),
        (["letters", "search", "'; --", "--db", db], ("nothing to look for",),
         nothing, ()),
        (["letters", "search", "NOT mri", "--db", db], ("only NOT terms",), nothing, ()),
        (["letters", "search", "x" * 600, "--db", db], ("limit is 500",), nothing, ()),
        (["letters", "ingest", "{d}", "--db", db, "--pdf-engine", "ocr"], ("--pdf-engine",),
         nothing, ()),
        (["case", "list", "--db", db, "--bogus"], ("--bogus",), nothing, ("db.sqlite",)),
        (["case", "new", "{d}/bundle.yaml", "--db", db, "--at", "9999-12-31"], ("--at",),
         bundle_with({}), ("db.sqlite",)),
        (["case", "new", "{d}/bundle.yaml", "--db", db, "--at", NEXT_YEAR], ("--at", "future"),
         bundle_with({}), ("db.sqlite",)),
        (["case", "new", "{d}/bundle.yaml", "--db", db, "--at", "0001-01-01"], ("--at",),
         bundle_with({}), ("db.sqlite",)),
        (["case", "new", "{d}/bundle.yaml", "--db", db, "--at", "soon"], ("--at",),
         bundle_with({}), ("db.sqlite",)),
        (["case", "new", "{d}/bundle.yaml", "--db", db, "--received", FUTURE],
         ("--received", "future"), bundle_with({}), ("db.sqlite",)),
        (["deadlines", "--db", db, "--now", "99999-01-01"], ("--now",), nothing,
         ("db.sqlite",)),
        (["deadlines", "--db", db, "--now", "9999-12-31"], ("--now",), nothing,
         ("db.sqlite",)),
        (["case", "sign", "CM99-0130001", "--reviewer", "R01", "--db", db, "--decision-date",
          NEXT_YEAR], ("--decision-date", "future"), nothing, ("db.sqlite",)),
        (["decide", "{d}/bundle.yaml", "-o", "{d}"], ("-o", "is a folder"), bundle_with({}), ()),
        (["decide", "{d}/bundle.yaml", "-o", "{d}/nope/letter.txt"], ("-o", "does not exist"),
         bundle_with({}), ("nope",)),
        (["decide", "{d}/bundle.yaml", "-o", "{d}/out.pipe"], ("-o", "FIFO"),
         lambda d: (bundle_with({})(d), os.mkfifo(d / "out.pipe")), ()),
        (["decide", "{d}/bundle.yaml", "-f", "docx"], ("docx",), bundle_with({}), ()),
        (["letters", "parse", "{d}/x.txt", "-o", "{d}"], ("-o",),
         lambda d: (_secret(d), (d / "x.txt").write_text("not a letter")), ()),
    ]:
        refuse(" ".join(argv[:2] + argv[-2:])[:70], cli, setup, words, argv=argv,
               must_not_exist=nowrite)

    # -- databases ------------------------------------------------------------------------
    dbf = "database"
    urls = [
        ("not a url", ("not a database URL",)),
        ("sqlite:///{d}/no/such/folder/x.sqlite", ("does not exist",)),
        ("sqlite:///{d}/notdb.sqlite", ("not a SQLite database",)),
        ("sqlite:///{d}", ("is a folder",)),
        ("mysql://user@localhost/openimr", ("mysql is not supported",)),
        ("oracle://user@localhost/openimr", ("oracle is not supported",)),
        ("postgresql+asyncpg:///x", ("driver is not available",)),
        ("postgresql://localhost:1/openimr", ("cannot reach the PostgreSQL server",)),
        ("postgresql://u:hunter2@localhost:1/openimr", ("cannot reach", "***")),
    ]
    if shutil.which("pg_isready") and subprocess.run(
        ["pg_isready", "-q"], check=False
    ).returncode == 0:
        urls += [
            ("postgresql://openimr_no_such_role@/postgres", ("role", "does not exist",
                                                              "createuser")),
            ("postgresql:///openimr_no_such_database_h13", ("does not exist", "createdb")),
        ]
    for url, words in urls:
        for argv in (["letters", "search", "MRI", "--db", url], ["case", "list", "--db", url]):
            refuse(f"{argv[0]} --db {url}"[:70], dbf, _db_file, words, argv=argv)
    refuse("OPENIMR_DATABASE_URL bad", dbf, _db_file, ("not a database URL",),
           argv=["deadlines"], env={"OPENIMR_DATABASE_URL": "::::"})

    # -- ingest -----------------------------------------------------------------------------
    ing = "ingest"
    refuse("ingest a missing folder", ing, nothing, ("no such file or directory",),
           argv=["letters", "ingest", "{d}/nowhere", "--db", db, "-q"])
    refuse("ingest our own DRAFT letter", ing, lambda d: (_secret(d), _draft(d)), ("DRAFT",),
           argv=["letters", "ingest", "{d}/letters", "--db", db, "-q"])
    refuse("ingest a FIFO", ing, lambda d: (_secret(d), os.mkfifo(d / "p.txt")), ("FIFO",),
           argv=["letters", "ingest", "{d}/p.txt", "--db", db, "-q"])

    # -- other commands' inputs --------------------------------------------------------------
    oth = "options"
    refuse("eval of a bad bundle", oth, bundle_with({"priority": "urgent"}), ("priority",),
           argv=["eval", "{d}/bundle.yaml"])
    refuse("eval of a missing path", oth, nothing, ("file not found",),
           argv=["eval", "{d}/nowhere"])
    refuse("guidelines --kb missing", oth, nothing, ("--kb", "does not exist"),
           argv=["guidelines", "check", "--kb", "{d}/kb"])
    refuse("letters parse a FIFO", oth, lambda d: (_secret(d), os.mkfifo(d / "l.txt")),
           ("FIFO",), argv=["letters", "parse", "{d}/l.txt"])
    refuse("letters parse a device", oth, nothing, ("device",),
           argv=["letters", "parse", "/dev/zero"])
    refuse("evidence of a bundle escaping its folder", oth,
           record_file("../secret.txt"), ("records[0].file", "leaves"),
           argv=["evidence", "{d}/bundle.yaml"])

    # -- controls: what must still be accepted ---------------------------------------------
    ok = "control"
    out.append(Case("valid bundle", ok, elig, bundle_with({}), "accept"))
    out.append(Case("valid JSON bundle", ok, ["eligibility", "{d}/bundle.json"],
                    bundle_with({}, "bundle.json"), "accept"))
    out.append(Case("record file in a subfolder", ok, elig, record_file(
        "records/pr-1.txt", lambda d: ((d / "records").mkdir(), shutil.copy(
            VALID_RECORDS / "pr-1.txt", d / "records" / "pr-1.txt"))), "accept"))
    out.append(Case("symlink that stays inside", ok, elig, record_file(
        "link.txt", lambda d: (shutil.copy(VALID_RECORDS / "pr-1.txt", d / "pr-1.txt"),
                               os.symlink(d / "pr-1.txt", d / "link.txt"))), "accept"))
    out.append(Case("free text in any script", ok, elig, bundle_with(
        {"requests.0.item": "Fisioterapia 2x6 — columna lumbar (腰椎)",
         "records.0.text": "Dolor lumbar.\nSLR negativo.\tEVA 6/10."}), "accept"))
    out.append(Case("variant case number suffix", ok, elig,
                    bundle_with({"case_number": "CM99-0130001-V2"}), "accept"))
    out.append(Case("ingest good letters", ok, ["letters", "ingest", "{d}/letters", "--db", db,
                                                 "-q"], lambda d: (_secret(d), _letters(d)),
                    "accept"))
    return out
