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
from openimr.review.conditions import (
    documented_in,
    findings_in,
    said_of_request,
    scope_regions,
)
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
    # a claim that none is new or worse (a time course), not that none is documented
    course: bool = False
    # a claim about what the requested treatment did (Cond.of_request)
    of_request: bool = False


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
    quoting, reported = ev.memo("latest_visit", _reported_visits)
    dates = [
        r.date
        for r in bundle.records
        if r.date and not r.is_utilization_review and r.id not in quoting
    ]
    if reported is not None:
        dates.append(reported)
    return max(dates, default=None)


def _reported_visits(findings: list[Finding]) -> tuple[set[str], dt.date | None]:
    """For :func:`latest_visit`, read once a case: the records that quote others, and the
    latest date of the complaints and examination findings reported."""
    quoting = {f.record_id for f in findings if f.quoted}
    dates = [
        d
        for f in findings
        if f.role == "clinical"
        and f.observation in ("subjective", "objective")
        and (d := timeline_date(f)) is not None
    ]
    return quoting, max(dates, default=None)


def describe(f: Finding) -> str:
    """A short, checkable reference to a finding: the words of the record, where and when."""
    return f'"{quoted_words(f)}" ({f.record_id}, {fmt_when(f)})'


_GRADE = re.compile(r"^((rated|graded|measured)\s+)?[\d+/ -]+(\s*(out of|of)\s*\d+)?$", re.I)
_GRADE_LEAD = re.compile(r"\b(rated|graded|measured|noted|to be|was|is|at)\b", re.I)
# a clause starts after a comma (and the "and" or "with" after it: ", and weakness 4/5")
_CLAUSE_BREAK = re.compile(r"[,;:(]\s*(?:(?:and|with)\s+)?|\s(?:and|with)\s", re.I)


# the words that say a finding is absent, quoted with it: "no new neurological deficits",
# not "new neurological deficits" (a quotation without its negation reads as a finding)
_NEG_BEFORE = re.compile(
    r"\b(?:no|not|without|denie[sd]|deny|denying|negative for|free of|absence of|never|neither"
    r"|nor|(?:to )?evaluate for|(?:to )?rule out|r/o)\b(?=[^.;:]{0,60}$)",
    re.I,
)
_NEG_AFTER = re.compile(
    r"^(?:\s+(?:\w+\s+){0,2}?)(?:is|was|were|are)?\s*(?:not\s+\w+|negative|absent|intact|normal"
    r"|denied|unremarkable)\b",
    re.I,
)
_NEG_WORD = re.compile(
    r"\b(?:no|not|without|denie[sd]|deny|negative|free of|absence|never|neither|nor|absent"
    r"|intact|normal|unremarkable|resolved|no longer|evaluate for|rule out)\b",
    re.I,
)


def quoted_words(f: Finding) -> str:
    """The finding's words; a grade or a number alone ("4/5", "2+") says nothing to a reader,
    so it is quoted with the words of its clause before it ("weakness of wrist extension
    4/5"), still verbatim. A negated finding is quoted with the words that negate it."""
    words = " ".join(f.text.split())
    if f.assertion == "negated" and not _NEG_WORD.search(words):
        negated = _with_negation(f, words)
        if negated != words:
            return negated
    if not _GRADE.match(words):
        return words
    at = f.sentence.find(words)
    if at <= 0:
        return words
    start = 0
    for m in _CLAUSE_BREAK.finditer(f.sentence, 0, at):
        # a break right before the grade ("weakness of the hallux, rated 4/5") does not end
        # the clause that says what is graded
        if _GRADE_LEAD.sub("", f.sentence[m.end() : at]).strip():
            start = m.end()
    clause = f.sentence[start : at + len(words)].strip()
    return clause if 0 < len(clause) <= 80 else words


def _with_negation(f: Finding, words: str) -> str:
    """``words`` extended, verbatim, to the negation before it in its clause ("no new
    neurological deficits", "denies numbness or tingling") or after it ("Spurling's test
    negative"); the words alone when the negation is not found near them."""
    sentence = " ".join(f.sentence.split())
    at = sentence.find(words)
    if at < 0:
        return words
    # the nearest negation before the words ("no documentation of gastrointestinal risk",
    # not the UR's "denied due to there was no documentation of ...")
    before = next(reversed(list(_NEG_BEFORE.finditer(sentence[:at]))), None)
    if before is not None:
        return sentence[before.start() : at + len(words)]
    after = _NEG_AFTER.match(sentence[at + len(words) :])
    if after is not None:
        return sentence[at : at + len(words) + after.end()]
    return words


# a study's name says only that it was done; what it showed, quoted from the same sentence,
# says more ("tear of the medial meniscus", not "MRI")
_STUDY_NAMES = frozenset({"imaging.mri", "imaging.ct", "imaging.xray"})


def describe_all(findings: list[Finding], facts: list[str], limit: int = 3) -> str:
    said = {(f.record_id, f.sentence) for f in findings if f.code not in _STUDY_NAMES}
    shown = [
        f for f in findings if f.code not in _STUDY_NAMES or (f.record_id, f.sentence) not in said
    ]
    # a fact said twice (two branches' numbers share their parts) is said once
    told = list(dict.fromkeys(p for t in facts for p in t.split("; ")))
    # the same words of the same record and day quoted twice (two mentions of "Norco" in one
    # note) are one quotation
    parts = list(dict.fromkeys(describe(f) for f in shown))[:limit] + told
    return "; ".join(parts) if parts else "see the records"


def absences(cond: Cond, req: StructuredRequest) -> list[Absence]:
    """The absence claims an unmet condition makes (finding leaves only)."""
    if cond.finding is not None:
        codes = [cond.finding] if isinstance(cond.finding, str) else list(cond.finding)
        obs = None if cond.observation in (None, "any") else cond.observation
        course = cond.status == "new_or_worse"
        return [Absence(codes, scope_regions(cond.region, req), obs, course, cond.of_request)]
    out: list[Absence] = []
    for child in cond.any or []:
        out += absences(child, req)
    # For all/not an unmet condition does not imply every leaf is absent: no claim is made.
    return out


def check_absence(
    sentence: Sentence,
    ev: EvidenceSet,
    latest_record: dt.date | None,
    side: str | None = None,
    req: StructuredRequest | None = None,
) -> tuple[Sentence, list[Finding]]:
    """Verify a sentence's absence claims; rewrite it if a record contradicts them.
    ``side``: the side the request names; what the records find only on the other side is
    said to be there, not here. ``req``: the request, whose treatment a claim about what it
    did (``of_request``) is about; what the records say of another treatment is said to be
    that."""
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
    other = {"left": "right", "right": "left"}.get(side or "")
    if other is not None and all(f.laterality == other for f in found):
        text += (
            f"on the {other} side, not the {side} side the request names, so it does not meet "
            "the criterion as stated."
        )
    elif (
        req is not None
        and all(c.of_request for c in sentence.absence)
        and not said_of_request(found, req)
    ):
        text += (
            "said of another treatment, not of the one requested, so it does not meet the "
            "criterion as stated."
        )
    elif later:
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
    elif any(c.course for c in sentence.absence):
        # the condition read the course and found nothing new: say that, not a vague denial
        text += (
            "not as new or worse since the earlier study, so it does not meet the criterion as "
            "stated."
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
            # a plan to look for it ("MRI to evaluate for disc herniation") is no examination
            # that finds it absent
            if f.role != "clinical" or f.observation == "plan":
                continue
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
