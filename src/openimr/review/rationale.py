"""Rationale sentences, written from the criteria trace, and the fact check that guards them.

Every sentence that says something is *not* documented is a claim about the records. Before a
rationale is released, :func:`check_absence` re-reads the evidence at the claim's literal scope
(any date, any present or historical mention): if the records do mention the thing, the sentence is
replaced by one that states what was found and when, so the letter never says "no
documentation of X" while a record documents X.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from openimr.domain import CaseBundle, Finding
from openimr.evidence.evidence_set import timeline_date
from openimr.guidelines.schema import Cond
from openimr.review.conditions import documented_in, findings_in, scope_regions
from openimr.review.facts import fmt_date, fmt_when

if TYPE_CHECKING:
    from openimr.evidence import EvidenceSet
    from openimr.intake.requests import StructuredRequest


@dataclass
class Absence:
    """A claim that the records lack something: codes at a scope."""

    codes: list[str]
    regions: list[str] | None
    observation: str | None


@dataclass
class Sentence:
    text: str
    absence: list[Absence] = field(default_factory=list)


def as_object(text: str) -> str:
    """An item name as the object of a sentence: "Outpatient repeat MRI" -> "outpatient repeat
    MRI", but "Nerve Conduction Studies" keeps its capitals (a title-cased name), and so does a
    drug's name ("Lyrica 75mg #60")."""
    text = text.rstrip(".").strip()
    words = text.split()
    if not words:
        return text
    rest_plain = all(w.islower() or w.isupper() or not w[:1].isalpha() for w in words[1:])
    if rest_plain and words[0][:1].isupper() and words[0][1:].islower() and not _drug(words[0]):
        return text[0].lower() + text[1:]
    return text


def _drug(word: str) -> bool:
    """A drug's name keeps the capital the request gives it ("Lyrica 75mg", "Norco")."""
    from openimr.intake.vocabulary import drug_names

    return word.strip(",;:").lower() in drug_names()


def latest_visit(bundle: CaseBundle, ev: EvidenceSet) -> dt.date | None:
    """The date of the latest visit the records report: a clinical record's own date (a UR
    letter is not an examination), or for a record that quotes others (a case summary, whose
    own date is the day it was written) the dates of the complaints and examination findings
    it reports."""
    quoting = {f.record_id for f in ev.findings if f.quoted}
    dates = [
        r.date
        for r in bundle.records
        if r.date and not r.is_utilization_review and r.id not in quoting
    ]
    dates += [
        d
        for f in ev.findings
        if f.role == "clinical"
        and f.observation in ("subjective", "objective")
        and (d := timeline_date(f)) is not None
    ]
    return max(dates, default=None)


def describe(f: Finding) -> str:
    """A short, checkable reference to a finding: the words of the record, where and when."""
    return f'"{quoted_words(f)}" ({f.record_id}, {fmt_when(f)})'


_GRADE = re.compile(r"^[\d+/ -]+(\s*(out of|of)\s*\d+)?$", re.I)
# a clause starts after a comma (and the "and" or "with" after it: ", and weakness 4/5")
_CLAUSE_BREAK = re.compile(r"[,;:(]\s*(?:(?:and|with)\s+)?|\s(?:and|with)\s", re.I)


def quoted_words(f: Finding) -> str:
    """The finding's words; a grade or a number alone ("4/5", "2+") says nothing to a reader,
    so it is quoted with the words of its clause before it ("weakness of wrist extension
    4/5"), still verbatim."""
    words = " ".join(f.text.split())
    if not _GRADE.match(words):
        return words
    at = f.sentence.find(words)
    if at <= 0:
        return words
    start = 0
    for m in _CLAUSE_BREAK.finditer(f.sentence, 0, at):
        start = m.end()
    clause = f.sentence[start : at + len(words)].strip()
    return clause if 0 < len(clause) <= 80 else words


# a study's name says only that it was done; what it showed, quoted from the same sentence,
# says more ("tear of the medial meniscus", not "MRI")
_STUDY_NAMES = frozenset({"imaging.mri", "imaging.ct", "imaging.xray"})


def describe_all(findings: list[Finding], facts: list[str], limit: int = 3) -> str:
    said = {(f.record_id, f.sentence) for f in findings if f.code not in _STUDY_NAMES}
    shown = [
        f for f in findings if f.code not in _STUDY_NAMES or (f.record_id, f.sentence) not in said
    ]
    parts = [describe(f) for f in shown[:limit]] + facts
    return "; ".join(parts) if parts else "see the records"


