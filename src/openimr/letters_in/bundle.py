"""A published letter as a case bundle (``openimr-case/1``): how real letters become eval sets.

The record is the letter's clinical case summary (dated at the decision date); each disputed
item becomes a request carrying the real decision as ``expected``. A modified UR decision
becomes ``ur_decision: modified`` with the IMR-eligible portion as the item. Bundles made from
real letters hold real letter text: they are written where the user says (default ``out/``,
which git ignores), never into the repository.
"""

from __future__ import annotations

import copy
import subprocess
from pathlib import Path
from typing import Any

import yaml

from openimr.domain.bundle import CaseBundle
from openimr.errors import BundleError, LetterParseError
from openimr.intake.loader import parse_bundle
from openimr.letters_in.model import GuidelineBasis, ParsedLetter

SUMMARY_RECORD_ID = "clinical-case-summary"



def citation_text(basis: GuidelineBasis | None) -> str | None:
    """The citations of a guideline paragraph, without the 'Decision based on' frame."""
    if basis is None or not basis.citations:
        return None
    parts = [
        ("MTUS " if c.level == "MTUS" else "Non-MTUS Citation ") + c.text for c in basis.citations
    ]
    return "; ".join(p.strip() for p in parts)


def to_bundle_data(letter: ParsedLetter) -> dict[str, Any]:
    """The bundle as plain data (validated against the contract before it is returned)."""
    where = letter.source or letter.case_number
    if letter.ur_denial_date is None:
        raise LetterParseError(f"{where}: no UR Denial Date in the letter; a bundle needs one")
    if letter.date_of_injury is None:
        raise LetterParseError(f"{where}: no Date of Injury in the letter; a bundle needs one")
    dates: dict[str, Any] = {"ur_denial": letter.ur_denial_date}
    for key, value in (
        ("assigned", letter.date_assigned),
        ("application_received", letter.application_received),
        ("decision", letter.decision_date),
    ):
        if value is not None:
            dates[key] = value
    patient: dict[str, Any] = {"sex": letter.patient.sex or "unknown"}
    if letter.patient.age is not None:
        patient["age"] = letter.patient.age
    records = []
    if letter.clinical_case_summary:
        records.append(
            {
                "id": SUMMARY_RECORD_ID,
                "date": letter.decision_date,
                "kind": "clinical case summary (from the Final Determination Letter)",
                "text": letter.clinical_case_summary.strip() + "\n",
            }
        )
    requests = []
    for item in letter.items:
        req: dict[str, Any] = {
            "id": str(item.number),
            "item": item.request,
            "ur_decision": "modified" if item.modification else "denied",
        }
        ca = item.claims_administrator_guideline
        if ca is not None and ca.text:
            req["ur_basis"] = ca.text
        expected: dict[str, Any] = {"decision": item.decision}
        if guideline := citation_text(item.reviewer_guideline):
            expected["guideline"] = guideline
        req["expected"] = expected
        requests.append(req)
    data: dict[str, Any] = {
        "format": "openimr-case/1",
        "case_number": letter.case_number,
        "priority": letter.priority or "standard",
        "dates": dates,
        "patient": patient,
        "claim": {"date_of_injury": letter.date_of_injury},
        "records": records,
        "requests": requests,
    }
    try:
        parse_bundle(_plain(data), path=f"{where} (as bundle)")
    except BundleError as exc:  # our own output must meet the contract; say so if not
        raise LetterParseError(f"{where}: the bundle made from it is invalid: {exc}") from None
    return data


def to_bundle(letter: ParsedLetter) -> CaseBundle:
    """The bundle as a validated :class:`CaseBundle`."""
    return parse_bundle(_plain(to_bundle_data(letter)), path=letter.source or "<letter>")


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    """A deep copy safe to hand to the validator (it normalises ids in place)."""
    return copy.deepcopy(data)


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:  # no &id001 anchors for repeated dates
        return True


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def bundle_yaml(letter: ParsedLetter) -> str:
    """The bundle as YAML text (summary as a literal block)."""
    return yaml.dump(
        to_bundle_data(letter), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100
    )


def write_bundle(letter: ParsedLetter, out_dir: Path) -> Path:
    """Write ``<out_dir>/<case number>.yaml`` and return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{letter.case_number}.yaml"
    path.write_text(bundle_yaml(letter), encoding="utf-8")
    return path


def tracked_by_git(path: Path) -> bool:
    """True when ``path`` lies in a git work tree and is not ignored there (so real letter
    text written to it could be committed by mistake)."""
    target = path.resolve()
    probe = target if target.is_dir() else target.parent
    while not probe.exists():
        probe = probe.parent
    try:
        inside = subprocess.run(
            ["git", "-C", str(probe), "rev-parse", "--is-inside-work-tree"],
            capture_output=True,
            text=True,
            timeout=10,
        )
        if inside.returncode != 0 or inside.stdout.strip() != "true":
            return False
        ignored = subprocess.run(
            ["git", "-C", str(probe), "check-ignore", "-q", str(target)],
            capture_output=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return ignored.returncode != 0
