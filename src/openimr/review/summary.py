"""The clinical case summary, composed from the evidence of every record, not copied from one.

It follows what reviewers write: who the patient is and when the injury happened, which UR
decision is under review, then each dated record in order with its complaints, examination
findings, test results, treatment and plan, and finally the items in dispute.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from openimr.domain import CaseBundle, Finding
from openimr.evidence.schema import summary_quoted
from openimr.review.facts import fmt_date
from openimr.review.rationale import as_object, quoted_words

if TYPE_CHECKING:
    from openimr.evidence import EvidenceSet

_GROUPS: list[tuple[str, tuple[str, ...], str]] = [
    # (heading words, observations, how the group is introduced)
    ("complaints", ("subjective",), "the patient reports"),
    ("examination", ("objective",), "on examination"),
    ("tests", ("test",), "testing shows"),
    ("history", ("history",), "the history includes"),
    ("plan", ("plan",), "the plan includes"),
]


_SHOWN = 6  # the phrases a group names at most
_SAID = ("present", "negated", "possible")  # the assertions a summary reports


def _phrase(f: Finding) -> str:
    where = " ".join(p for p in (f.laterality, f.region) if p)
    # the record's own words where the label is a reading of them (vocabulary
    # ``summary_quotes``), and for a plan's negation, which is what a study is to look for
    # ("to evaluate for disc herniation"), not an absence
    plan_negated = f.assertion == "negated" and (f.role != "clinical" or f.observation == "plan")
    if plan_negated or f.code in summary_quoted():
        base = f'"{quoted_words(f)}"'
        if f.assertion in ("possible", "historical"):
            base = f"{'possible' if f.assertion == 'possible' else 'a history of'} {base}"
        return base + (f" ({where})" if where else "")
    if f.assertion == "negated":
        base = f"no {f.label}"
    elif f.assertion == "possible":
        base = f"possible {f.label}"
    elif f.assertion == "historical":
        base = f"a history of {f.label}"
    else:
        base = f.label
    if f.value:
        base += f" ({f.value})"
    if where and where not in base:
        base += f" of the {where}" if f.assertion != "negated" else f" at the {where}"
    return base


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _record_sentence(kind: str, date: dt.date | None, findings: list[Finding]) -> str | None:
    chunks: list[str] = []
    # one phrase per span: a concept's implied codes (vocabulary ``implies``) repeat its words
    spans: dict[tuple[int, int], Finding] = {}
    for f in findings:
        spans.setdefault((f.start, f.end), f)
    findings = list(spans.values())
    # the findings of each observation, in their order (one pass, not one per group)
    said: dict[str, list[Finding]] = {}
    for f in findings:
        if f.assertion in _SAID:
            said.setdefault(f.observation, []).append(f)
    for _name, observations, intro in _GROUPS:
        phrases: list[str] = []
        group = (
            said.get(observations[0], [])
            if len(observations) == 1
            else [f for f in findings if f.observation in observations and f.assertion in _SAID]
        )
        for f in group:
            p = _phrase(f)
            if p not in phrases:
                phrases.append(p)
                if len(phrases) == _SHOWN:
                    break  # the sentence names the first few only
        if phrases:
            chunks.append(f"{intro} {_join(phrases[:_SHOWN])}")
    if not chunks:
        return None
    when = fmt_date(date) if date else "undated"
    text = f"The {kind} of {when} notes that " if date else f"An undated {kind} notes that "
    return text + "; ".join(chunks) + "."


def compose_summary(bundle: CaseBundle, evidence: EvidenceSet, decision_date: dt.date) -> str:
    """A short narrative of the case built from dated findings across all records."""
    p = bundle.patient
    age = p.age_on(decision_date)
    who = "This is a"
    if age is not None:
        who += f" {age}-year-old"
    who += f" {p.sex} patient" if p.sex != "unknown" else " patient"
    parts = [
        f"{who} with a date of injury of {fmt_date(bundle.claim.date_of_injury)}"
        + (f" involving the {_join(bundle.claim.body_parts)}" if bundle.claim.body_parts else "")
        + "."
    ]
    items = _join([as_object(r.item) for r in bundle.requests])
    parts.append(
        f"A utilization review decision dated {fmt_date(bundle.dates.ur_denial)} did not "
        f"certify {items}."
    )
    by_record: dict[str, list[Finding]] = {}
    for f in evidence.findings:
        if not f.quoted:
            by_record.setdefault(f.record_id, []).append(f)
    ordered = sorted(bundle.records, key=lambda r: (r.date is None, r.date or dt.date.min))
    for rec in ordered:
        if rec.is_utilization_review:
            continue
        s = _record_sentence(
            rec.kind, rec.date, sorted(by_record.get(rec.id, []), key=lambda f: f.start)
        )
        if s:
            parts.append(s)
    return " ".join(parts)