def absences(cond: Cond, req: StructuredRequest) -> list[Absence]:
    """The absence claims an unmet condition makes (finding leaves only)."""
    if cond.finding is not None:
        codes = [cond.finding] if isinstance(cond.finding, str) else list(cond.finding)
        obs = None if cond.observation in (None, "any") else cond.observation
        return [Absence(codes, scope_regions(cond.region, req), obs)]
    out: list[Absence] = []
    for child in cond.any or []:
        out += absences(child, req)
    # For all/not an unmet condition does not imply every leaf is absent: no claim is made.
    return out


def check_absence(
    sentence: Sentence, ev: EvidenceSet, latest_record: dt.date | None
) -> tuple[Sentence, list[Finding]]:
    """Verify a sentence's absence claims; rewrite it if a record contradicts them."""
    seen: dict[tuple[str, int], Finding] = {}
    for claim in sentence.absence:
        # "history of X" also contradicts "no documentation of X"
        for f in documented_in(ev, claim.codes, claim.regions, claim.observation):
            seen.setdefault((f.record_id, f.start), f)
    if not seen:
        return _scoped(sentence, ev), []
    found = sorted(seen.values(), key=lambda f: (f.when is None, f.when, f.start))
    later = _later_negation(sentence, found, ev)
    text = "The records do mention " + "; ".join(describe(f) for f in found[:3]) + ", but "
    if later:
        text += (
            f"the most recent examination no longer finds {'them' if len(found) > 1 else 'it'} ("
            + "; ".join(describe(f) for f in later)
            + "), so it does not meet the criterion as stated."
        )
    elif latest_record and all(f.when and f.when < latest_record for f in found):
        text += (
            "the latest visit the records report "
            f"({fmt_date(latest_record)}) does not repeat it, so it does not meet the criterion "
            "as stated."
        )
    else:
        text += "it does not meet the criterion as the guideline states it."
    return Sentence(text), found


def _later_negation(sentence: Sentence, found: list[Finding], ev: EvidenceSet) -> list[Finding]:
    """The negated mentions of the claimed codes in the latest examination after every
    positive one (at most three)."""
    last_present = max((f.when for f in found if f.when), default=None)
    later: list[Finding] = []
    for claim in sentence.absence:
        for f in findings_in(ev, claim.codes, claim.regions, claim.observation, "negated"):
            if f.when and (last_present is None or f.when > last_present):
                later.append(f)
    # as for the criteria (``conditions.mentions``): a report quoted by a case summary counts
    # when the records hold no first-hand mention
    chosen = [f for f in later if not f.quoted] or later
    if not chosen:
        return []
    last = max(f.when or dt.date.min for f in chosen)
    latest = sorted((f for f in chosen if f.when == last), key=lambda f: f.start)
    # the negations of the findings quoted before come first ("straight leg raise was
    # negative" for "positive straight leg raise"), then the rest of that examination
    codes = {f.code for f in found}
    return sorted(latest, key=lambda f: f.code not in codes)[:3]


def strip_quotes(text: str) -> str:
    return re.sub(r'"[^"]*"', "", text)


def _scoped(sentence: Sentence, ev: EvidenceSet) -> Sentence:
    """An absence claim true of the body part requested but not of the records as a whole
    ("no surgery is being planned" when a lumbar surgery is, for a neck study) says where the
    records do place it, so that the sentence is true as a reader takes it."""
    elsewhere: dict[tuple[str, int], Finding] = {}
    for claim in sentence.absence:
        if claim.regions is None:
            continue
        for f in documented_in(ev, claim.codes, None, claim.observation):
            if f.region is not None and f.region not in claim.regions:
                elsewhere.setdefault((f.record_id, f.start), f)
    if not elsewhere:
        return sentence
    found = sorted(elsewhere.values(), key=lambda f: (f.when is None, f.when, f.start))
    places = sorted({f.region for f in found if f.region})
    extra = (
        "The records do mention " + "; ".join(describe(f) for f in found[:2])
        + f", but for the {', '.join(places)}{ELSEWHERE_END}"
    )
    return Sentence(f"{sentence.text} {extra}", sentence.absence)


ELSEWHERE_END = ", not the body part requested."
# the sentence _scoped adds: it names other body parts on purpose (the stray check skips it)
ELSEWHERE = re.compile(r"The records do mention .*?" + re.escape(ELSEWHERE_END))
