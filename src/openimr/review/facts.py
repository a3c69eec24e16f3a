"""Facts by name: every number or property a criterion can test, defined once.

A topic's condition ``{fact: weeks_since_injury, max: 4}`` or ``{request: repeat}`` names an
entry of :data:`FACTS`. Each entry is declared here, with its kind and what it means, next to
the function that computes it; the knowledge base is checked against this registry when it
loads (an unknown name fails with a did-you-mean hint), and ``openimr guidelines facts``
lists it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar

from pydantic import BaseModel, ConfigDict

from openimr.datafiles import load_model
from openimr.errors import DataFileError
from openimr.intake.vocabulary import (
    SPINAL_LEVEL,
    ProcedureKind,
    procedure_kind,
    service,
)

if TYPE_CHECKING:
    from openimr.domain import Finding
    from openimr.intake.requests import StructuredRequest
    from openimr.review.conditions import Context

FactKind = Literal["number", "request"]
Value = tuple[float | None, str]  # the number (None: not documented) and how to say it


@dataclass(frozen=True)
class FactDef:
    name: str
    kind: FactKind  # "number": tested with min/max; "request": a property, tested with equals
    description: str
    compute: Callable[[Context], Value]


FACTS: dict[str, FactDef] = {}


def fact(name: str, description: str, kind: FactKind = "number") -> Callable[..., object]:
    """Register the function below as the fact ``name``."""

    def register(fn: Callable[[Context], Value]) -> Callable[[Context], Value]:
        if name in FACTS:
            raise ValueError(f"fact {name!r} is defined twice")
        FACTS[name] = FactDef(name, kind, description, fn)
        return fn

    return register


def fmt_date(d: dt.date | None) -> str:
    return f"{d.month}/{d.day}/{d.year}" if d else "an undated record"


def fmt_when(f: Finding) -> str:
    """When a finding was, as its record says it: "2015" where only the year is written. An
    undated sentence of a record that quotes others (a case summary's "The diagnoses have
    included ...") has no known date (``evidence_set.timeline_date``): the day the summary was
    written is not the day of what it reports, so no date is given for it."""
    if f.date_precision == "year" and f.text_date is not None:
        return str(f.text_date.year)
    if f.quoted and f.text_date is None and f.record_date is not None:
        return "no visit date given"
    return fmt_date(f.when)


def fmt_weeks(weeks: float) -> str:
    """A whole number of weeks as a sentence says it ("1 week", "4 weeks")."""
    n = round(weeks)
    return f"{n} week" if n == 1 else f"{n} weeks"


def the_request_itself(f: Finding, req: StructuredRequest) -> bool:
    """Whether ``f`` documents the service a retrospective request asks about, on its date of
    service ("urine drug screen (DOS 10-20-16)" and a screen collected on 10-20-16): that is
    the request itself, not an earlier one of it."""
    if not (req.retrospective and req.date_of_service) or f.text_date != req.date_of_service:
        return False
    entry = service(req.service or "")
    return entry is not None and f.code in entry.done_as


def _n(v: int | None) -> float | None:
    return float(v) if v is not None else None


# ---- numbers about the case and the request


@fact("weeks_since_injury", "weeks from the date of injury to the UR decision")
def _weeks_since_injury(ctx: Context) -> Value:
    b = ctx.bundle
    weeks = (b.dates.ur_denial - b.claim.date_of_injury).days / 7
    injured = fmt_date(b.claim.date_of_injury)
    return weeks, f"injury on {injured}, {fmt_weeks(weeks)} before the UR decision"


@fact(
    "weeks_to_examination",
    "weeks from the date of injury to the latest examination before the UR decision (the "
    "last dated examination finding), or to the UR decision when no examination is dated: "
    "the age of the injury when its findings were seen (the Ottawa rules, ACOEM 2004 ch. 13 "
    "pp. 341-343 and ch. 14 p. 372, are rules for an acute injury's examination)",
)
def _weeks_to_examination(ctx: Context) -> Value:
    b = ctx.bundle
    ur = b.dates.ur_denial
    seen = [
        f.when
        for f in ctx.evidence.findings
        if f.observation == "objective" and f.assertion == "present" and f.when
        and b.claim.date_of_injury <= f.when <= ur
    ]
    if not seen:
        weeks = (ur - b.claim.date_of_injury).days / 7
        injured = fmt_date(b.claim.date_of_injury)
        return weeks, f"injury on {injured}, {fmt_weeks(weeks)} before the UR decision"
    exam = max(seen)
    weeks = (exam - b.claim.date_of_injury).days / 7
    injured = fmt_date(b.claim.date_of_injury)
    return weeks, (
        f"injury on {injured}, {fmt_weeks(weeks)} before the examination of {fmt_date(exam)}"
    )


@fact("age", "the patient's age in years on the decision date")
def _age(ctx: Context) -> Value:
    age = ctx.bundle.patient.age_on(ctx.decision_date)
    return _n(age), f"age {age}"


@fact("sessions_requested", "visits or sessions the item asks for (2x6 is 12)")
def _sessions(ctx: Context) -> Value:
    n = ctx.request.sessions
    # a device's rental counted in days ("14 day rental") is days, not visits
    if n is not None and re.search(rf"\b{n}[- ]?days?\b", ctx.request.decided_text, re.I):
        return _n(n), f"{n} days requested"
    return _n(n), f"{n} sessions requested"


@fact("quantity_requested", "the quantity the item asks for (#60 is 60)")
def _quantity(ctx: Context) -> Value:
    q = ctx.request.quantity
    return _n(q), f"quantity {q} requested"


_M = TypeVar("_M", bound=BaseModel)


def _load_table(model: type[_M], name: str) -> _M:
    """One data table of the knowledge base (guidelines/tables/NAME), validated; errors name it."""
    path = Path(str(resources.files("openimr.guidelines") / "tables" / name))
    return load_model(model, path, f"guidelines/tables/{name}")


def _table_pattern(pattern: str, name: str, where: str) -> re.Pattern[str]:
    """A table row's expression, searched case-insensitively; a bad one is a one-line error
    that names the table and the row."""
    try:
        return re.compile(pattern, re.I)
    except re.error as e:
        raise DataFileError(f"guidelines/tables/{name}: {where}: {e}") from None


class _RelaxantRow(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    pattern: str
    most_a_day: float


class _RelaxantTable(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    citation: str
    drugs: list[_RelaxantRow]


@lru_cache(maxsize=1)
def _relaxant_max_a_day() -> tuple[tuple[re.Pattern[str], float], ...]:
    """The most tablets of each muscle relaxant a day at its highest labelled dose
    (guidelines/tables/relaxant_daily_maximum.yaml): a quantity over three weeks of that
    lasts longer than three weeks however the drug is taken."""
    name = "relaxant_daily_maximum.yaml"
    table = _load_table(_RelaxantTable, name)
    return tuple(
        (_table_pattern(row.pattern, name, f"drugs[{i}].pattern"), row.most_a_day)
        for i, row in enumerate(table.drugs)
    )


@fact(
    "relaxant_days_at_most",
    "the days a muscle relaxant supply lasts at least: the quantity at the most tablets a day "
    "the drug's label allows (cyclobenzaprine #90 is 30 days)",
)
def _relaxant_days(ctx: Context) -> Value:
    q = ctx.request.quantity
    if not q:
        return None, "no quantity stated"
    text = ctx.request.decided_text
    for rx, per_day in _relaxant_max_a_day():
        m = rx.search(text)
        if m:
            stated = _relaxant_directions(ctx, rx, text[m.end():])
            if stated is not None and stated[0] < per_day:
                days = q / stated[0]
                return days, f"quantity {q}, {days:g} days at {stated[0]:g} a day ({stated[1]})"
            days = q / per_day
            return days, (
                f"quantity {q}, at least {days:g} days at the most the drug is taken in a day "
                f"({per_day} a day)"
            )
    return None, "no daily maximum known for this drug"


def _relaxant_directions(ctx: Context, rx: re.Pattern[str], following: str) -> (
        tuple[float, str] | None):
    """How many tablets a day the prescription of the requested relaxant says: the request's
    own directions, else the latest record that names the drug with directions ("continue
    cyclobenzaprine 7.5 mg twice a day"). A supply is measured at what is prescribed when it
    is written, so #60 twice a day is 30 days, past the two to three weeks of CPMTG 2009
    pp. 41-42."""
    from openimr.evidence.quantities import doses_a_day

    n = doses_a_day(_about_drug(following[:80]))
    if n:
        return n, "the request's directions"
    found = []
    for f in ctx.evidence.of(["med.muscle_relaxant"], region=None, assertion="present"):
        after = _after_name(f, 80)
        if after is None or not rx.search(f.text) or not f.is_evidence:
            continue
        n = doses_a_day(after)
        if n:
            found.append((f.when or dt.date.min, f.start, n, f))
    if not found:
        return None
    *_, n, f = max(found, key=lambda t: (t[0], t[1]))
    return n, f"as prescribed in {f.record_id}, {fmt_when(f)}"


@fact("refills_requested", "the refills the item asks for beyond the first supply (#60 with 2 "
      "refills is 2)")
def _refills(ctx: Context) -> Value:
    r = ctx.request.refills
    return _n(r), f"{r} refills requested"


@fact("weeks_requested", "the weeks a course asks for (2x6 is 6)")
def _weeks_requested(ctx: Context) -> Value:
    w = ctx.request.duration_weeks
    return _n(w), f"{w} weeks requested"


# a device's use counted in days, weeks or months ("30 day rental", "rental for 3 months", "one
# month trial"): a number, then the unit
_USE_LENGTH = re.compile(
    r"\b(\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirty|"
    r"sixty|ninety)[- ](days?|weeks?|wks?|months?|mos?)\b",
    re.I,
)
_UNIT_DAYS = {"d": 1, "w": 7, "m": 30}
_LENGTH_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
                 "thirty": 30, "sixty": 60, "ninety": 90}


@fact(
    "days_requested",
    "the days of use the item asks for, its length given in days, weeks or months ('30 day "
    "rental' is 30, 'rental for 3 months' is 90, a month counted as 30 days)",
    "number",
)
def _days_requested(ctx: Context) -> Value:
    m = _USE_LENGTH.search(ctx.request.decided_text)
    if m is None:
        return None, "no length of use requested"
    word = m.group(1).lower()
    n = float(word) if word.isdigit() else float(_LENGTH_WORDS.get(word, 0))
    if not n:
        return None, "no length of use requested"
    days = n * _UNIT_DAYS[m.group(2)[0].lower()]
    return days, f"{m.group(0)} requested"


_HOURS = re.compile(r"\b(\d{1,3})\s*(?:hours?|hrs?)\b", re.I)


@fact("hours_requested", "the hours a program asks for ('x 80 hours' is 80)")
def _hours_requested(ctx: Context) -> Value:
    m = _HOURS.search(ctx.request.decided_text)
    if m is None:
        return None, "no hours requested"
    return float(m.group(1)), f"{m.group(1)} hours requested"


_NUM = r"(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty[- ]four)"
_NUM_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
              "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
              "twenty": 20, "twenty-four": 24, "twenty four": 24, "thirty": 30, "forty": 40,
              "eighty": 80}
_ROUND_THE_CLOCK = re.compile(r"\b24\s*/\s*7\b|\b(a)?round[- ]the[- ]clock\b", re.I)
_HOURS_A_WEEK = re.compile(_NUM + r"\s*(?:hours?|hrs?)\s*(?:a|per|/|each)\s*(?:week|wk)\b", re.I)
_HOURS_A_DAY = re.compile(
    _NUM + r"\s*(?:hours?|hrs?)\s*(?:a|per|/|each)\s*day\b(?:[^.;]{0,12}?\b" + _NUM
    + r"\s*(?:days?|times?)\s*(?:a|per|/|each)\s*(?:week|wk)\b)?",
    re.I,
)


def _number(word: str) -> float:
    return float(_NUM_WORDS.get(word.lower(), word) if not word.isdigit() else word)


@fact(
    "hours_per_week_requested",
    "the hours of care a week the item asks for ('4 hours a day, 5 days a week' is 20; hours "
    "a day with no days stated are every day; '24/7' is 168)",
)
def _hours_per_week(ctx: Context) -> Value:
    text = ctx.request.decided_text
    if _ROUND_THE_CLOCK.search(text):
        return 168.0, "care around the clock (168 hours a week)"
    m = _HOURS_A_WEEK.search(text)
    if m:
        h = _number(m.group(1))
        return h, f"{h:g} hours a week"
    m = _HOURS_A_DAY.search(text)
    if m:
        h = _number(m.group(1))
        days = _number(m.group(2)) if m.group(2) else 7.0
        return h * days, f"{h:g} hours a day, {days:g} days a week ({h * days:g} hours a week)"
    return None, "no hours of care a week stated"


_PROGRAM_COUNT = re.compile(
    r"\b(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|eighty)\s+(?:full[- ])?(days?|sessions?|weeks?|hours?)\b",
    re.I,
)


def _program_days(count: str, unit: str) -> float:
    """Full-day sessions of a program: a week is 5 days, 8 hours a day (our reading, as the
    topic's two weeks of 80 hours)."""
    n = _number(count)
    unit = unit.lower()
    return n * 5 if unit.startswith("week") else n / 8 if unit.startswith("hour") else n


@fact(
    "frp_days_with_request",
    "full-day sessions of a functional restoration program already attended plus those the item "
    "asks for (a week is 5 days, 8 hours a day), once both are documented",
)
def _frp_days_with_request(ctx: Context) -> Value:
    done = 0.0
    for f in ctx.evidence.of(["program.frp_attended"], region=None, assertion="present"):
        m = _PROGRAM_COUNT.search(f.text)
        if m and f.is_evidence and f.observation != "plan":
            done = max(done, _program_days(m.group(1), m.group(2)))
    r = ctx.request
    hours = _HOURS.search(r.decided_text)
    asked = (float(r.sessions) if r.sessions else float(r.duration_weeks) * 5
             if r.duration_weeks else float(hours.group(1)) / 8 if hours else None)
    if not done or not asked:
        return None, "program days attended or requested not documented"
    total = done + asked
    return total, (f"{done:g} days of the program attended and {asked:g} requested, "
                   f"{total:g} in all")


@fact(
    "functional_improvement_denied",
    "the records state that there has been no functional improvement (the latest first-hand "
    "mention of functional improvement is negated): 1, else 0",
)
def _functional_improvement_denied(ctx: Context) -> Value:
    said = [
        f
        for f in ctx.evidence.of(["function.improvement"], region=None, assertion=None)
        if f.is_evidence and f.assertion in ("present", "negated") and f.observation != "plan"
    ]
    if not said:
        return 0.0, "no statement about functional improvement"
    latest = max(said, key=lambda f: (f.when or dt.date.min, f.start))
    if latest.assertion != "negated":
        return 0.0, "the latest statement reports functional improvement"
    # the denial with its negation ("with no functional improvement"), not the bare words
    m = re.search(r"\b(no|not|without|lack of|absence of)\b[^.;,]{0,40}?" + re.escape(latest.text),
                  latest.sentence, re.I)
    words = " ".join((m.group(0) if m else latest.text).split())
    return 1.0, f'"{words}" ({latest.record_id}, {fmt_when(latest)})'


@fact("levels_requested", "distinct spinal levels (motion segments) the item names")
def _levels(ctx: Context) -> Value:
    n = spinal_levels(ctx.request.decided_text)
    return (float(n) if n else None), f"{n} spinal levels requested"


_AFTER_SURGERY = re.compile(
    r"\bpost[- ]?op(erative(ly)?)?\b|\bpost[- ]?surgical\b|\bafter (the |her |his )?surgery\b", re.I
)


_ATTENDED_WORD = re.compile(r"\b(attended|completed|had|received|participated in)\b", re.I)


def _postop_visits_done(ctx: Context) -> int:
    """The most postoperative therapy visits the records report as completed (a sentence
    that names them as postoperative, not a plan): the postsurgical course counts them
    (8 CCR 9792.24.3: the general course is the visits of the whole postsurgical period)."""
    done = 0
    # (a course told in the past, "s/p rotator cuff repair on 3/14/17 and has completed 12
    # post-op PT visits", counts as one told as present does)
    for f in ctx.evidence.of(["therapy.pt"], region=None, assertion=None):
        if f.assertion not in ("present", "historical"):
            continue
        # a course read as a plan for the authorization it names is still given when the
        # sentence counts the visits attended of those authorized ("has attended twelve of
        # twelve authorized post-operative therapy sessions": "12 of 12 visits")
        given = bool(f.value and " of " in f.value and _ATTENDED_WORD.search(f.sentence))
        if (f.observation == "plan" and not given) or not f.is_evidence:
            continue
        if not _AFTER_SURGERY.search(f.sentence):
            continue
        if f.value and f.value.split()[0].isdigit():
            done = max(done, int(f.value.split()[0]))
    return done


def _beyond(ctx: Context, initial: bool) -> Value:
    n = ctx.request.sessions
    reported = _surgery_reported(ctx) if ctx.surgery is None else None
    course, what = postsurgical_course(ctx.request, reported.sentence if reported else None)
    allowed = course // 2 if initial else course
    kind = "initial" if initial else "general"
    done = _postop_visits_done(ctx)
    had = f"; {done} postoperative visits already completed" if done else ""
    text = f"{n} visits requested{had}; the {kind} course after {what} is {allowed}"
    return (float(n + done - allowed) if n is not None else None), text


@fact(
    "sessions_beyond_initial_course",
    "postoperative visits requested beyond the initial course (half the general course) of "
    "the operation (MTUS Postsurgical Treatment Guidelines)",
)
def _beyond_initial(ctx: Context) -> Value:
    return _beyond(ctx, initial=True)


@fact(
    "sessions_beyond_general_course",
    "postoperative visits requested beyond the general course of the operation",
)
def _beyond_general(ctx: Context) -> Value:
    return _beyond(ctx, initial=False)


# the dates a test's mention lists right after it ("drug screens dated 6-1-16, 8-1-16 and
# 9-20-16"): only separators between them
_DATE_LEAD = re.compile(r"^[^.;\d]{0,20}$")
_DATE_SEP = re.compile(r"^\s*(,|;|and|&|, and)?\s*$")


def _listed_dates(f: Finding) -> list[dt.date]:
    """The dates written in a list right after the finding, in its sentence."""
    from openimr.evidence.quantities import find_dates

    at = f.sentence.find(f.text)
    if at < 0:
        return []
    rest = f.sentence[at + len(f.text):]
    out: list[dt.date] = []
    end = 0
    for s, e, d in find_dates(rest):
        gap = rest[end:s]
        if not (_DATE_LEAD if not out else _DATE_SEP).match(gap):
            break
        out.append(d)
        end = e
    return out


# the sacroiliac provocative tests ODG names (Hip & Pelvis, Sacroiliac joint blocks), by the
# word that names each in a finding; a test named twice counts once
_SI_TESTS = (
    ("gaenslen", "gaenslen"),
    ("thigh thrust", "thigh thrust"),
    ("fortin", "fortin"),
    ("sacral thrust", "sacral thrust"),
    ("compression", "compression"),
    ("distraction", "distraction"),
    ("shear", "shear"),
    ("yeoman", "yeoman"),
    ("faber", "FABER"),
    ("patrick", "FABER"),
)


@fact(
    "si_provocative_tests",
    "distinct sacroiliac provocative tests the examinations found positive (Gaenslen, thigh "
    "thrust, Fortin, sacral thrust, compression, distraction, shear, Yeoman, Patrick's/FABER)",
)
def _si_provocative_tests(ctx: Context) -> Value:
    named: set[str] = set()
    # a positive FABER (Patrick's) test is read as a sign of the hip; ODG lists it among the
    # sacroiliac tests too
    for f in ctx.evidence.of(
        ("exam.si_provocation", "hip.osteoarthritis"), observation="objective"
    ):
        if f.role != "clinical":
            continue
        low = f.text.lower()
        named |= {name for word, name in _SI_TESTS if word in low}
    if not named:
        return None, "no positive sacroiliac provocative test named"
    n = len(named)
    tests = ", ".join(sorted(named))
    return float(n), f"{n} positive sacroiliac provocative test{'s' if n > 1 else ''} ({tests})"


def _last_drug_test(ctx: Context) -> tuple[float | None, str, bool]:
    """Weeks from the latest dated urine drug test to the UR decision, what to say of it, and
    whether the test is dated by its year only (the weeks then count from the year's last day:
    a lower bound)."""
    done = [
        f
        for f in ctx.evidence.of("opioid.uds", observation="test", assertion="present")
        if f.when and not the_request_itself(f, ctx.request)
    ]
    # a test the sentence does not date takes its record's date; a record written after the UR
    # decision (a letter's case summary) does not date the test ("the last drug screen was
    # done in 2015")
    # a test dated by its year only ("done in 2015") is at least as old as that year's last
    # day, and perhaps a year older
    tests = [
        (max([f.when, *_listed_dates(f)]), f)
        for f in done
        if f.when
        and not (
            f.text_date is None and f.when > ctx.bundle.dates.ur_denial and not _listed_dates(f)
        )
    ]
    if not tests:
        if done:
            return None, "the records do not say when the last drug test was done", False
        return None, "no earlier drug test documented", False
    last, f = max(tests, key=lambda t: (t[0], t[1].date_precision == "day"))
    weeks = (ctx.bundle.dates.ur_denial - last).days / 7
    if f.date_precision == "year" and last == f.text_date:
        return weeks, (
            f"the last drug test is dated by its year only ({last.year}), at least "
            f"{fmt_weeks(weeks)} before the UR decision"
        ), True
    return weeks, f"last drug test on {fmt_date(last)}, {fmt_weeks(weeks)} earlier", False


@fact("weeks_since_drug_test", "weeks from the latest dated urine drug test to the UR decision")
def _weeks_since_drug_test(ctx: Context) -> Value:
    weeks, said, year_only = _last_drug_test(ctx)
    # how long ago is known only within a year: not a number a threshold can be read on
    return (None if year_only else weeks), said


@fact(
    "weeks_since_drug_test_at_least",
    "weeks from the latest urine drug test to the UR decision, at the least: a test dated by "
    "its year only counts from that year's last day (the last test in 2015 is at least so "
    "old), where weeks_since_drug_test gives no number",
)
def _weeks_since_drug_test_at_least(ctx: Context) -> Value:
    weeks, said, _ = _last_drug_test(ctx)
    return weeks, said


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


@fact(
    "days_beyond_target_stay",
    "hospital days requested beyond the ODG best-practice target stay of the operation",
)
def _days_beyond_stay(ctx: Context) -> Value:
    days, op = ctx.request.sessions, _operation(ctx)
    if op is None or op.stay_days is None:
        return None, "no target stay known for the operation"
    target = _days(op.stay_days) if op.stay_days else "an outpatient stay"
    asked = f"{_days(days)} requested" if days else "a stay of unstated length requested"
    text = f"{asked}; the target after {op.name} is {target}"
    return float((days or 1) - op.stay_days), text  # an unstated stay: at least a night


THERAPY_COURSES = [
    "therapy.pt", "therapy.chiropractic", "therapy.acupuncture", "therapy.massage"
]


@fact("visits_completed", "the most visits of the therapy requested (PT, chiropractic, "
      "acupuncture or massage; any of them for another service) the records say were completed")
def _visits_completed(ctx: Context) -> Value:
    # each guideline counts its own course: 18 manipulation visits (CPMTG pp. 58-59) are not
    # used up by physical therapy, nor 10 therapy visits (p. 99) by acupuncture
    entry = service(ctx.request.service or "")
    own = [c for c in (entry.done_as if entry else []) if c in THERAPY_COURSES]
    # and a course of another body part is not this one's (12 visits for the neck are no
    # visits of the shoulder's course: CPMTG p. 99 counts visits per condition); a course
    # that names no body part stands for any
    total, seen = 0.0, False
    regions: list[str | None] = [*ctx.request.regions] or [None]
    courses = [
        f
        for region in regions
        for f in ctx.evidence.of(own or THERAPY_COURSES, region=region, assertion="present")
    ]
    for f in courses:
        if f.observation == "plan":
            continue  # visits requested or planned are not visits completed
        if f.value and f.value.split()[0].isdigit():
            total, seen = max(total, float(f.value.split()[0])), True
    return (total if seen else None), f"{total:.0f} visits completed"


_SCORE = re.compile(r"(\d+(?:\.\d+)?)\s*/\s*10\s*$")


@fact("pain_score", "the pain score (0 to 10) of the latest visit that states one")
def _pain_score(ctx: Context) -> Value:
    found = []
    for f in ctx.evidence.of(["pain.score"], region=None, assertion="present"):
        m = _SCORE.search((f.value or "").split("->")[-1])
        if m and f.is_evidence and f.observation != "plan":
            found.append((f, float(m.group(1))))
    if not found:
        return None, "no pain score documented"
    # the latest by the visit the score was given at, not by the record that reports it (a
    # case summary reports every visit on its own date): the rationale quotes it with that
    # visit's date, so a reader finds it, and the counterfactual probe can delete it
    f, score = max(found, key=lambda p: (p[0].when or dt.date.min, p[0].start))
    words = " ".join(f.text.split())
    return score, f'"{words}" ({f.record_id}, {fmt_when(f)})'


class _MedDrug(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    names: list[str]
    factor: float | None = None
    tiers: list[tuple[float, float]] = []  # methadone: (mg a day up to, factor)
    per_hour: bool = False  # a patch: the factor applies to its rate in mcg an hour
    source: str | None = None


class _MedTable(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    citation: str
    drugs: dict[str, _MedDrug]


@lru_cache(maxsize=1)
def _med_table() -> _MedTable:
    return _load_table(_MedTable, "morphine_equivalents.yaml")


@lru_cache(maxsize=1)
def _med_name_rx() -> tuple[re.Pattern[str], dict[str, str], re.Pattern[str]]:
    """The opioid names of the table (name -> drug) and any drug name of the vocabulary (where
    the words about one drug end)."""
    from openimr.intake.vocabulary import drug_names

    of = {n.lower(): drug for drug, d in _med_table().drugs.items() for n in d.names}
    names = sorted(of, key=len, reverse=True)
    table = re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b", re.I)
    every = sorted({*drug_names(), *of}, key=len, reverse=True)
    anydrug = re.compile(r"\b(" + "|".join(re.escape(n) for n in every) + r")\b", re.I)
    return table, of, anydrug


def _about_drug(words: str) -> str:
    """``words`` (what follows a drug's name) up to the next drug named: the words about that
    drug, where its dose and directions are."""
    nxt = _med_name_rx()[2].search(words)
    return words[: nxt.start()] if nxt else words


def _after_name(f: Finding, width: int) -> str | None:
    """The words after ``f``'s drug name in its sentence (``width`` characters at most), up to
    the next drug named; None when the name is not found in the sentence."""
    at = f.sentence.find(f.text)
    if at < 0:
        return None
    return _about_drug(f.sentence[at + len(f.text) : at + len(f.text) + width])


def _med_of(drug: str, amount: float, unit: str) -> float:
    d = _med_table().drugs[drug]
    if d.tiers:
        factor = next((f for upto, f in d.tiers if amount <= upto), d.tiers[-1][1])
        return amount * factor
    return amount * (d.factor or 0.0)


def _computed_meds(ctx: Context) -> list[tuple[Finding, str, float, str]]:
    """Each opioid the records name with its dose and how often (CPMTG 2009 pp. 86-87): the
    finding, the drug, its daily morphine equivalents and how the dose reads."""
    from openimr.evidence.quantities import opioid_regimen

    table, of, _ = _med_name_rx()
    out = []
    for f in ctx.evidence.of(["med.opioid"], region=None, assertion="present"):
        if not f.is_evidence:
            continue
        m = table.fullmatch(f.text.strip())
        drug = of.get(m.group(1).lower()) if m else None
        following = _after_name(f, 100)
        if drug is None or following is None:
            continue
        got = opioid_regimen(following)
        if got is None:
            continue
        amount, unit, strength = got
        if (unit == "mcg/h") != _med_table().drugs[drug].per_hour:
            continue
        said = f"{f.text} {strength:g} {'mcg an hour' if unit == 'mcg/h' else 'mg'}"
        if unit == "mg":
            said += f", {amount:g} mg a day"
        out.append((f, drug, _med_of(drug, amount, unit), said))
    return out


_BMI = re.compile(r"\b(?:bmi|body mass index)\D{0,12}?(\d{2}(?:\.\d+)?)\b", re.I)


@fact("body_mass_index", "the body mass index the latest record that states one gives")
def _body_mass_index(ctx: Context) -> Value:
    found = []
    for f in ctx.evidence.of(["measure.bmi", "dx.extreme_obesity"], region=None,
                             assertion="present"):
        m = _BMI.search(f.text)
        if m and f.is_evidence:
            found.append((f, float(m.group(1))))
    if not found:
        return None, "no body mass index documented"
    f, bmi = max(found, key=lambda p: (p[0].when or dt.date.min, p[0].start))
    return bmi, f"body mass index {bmi:g} ({f.record_id}, {fmt_when(f)})"


@fact(
    "morphine_equivalent_dose",
    "the daily morphine equivalent dose (mg): the one the latest record states, or the doses "
    "of the opioids the latest records give, each times its factor (CPMTG 2009 pp. 86-87, "
    "guidelines/tables/morphine_equivalents.yaml), added together",
)
def _morphine_equivalent_dose(ctx: Context) -> Value:
    found = [
        f
        for f in ctx.evidence.of(["opioid.med"], region=None, assertion="present")
        # a dose "per day" reads as quoted to the evidence stage ("per" a report); the latest
        # record's statement of the regimen is what counts, from whichever sentence
        if f.value and f.value.replace(".", "", 1).isdigit() and f.is_evidence
    ]
    stated = max(found, key=lambda f: (f.when or dt.date.min, f.start)) if found else None
    computed = _computed_meds(ctx)
    latest = max((f.when or dt.date.min for f, *_ in computed), default=None)
    if stated is not None and (latest is None or (stated.when or dt.date.min) >= latest):
        dose = float(stated.value or 0)
        return dose, (
            f"a morphine equivalent dose of {dose:g} mg a day ({stated.record_id}, "
            f"{fmt_when(stated)})"
        )
    if latest is None:
        return None, "no morphine equivalent dose documented"
    # the regimen of the latest date that gives one: each product once, as last written (a
    # long-acting and a short-acting form of one drug are two products, added together)
    mine: dict[str, tuple[Finding, float, str]] = {}
    computed.sort(key=lambda c: (c[0].when or dt.date.min, c[0].start))
    for f, _drug, med, said in computed:
        if (f.when or dt.date.min) == latest:
            mine[f.text.lower()] = (f, med, said)
    total = sum(med for _, med, _ in mine.values())
    parts = "; ".join(f"{said}: {med:g} mg morphine equivalents" for _, med, said in mine.values())
    first = next(iter(mine.values()))[0]
    return total, (
        f"{total:g} mg morphine equivalents a day computed from the doses the records give "
        f"({parts}; {first.record_id}, {fmt_date(latest)})"
    )


_PERCENT = re.compile(r"\b(\d{2,3})\s*(?:%|percent)")


@fact(
    "relief_percent",
    "the largest percentage of pain relief the records report first-hand at the requested "
    "body part (a response of half or more, e.g. to a diagnostic block)",
)
def _relief_percent(ctx: Context) -> Value:
    return _best_relief(ctx, lambda f: True) or (None, "no percentage of relief documented")


def _best_relief(ctx: Context, keep: Callable[[Finding], bool]) -> tuple[float, str] | None:
    """The largest percentage of relief reported first-hand at the requested body part, in
    the findings ``keep`` accepts, with its quotation."""
    best: tuple[float, str] | None = None
    for f in _at_request(ctx, ["pain.relief_half"]):
        if not keep(f):
            continue
        for m in _PERCENT.finditer(f.text):
            pct = float(m.group(1))
            if pct <= 100 and (best is None or pct > best[0]):
                words = " ".join(f.text.split())
                best = pct, f'"{words}" ({f.record_id}, {fmt_when(f)})'
    return best


def _at_request(ctx: Context, codes: list[str]) -> Iterator[Finding]:
    """The present, first-hand findings of ``codes`` at each body part the request names (at
    any, when it names none), part by part."""
    regions: list[str | None] = [*ctx.request.regions] or [None]
    for region in regions:
        for f in ctx.evidence.of(codes, region=region, assertion="present"):
            if f.is_evidence:
                yield f


@fact(
    "block_relief_percent",
    "the largest percentage of pain relief the records report first-hand at the requested body "
    "part in a sentence that names a facet joint or medial branch block or a neurotomy: the "
    "response to the block that diagnoses facet pain (ODG Low Back and Neck, Facet joint "
    "diagnostic blocks), not to an epidural or another injection",
)
def _block_relief_percent(ctx: Context) -> Value:
    blocks = {
        (f.record_id, f.sentence)
        for f in ctx.evidence.of(["therapy.facet_block", "therapy.neurotomy"], assertion="present")
        if f.observation != "plan" and f.role != "plan"
    }
    return _best_relief(ctx, lambda f: (f.record_id, f.sentence) in blocks) or (
        None,
        "no percentage of relief after a facet block or neurotomy documented",
    )


@fact(
    "relief_weeks",
    "the longest time the relief of an earlier treatment at the requested body part lasted, in "
    "weeks, as the records report it first-hand ('70% relief for ten weeks' is 10)",
)
def _relief_weeks(ctx: Context) -> Value:
    codes = ["pain.relief_half", "function.improvement", "therapy.injection", "med.reduced"]
    return _longest_relief(_at_request(ctx, codes)) or (
        None, "how long the relief lasted is not documented"
    )


def _longest_relief(found: Iterable[Finding]) -> tuple[float, str] | None:
    """The longest relief in weeks that the sentences of ``found`` tell, quoted with its
    sentence (each sentence read once): what relief_weeks and injection_relief_weeks share."""
    from openimr.evidence.quantities import relief_weeks

    best: tuple[float, str] | None = None
    seen: set[tuple[str, str]] = set()
    for f in found:
        if not f.sentence or (f.record_id, f.sentence) in seen:
            continue
        seen.add((f.record_id, f.sentence))
        weeks = relief_weeks(f.sentence)
        if weeks is not None and (best is None or weeks > best[0]):
            words = " ".join(f.sentence.split())
            best = weeks, f'"{words}" ({f.record_id}, {fmt_when(f)})'
    return best


@fact(
    "injection_relief_weeks",
    "the longest relief of half the pain or more, in weeks, that a sentence naming an earlier "
    "injection given at the requested body part reports first-hand: the response to that "
    "injection, not to a hyaluronic series or another treatment told in another sentence",
)
def _injection_relief_weeks(ctx: Context) -> Value:
    given = {
        (f.record_id, f.sentence)
        for f in _at_request(ctx, ["therapy.injection"])
        if f.sentence and f.observation != "plan" and f.role != "plan"
    }
    # a sentence that tells a hyaluronic series too does not say which of them relieved
    given -= {
        (f.record_id, f.sentence)
        for f in ctx.evidence.of(["therapy.hyaluronic"], assertion="present")
    }
    relief = _at_request(ctx, ["pain.relief_half"])
    found = (f for f in relief if (f.record_id, f.sentence) in given)
    return _longest_relief(found) or (
        None, "no relief of half the pain or more after the earlier injection documented"
    )


@fact("visits_with_request", "the visits of the therapy requested already completed plus the "
      "visits requested (the course as a whole, once both are documented)")
def _visits_with_request(ctx: Context) -> Value:
    done, _ = FACTS["visits_completed"].compute(ctx)
    asked = ctx.request.sessions or ctx.request.quantity
    if done is None or not asked:
        return None, "visits completed or requested not documented"
    total = done + asked
    return total, f"{done:.0f} visits completed and {asked} requested, {total:.0f} in all"


@fact(
    "responses_after_ur",
    "documented functional improvement or pain relief of half or more dated after the UR "
    "decision (the response to a part UR authorized)",
)
def _responses_after_ur(ctx: Context) -> Value:
    ur = ctx.bundle.dates.ur_denial
    found = [
        f
        for f in ctx.evidence.of(["function.improvement", "pain.relief_half"], assertion="present")
        if f.is_evidence and f.text_date is not None and f.text_date > ur
    ]
    if not found:
        return 0.0, f"no response documented after the UR decision of {fmt_date(ur)}"
    f = found[-1]
    return float(len(found)), f'"{" ".join(f.text.split())}" ({f.record_id}, {fmt_when(f)})'


# ---- properties of the request (tested with ``equals``)


def _flag(value: bool, said: str = "") -> Value:
    return (1.0 if value else 0.0), said


@fact(
    "repeat",
    "a repeat, additional, continued or further request: by its wording, or because the "
    "records document the same study done before",
    "request",
)
def _repeat(ctx: Context) -> Value:
    if ctx.prior is not None:
        p = ctx.prior
        words = " ".join(p.text.split())
        what = ("injection" if p.code == "therapy.injection"
                else "course" if p.code.startswith("therapy.")
                else "evaluation" if p.code.startswith("psych.") else "study")
        return _flag(True, f'an earlier {what} is documented ("{words}", {p.record_id}, '
                     f"{fmt_when(p)})")
    return _flag(ctx.request.repeat)


@fact(
    "course_named_before",
    "the course requested (its own kind of visits, services.yaml done_as: physical therapy for "
    "physical, occupational or aquatic therapy, massage for massage) is named among the "
    "treatments to date at the body part requested, and still is on the latest mention",
    "request",
)
def _course_named_before(ctx: Context) -> Value:
    from openimr.guidelines.schema import Cond
    from openimr.review.conditions import evaluate

    entry = service(ctx.request.service or "")
    own = [c for c in (entry.done_as if entry else []) if c in THERAPY_COURSES]
    if not own:
        return _flag(False)
    cond = Cond(finding=own, region="request", observation="history", status="current")
    out = evaluate(cond, ctx)
    if not out.met or not out.evidence:
        return _flag(False)
    f = out.evidence[-1]
    words = " ".join(f.sentence.split())
    return _flag(True, f'"{words}" ({f.record_id}, {fmt_when(f)})')


@fact(
    "duplicate",
    "the records report the same study, at the same body part, authorized since the request "
    "was made (routing's duplicate course)",
    "request",
)
def _duplicate(ctx: Context) -> Value:
    a = ctx.authorization
    if a is None:
        return _flag(False)
    words = " ".join(a.sentence.split())
    return _flag(True, f'"{words}" ({a.record_id}, {fmt_when(a)})')


@fact(
    "companions_not_necessary",
    "the case also requests what this service is an adjunct to (services.yaml accompanies: the "
    "therapy of a passive modality; follows_named: the treatment a visit's wording names), and "
    "this review finds every such request not medically necessary",
    "request",
)
def _companions_not_necessary(ctx: Context) -> Value:
    found = ctx.companions
    if not found or any(c.decision != "upheld" for c in found):
        return _flag(False)
    names = [f"the {c.subject}" for c in found]
    return _flag(True, ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0])


@fact(
    "companion_necessary",
    "the case also requests what this service is an adjunct to (services.yaml accompanies or "
    "follows_named), and this review finds one such request medically necessary",
    "request",
)
def _companion_necessary(ctx: Context) -> Value:
    found = [c for c in ctx.companions if c.decision == "overturned"]
    if not found:
        return _flag(False)
    return _flag(True, f"the {found[0].subject} requested with it, which this review finds "
                 "medically necessary")


# an approval word beside a surgery named in the same sentence ("utilization review certified
# the left knee arthroscopy", "the fusion was authorized on 10/1/16"), not its refusal
_APPROVAL = re.compile(r"(?<!non-)(?<!non)(?<!not )\b(certified|approved|authori[sz]ed)\b", re.I)
# a surgery the treating physician reports scheduled ("she is scheduled for a right shoulder
# arthroscopy on 12-1-16") has been authorized in practice; "to be scheduled", "pending", or a
# UR decision's list of what the request mentioned, is not
_SCHEDULED = re.compile(r"(?<!not )(?<!to be )\bscheduled\b", re.I)
_REFUSAL = re.compile(r"\b(non-?certif\w*|not (been )?(certified|approved|authori[sz]ed)|denied|"
                      r"pending|await\w*|request(ed|ing)?|if|whether|unless)\b", re.I)


def _approved_here(
    sentence: str, span: str, approval: re.Pattern[str] = _APPROVAL, reach: int = 40
) -> bool:
    """An approval word governs the surgery named in ``span``: the nearest one before it
    ("certified the right knee arthroscopy") or just after it, within ``reach`` characters
    ("the fusion was authorized"), with no refusal or request between them."""
    at = sentence.find(span)
    if at < 0:
        return False
    if approval.match(span) and not re.search(r"\bnon-?\s*$|\bnot\s+$", sentence[:at]):
        return True  # the finding's own words: "certified the right knee arthroscopy"
    inside = approval.search(span)
    tail = sentence[at + len(span) : at + len(span) + reach]
    if inside and not _REFUSAL.search(span[: inside.start()]) and not _REFUSAL.search(tail):
        return True  # after the surgery, in its own words: "the repair was authorized"
    before = list(approval.finditer(sentence[max(0, at - 80) : at]))
    if before and not _REFUSAL.search(sentence[max(0, at - 80) : at][before[-1].end() :]):
        return True
    after = approval.search(sentence[at + len(span) : at + len(span) + reach])
    if after is None:
        return False
    return not _REFUSAL.search(sentence[at + len(span) : at + len(span) + after.start()])


# how long a course of therapy authorized stays the course to come: our reading (a course of
# 8 to 12 visits takes four to eight weeks, and is scheduled within a few weeks of its
# authorization)
_AUTHORIZED_THERAPY_DAYS = 120


@fact(
    "therapy_authorized",
    "the records report a course of active therapy (physical or occupational therapy, work "
    "conditioning) authorized or certified in the four months before the UR decision: the "
    "active program an adjunct accompanies, though the authorization is not a clinical finding",
    "request",
)
def _therapy_authorized(ctx: Context) -> Value:
    ur = ctx.bundle.dates.ur_denial
    found = [
        f
        for f in ctx.evidence.of("therapy.pt", assertion="present")
        if f.role == "administrative"
        # its frequency and length may stand between ("physical therapy 2 times a week for 4
        # weeks was authorized")
        and _approved_here(f.sentence, f.text, reach=60)
        and (f.when is None or (ur - f.when).days <= _AUTHORIZED_THERAPY_DAYS)
    ]
    if not found:
        return _flag(False)
    f = max(found, key=lambda f: (f.when or dt.date.min, f.start))
    words = " ".join(f.sentence.split())
    return _flag(True, f'"{words}" ({f.record_id}, {fmt_when(f)})')


def _surgery_reported(ctx: Context) -> Finding | None:
    """The latest record report of a surgery at the requested body part that was performed
    (first-hand, not a plan) or authorized: what a postoperative service can follow."""
    from openimr.review.conditions import findings_in, scope_regions

    regions = scope_regions("request", ctx.request)
    # an operation performed, reported in a sentence that also says UR certified it ("he
    # underwent a right total knee arthroplasty on 3-10-17, certified by utilization review")
    # is both done and authorized: the certification does not unmake the report
    done = [
        f
        for f in findings_in(ctx.evidence, ["surgery.prior"], regions, None, "present")
        if f.observation != "plan" and f.role == "clinical" and _same_site(ctx.request, f)
    ]
    done += [
        f
        for f in ctx.evidence.of("surgery.prior", assertion="present")
        if f.role == "administrative"
        and f.observation != "plan"
        and _approved_here(f.sentence, f.text)
        and _same_site(ctx.request, f)
    ]
    authorized = []
    for f in ctx.evidence.findings:
        if f.code != "surgery.planned" or f.assertion == "negated":
            continue
        if not _same_site(ctx.request, f):
            continue
        scheduled = f.role != "administrative" and _approved_here(f.sentence, f.text, _SCHEDULED)
        # the approval may follow the operation's own object ("scheduled for an open repair of
        # a massive right rotator cuff tear, authorized by utilization review"): the reach the
        # authorized therapy reading gives
        if scheduled or _approved_here(f.sentence, f.text, reach=60):
            authorized.append(f)
    found = done + authorized
    return max(found, key=lambda f: (f.when or dt.date.min, f.start)) if found else None


def _same_site(req: StructuredRequest, f: Finding) -> bool:
    """Whether a surgery the records report is at the body part of a postoperative request
    (routing's ``same_site``); an unplaced surgery, or a request naming no part, matches."""
    from openimr.routing import same_site

    return f.region is None or not req.regions or same_site(req.regions, f.region)


def _surgery_date(ctx: Context) -> dt.date | None:
    """When the surgery a postoperative service goes with was (or will be) done: the UR date
    for one requested in this case or authorized and still to come, else the date the records
    give for the operation reported performed."""
    if ctx.surgery is not None and ctx.surgery.decision == "overturned":
        return ctx.bundle.dates.ur_denial
    f = _surgery_reported(ctx)
    if f is None:
        return None
    if f.code == "surgery.planned":
        return ctx.bundle.dates.ur_denial
    from openimr.routing import operation_date

    return operation_date(f) or f.record_date


@fact(
    "weeks_since_surgery",
    "weeks from the surgery a postoperative service goes with to the UR decision (to the date "
    "of service of a retrospective request); 0 for a surgery still to come",
    "number",
)
def _weeks_since_surgery(ctx: Context) -> Value:
    when = _surgery_date(ctx)
    if when is None:
        return None, ""
    ref = (ctx.request.date_of_service if ctx.request.retrospective else None) or (
        ctx.bundle.dates.ur_denial
    )
    weeks = max(0, (ref - when).days // 7)
    reported = _surgery_reported(ctx)
    if (ctx.surgery is not None and ctx.surgery.decision == "overturned") or (
        reported is not None and reported.code == "surgery.planned"
    ):
        # the UR date stands in for a surgery still to come: not a date to state as the
        # surgery's
        return float(weeks), "a surgery still to come"
    return float(weeks), f"surgery on {fmt_date(when)}, {weeks} weeks before"


@fact(
    "surgery_established",
    "the surgery this service goes with is established: requested in this case and found "
    "medically necessary, or reported in the records as performed or authorized",
    "request",
)
def _surgery_established(ctx: Context) -> Value:
    if ctx.surgery is not None and ctx.surgery.decision == "overturned":
        return _flag(True, f"the {ctx.surgery.subject} requested with it, which this review "
                     "finds medically necessary")
    f = _surgery_reported(ctx)
    if f is None:
        return _flag(False)
    words = " ".join(f.sentence.split())
    return _flag(True, f'"{words}" ({f.record_id}, {fmt_when(f)})')


@fact(
    "surgery_recent",
    "the surgery this service goes with is established and was done less than six months "
    "before (or is still to come): the recovery a postoperative service serves",
    "request",
)
def _surgery_recent(ctx: Context) -> Value:
    value, said = FACTS["surgery_established"].compute(ctx)
    if not value:
        return value, said
    weeks, when = FACTS["weeks_since_surgery"].compute(ctx)
    if weeks is not None and weeks >= 26:
        return _flag(False, f"{said}: {when} the UR decision, past the recovery period")
    return value, said


@fact(
    "surgery_in_postsurgical_period",
    "the surgery postoperative therapy follows is established and the request falls within its "
    "postsurgical physical medicine period (8 CCR 9792.24.3 gives each operation its own: 3 "
    "months after a carpal tunnel release, 4 after a knee replacement, 6 after a rotator cuff "
    "repair or a lumbar fusion), or the surgery is still to come",
    "request",
)
def _surgery_in_postsurgical_period(ctx: Context) -> Value:
    value, said = FACTS["surgery_established"].compute(ctx)
    if not value or (ctx.surgery is not None and ctx.surgery.decision == "overturned"):
        return value, said
    f = _surgery_reported(ctx)
    if f is None or f.code == "surgery.planned":
        return value, said
    from openimr.routing import months_after, operation_date

    done = operation_date(f)
    if done is None:
        return value, said
    ref = (ctx.request.date_of_service if ctx.request.retrospective else None) or (
        ctx.bundle.dates.ur_denial
    )
    if ref < done:
        # (an operation after the request: still to come when it was asked for)
        return value, said
    texts = [f"{ctx.request.procedure or ''} {ctx.request.decided_text}", f.sentence]
    row = _course_row(ctx.request.regions, texts)
    end = months_after(done, row.months)
    on = "the date of service" if ctx.request.retrospective else "the UR decision"
    period = f"the {row.months}-month postsurgical physical medicine period after {row.name}"
    if ref > end:
        return _flag(False, f"{said}: the operation on {fmt_date(done)} was more than "
                     f"{row.months} months before {on} ({fmt_date(ref)}), past {period}")
    return _flag(True, f"{said}; {on} ({fmt_date(ref)}) falls within {period} done on "
                 f"{fmt_date(done)}")


@fact(
    "psych_evaluation_requested",
    "the case also asks for a psychological evaluation (the clearance CPMTG 2009 p. 101 puts "
    "before a spinal cord stimulator or an intrathecal pump)",
    "request",
)
def _psych_evaluation_requested(ctx: Context) -> Value:
    from openimr.intake.requests import match_services

    for r in ctx.bundle.requests:
        found = match_services(r.item)
        if found and found[0].service.id == "psych_eval":
            return _flag(True, f'the case also requests "{r.item}"')
    return _flag(False)


_SERIES = re.compile(
    r"\bseries\b|\b(three|four|five|six|[3-9])\s+(\w+\s+){0,3}?(injections|blocks|esis)\b", re.I
)


@fact(
    "injection_series",
    "the item asks for a series of injections given in advance (three or more, 'a series of "
    "three', 'x3') rather than one at a time",
    "request",
)
def _injection_series(ctx: Context) -> Value:
    text = ctx.request.decided_text
    if _SERIES.search(text) or (ctx.request.sessions or 0) >= 3:
        return _flag(True, f'"{text}"')
    return _flag(False)


_FUSION = re.compile(r"\b(fusions?|fused|arthrodesis|interbody|tlif|plif|alif|acdf)\b", re.I)


@fact(
    "fused_at_requested_level",
    "the records report a spinal fusion done at a level the item names (ODG facet joint "
    "diagnostic blocks: not at a previously fused level)",
    "request",
)
def _fused_at_requested_level(ctx: Context) -> Value:
    asked = spinal_segments(ctx.request.decided_text)
    if not asked:
        return _flag(False)
    for f in ctx.evidence.of(["surgery.prior"], assertion="present"):
        if f.observation == "plan" or not f.is_evidence or not _FUSION.search(f.sentence):
            continue
        if spinal_segments(f.sentence) & asked:
            words = " ".join(f.sentence.split())
            return _flag(True, f'"{words}" ({f.record_id}, {fmt_when(f)})')
    return _flag(False)


_PERMANENT = re.compile(r"\b(permanent|implant\w*|placement)\b", re.I)
_TRIAL = re.compile(r"\btrial\b", re.I)


@fact(
    "permanent_implant",
    "the item asks for a device's permanent implantation, not its trial (CPMTG 2009 pp. "
    "105-107: a stimulator is implanted only after a successful trial)",
    "request",
)
def _permanent_implant(ctx: Context) -> Value:
    text = ctx.request.decided_text
    if _PERMANENT.search(text) and not _TRIAL.search(text):
        return _flag(True, f'"{text}"')
    return _flag(False)


_CENTRAL_STENOSIS = re.compile(
    r"\b(central|canal|spinal|thecal)\s+(canal\s+)?stenosis\b"
    r"|\bstenosis of the (central |spinal )?canal\b|\bneurogenic claudication\b",
    re.I,
)


@fact(
    "facet_joint_injection_with_stenosis",
    "the item asks for an injection into the facet joints (not a medial branch block) and the "
    "records report spinal (central canal) stenosis at the spine requested (ODG Low Back, Facet "
    "joint intra-articular injections: not with spinal stenosis)",
    "request",
)
def _facet_joint_injection_with_stenosis(ctx: Context) -> Value:
    if ctx.request.service != "facet_injection":
        return _flag(False)
    for f in _at_request(ctx, ["imaging.stenosis"]):
        if _CENTRAL_STENOSIS.search(f.sentence):
            words = " ".join(f.sentence.split())
            return _flag(True, f'"{words}" ({f.record_id}, {fmt_when(f)})')
    return _flag(False)


# A facet injection the request or the plan calls diagnostic: the block before a facet
# neurotomy (ODG Low Back and Neck, Facet joint diagnostic blocks). Any other injection into
# the facet joints is read as the therapeutic one (steroid and anesthetic) ACOEM 2004 ch. 12
# p. 300 calls of questionable merit and ch. 8 pp. 174-175 of no proven benefit.
_DIAGNOSTIC_BLOCK = re.compile(
    r"\bdiagnostic\b|\bcandida(cy|te)\b|\bto (confirm|determine|identify|establish)\b"
    r"|\b(before|prior to|ahead of|in preparation for)\s+(an?\s+|the\s+)?(possible\s+|future\s+)?"
    r"(radio[- ]?frequency|rfa\b|rhizotomy|neurotomy|ablation)",
    re.I,
)
_FACET_SHOT = re.compile(
    r"\bfacet\s+(joint\s+)?(injections?|blocks?)\b"
    r"|\b(injections?|blocks?)\s+(of|into|in|at|to)\s+(the\s+)?([\w-]+\s+){0,5}?facet",
    re.I,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_BLOCK_ONLY = re.compile(r"\bfacet\s+(joint\s+)?blocks?\b", re.I)
_THERAPEUTIC_SHOT = re.compile(
    r"\b(injections?|intra-?articular|therapeutic|steroids?|cortisone|depo-?medrol|kenalog|"
    r"triamcinolone|methylprednisolone|dexamethasone)\b",
    re.I,
)


@fact(
    "therapeutic_facet_joint_injection",
    "the item asks for an injection into the facet joints that neither it nor the plan in the "
    "records calls a diagnostic block before a facet neurotomy (ACOEM 2004 ch. 12 p. 300, "
    "ch. 8 pp. 174-175; ODG Low Back and Neck, Facet joint intra-articular injections)",
    "request",
)
def _therapeutic_facet_joint_injection(ctx: Context) -> Value:
    if ctx.request.service != "facet_injection":
        return _flag(False)
    text = ctx.request.decided_text
    if _DIAGNOSTIC_BLOCK.search(text):
        return _flag(False)
    if _BLOCK_ONLY.search(text) and not _THERAPEUTIC_SHOT.search(text):
        # a "facet block" is the anesthetic block of ODG's diagnostic criteria unless the item
        # says steroid, intra-articular, therapeutic or injection
        return _flag(False)
    for record in ctx.bundle.records:
        for sentence in _SENTENCE_END.split(ctx.bundle.record_text(record.id)):
            if _FACET_SHOT.search(sentence) and _DIAGNOSTIC_BLOCK.search(sentence):
                return _flag(False)
    return _flag(True, f'"{text}", which the records do not describe as a diagnostic block')


# The ingredients of a compounded topical that CPMTG 2009 names as not recommended (p. 111: a
# compound with one of them is not recommended), with the page that says so.
_NOT_RECOMMENDED_TOPICALS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"\bketoprofen\b", re.I), "ketoprofen",
     "not approved by the FDA for topical use, p. 112"),
    # any lidocaine in a compound is not the patch
    (re.compile(r"\b(lidocaine|lidoderm)\b", re.I), "lidocaine",
     "no topical form but the patch is approved for neuropathic pain, p. 112"),
    (re.compile(r"\bgabapentin\b", re.I), "gabapentin", "not recommended, p. 113"),
    (re.compile(r"\b(pregabalin|topiramate|lamotrigine|carbamazepine|oxcarbazepine)\b", re.I),
     "", "no evidence for any other antiepileptic drug as a topical product, p. 113"),
    (re.compile(r"\bbaclofen\b", re.I), "baclofen", "not recommended, p. 113"),
    (re.compile(r"\b(cyclobenzaprine|flexeril|orphenadrine|tizanidine|carisoprodol|"
                r"methocarbamol|metaxalone|chlorzoxazone|dantrolene)\b", re.I),
     "", "no evidence for any muscle relaxant as a topical product, p. 113"),
)


@fact(
    "compound_not_recommended_ingredient",
    "the compounded item names an ingredient CPMTG 2009 pp. 112-113 do not recommend as a "
    "topical (ketoprofen, lidocaine but the patch, gabapentin and other antiepileptics, "
    "baclofen and other muscle relaxants)",
    "request",
)
def _compound_not_recommended_ingredient(ctx: Context) -> Value:
    text = ctx.request.decided_text
    named = []
    for pattern, name, why in _NOT_RECOMMENDED_TOPICALS:
        if m := pattern.search(text):
            named.append(f"{name or m.group(0).lower()} ({why})")
    if not named:
        return _flag(False)
    return _flag(True, "; ".join(named))


@fact("retrospective", "a retrospective request (a date of service already past)", "request")
def _retrospective(ctx: Context) -> Value:
    return _flag(ctx.request.retrospective)


@fact("associated_surgical", "a service that goes with a surgery", "request")
def _associated(ctx: Context) -> Value:
    return _flag(ctx.request.associated_surgical)


@fact("bilateral", "asked for both sides", "request")
def _bilateral(ctx: Context) -> Value:
    return _flag(ctx.request.laterality == "bilateral")


@fact("modified", "UR modified the request; IMR decides the remainder", "request")
def _modified(ctx: Context) -> Value:
    return _flag(ctx.request.modified)


@fact("compounded", "a compounded product", "request")
def _compounded(ctx: Context) -> Value:
    return _flag(ctx.request.compounded)


class _NamedDrug(BaseModel):
    model_config = ConfigDict(extra="forbid")
    says: str
    names: list[str]


class _NamedDrugs(BaseModel):
    model_config = ConfigDict(extra="forbid")
    vehicle: list[str]
    facts: dict[str, _NamedDrug]
    generic: dict[str, str]  # brand -> generic, so a brand and its generic are one agent


@lru_cache(maxsize=1)
def _named_drugs() -> _NamedDrugs:
    return _load_table(_NamedDrugs, "named_drugs.yaml")


def _only_drugs(ctx: Context, active: set[str], vehicle: set[str]) -> bool:
    """The item names one of ``active`` and no other drug (``vehicle`` aside: the menthol and
    camphor of a rub)."""
    from openimr.intake.vocabulary import vocabulary

    text = ctx.request.decided_text.lower()
    named = {name for name, _cls, pat in vocabulary().drugs if pat.search(text)}
    return bool(named & active) and not (named - active - vehicle)


def _register_named_drugs() -> None:
    """One request fact per drug of guidelines/tables/named_drugs.yaml: the item names that
    drug and no other."""
    table = _named_drugs()
    vehicle = set(table.vehicle)
    for name, entry in table.facts.items():
        active = set(entry.names)

        def compute(ctx: Context, active: set[str] = active) -> Value:
            return _flag(_only_drugs(ctx, active, vehicle))

        fact(name, entry.says, "request")(compute)


_register_named_drugs()


class _WordingFlag(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    says: str
    pattern: str


class _WordingFlags(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    flags: dict[str, _WordingFlag]


@lru_cache(maxsize=1)
def _wording_flags() -> dict[str, _WordingFlag]:
    return _load_table(_WordingFlags, "request_wording_flags.yaml").flags


def _register_wording_flags() -> None:
    """One request fact per row of guidelines/tables/request_wording_flags.yaml: the item's own
    words say what kind of request it is (a purchase, supplies of a unit, a surgeon's
    consultation), read by one expression each."""
    for name, row in _wording_flags().items():
        rx = _table_pattern(row.pattern, "request_wording_flags.yaml", f"{name}.pattern")

        def compute(ctx: Context, rx: re.Pattern[str] = rx) -> Value:
            return _flag(bool(rx.search(ctx.request.decided_text)))

        fact(name, row.says, "request")(compute)


_register_wording_flags()


# the active drug a brand name stands for, where a topical brand and its generic are written
# interchangeably ("Lidoderm" and "lidocaine 5% patch")
_TOPICAL_AGENT = {"lidoderm": "lidocaine", "zostrix": "capsaicin", "capzasin": "capsaicin",
                  "voltaren gel": "diclofenac", "diclofenac gel": "diclofenac",
                  "diclofenac sodium gel": "diclofenac", "diclofenac epolamine": "diclofenac",
                  "diclofenac topical": "diclofenac", "flector": "diclofenac",
                  "pennsaid": "diclofenac", "solaraze": "diclofenac", "voltaren": "diclofenac",
                  "ben-gay": "methyl salicylate", "bengay": "methyl salicylate"}
_TOPICAL_WORDS = re.compile(
    r"\b(lidocaine|lidoderm|capsaicin|zostrix|capzasin|diclofenac|voltaren|flector|pennsaid|"
    r"solaraze|terocin|menthoderm|methoderm|mentherm|ben-?gay|methyl salicylate|salonpas|"
    r"biofreeze|dendracin|medrox|ketoprofen|flurbiprofen|compound\w*)\b",
    re.I,
)


def _topical_agents(text: str) -> set[str]:
    return {_TOPICAL_AGENT.get(m.lower(), m.lower()) for m in _TOPICAL_WORDS.findall(text)}


def _agent_in_use(
    ctx: Context, code: str, agents: Callable[[str], set[str]], what: str
) -> Value:
    """Whether the agent the request names is one the records say the patient takes or took
    (a finding of ``code`` naming it, or one naming no agent of the class at all), or one
    they mention on two dates or more; a different agent of the class is not it."""
    asked = agents(ctx.request.decided_text)
    dates: dict[str, set[dt.date]] = {}
    for f in ctx.evidence.of(code):
        named = agents(f"{f.text} {f.value or ''}")
        if f.observation in ("subjective", "history") and (
            not asked or not named or asked & named
        ):
            return 1.0, f"{f.text} ({f.record_id}, {fmt_when(f)})"
        for a in named & asked:
            if f.when:
                dates.setdefault(a, set()).add(f.when)
    for a, seen in dates.items():
        if len(seen) >= 2:
            return 1.0, f"{a} on {len(seen)} dates"
    return 0.0, f"the records name no earlier use of this {what}"


@fact(
    "topical_agent_in_use",
    "the topical agent asked for (the same active drug, brand or generic) is one the records "
    "say the patient already uses or has used; another topical tried before is not it",
    "request",
)
def _topical_agent_in_use(ctx: Context) -> Value:
    return _agent_in_use(ctx, "med.topical", _topical_agents, "topical agent")


# brand names of anticonvulsants and antidepressants and the drug each stands for


def _class_agents(cls: str) -> Callable[[str], set[str]]:
    def agents(text: str) -> set[str]:
        from openimr.intake.vocabulary import vocabulary

        return {
            _named_drugs().generic.get(name, name)
            for name, c, pat in vocabulary().drugs
            if c == cls and pat.search(text)
        }

    return agents


@fact(
    "anticonvulsant_in_use",
    "the anticonvulsant asked for (brand or generic) is one the records say the patient takes "
    "or took; another anticonvulsant tried before is not it (CPMTG pp. 16-17: after an "
    "inadequate response, a switch to another first-line drug)",
    "request",
)
def _anticonvulsant_in_use(ctx: Context) -> Value:
    return _agent_in_use(ctx, "med.anticonvulsant", _class_agents("anticonvulsant"),
                         "anticonvulsant")


@fact(
    "antidepressant_in_use",
    "the antidepressant asked for (brand or generic) is one the records say the patient takes "
    "or took; another antidepressant tried before is not it",
    "request",
)
def _antidepressant_in_use(ctx: Context) -> Value:
    return _agent_in_use(ctx, "med.antidepressant", _class_agents("antidepressant"),
                         "antidepressant")


@fact(
    "other_anticonvulsant_tried",
    "the records say the patient took an anticonvulsant other than the one asked for",
    "request",
)
def _other_anticonvulsant_tried(ctx: Context) -> Value:
    agents = _class_agents("anticonvulsant")
    asked = agents(ctx.request.decided_text)
    for obs in ("subjective", "history"):
        for f in ctx.evidence.of("med.anticonvulsant", observation=obs):
            other = agents(f"{f.text} {f.value or ''}") - asked
            if other:
                return 1.0, f"{f.text} ({f.record_id}, {fmt_when(f)})"
    return 0.0, "the records name no other anticonvulsant tried"


@fact(
    "cox2_in_use",
    "the records say the patient already takes or has taken a COX-2 selective agent "
    "(celecoxib)",
    "request",
)
def _cox2_in_use(ctx: Context) -> Value:
    cox2 = _named_drugs().facts["cox2_selective"].names
    for obs in ("subjective", "history"):
        for f in ctx.evidence.of("med.nsaid", observation=obs):
            if any(name in f"{f.text} {f.value or ''}".lower() for name in cox2):
                return 1.0, f"{f.text} ({f.record_id}, {fmt_when(f)})"
    return 0.0, "the records name no earlier use of celecoxib"


@fact(
    "nsaids_in_use",
    "the number of different NSAIDs the records say the patient takes now, on the latest date "
    "they list one taken (CPMTG 2009 p. 68: multiple NSAIDs are a gastrointestinal risk "
    "factor); two names of one drug are one NSAID",
)
def _nsaids_in_use(ctx: Context) -> Value:
    agents = _class_agents("nsaid")
    taken = [
        f for f in ctx.evidence.of("med.nsaid", observation="subjective", assertion="present")
        if f.is_evidence and f.when is not None
    ]
    if not taken:
        return None, "the records name no NSAID taken"
    latest = max(f.when for f in taken if f.when is not None)
    named: dict[str, Finding] = {}
    for f in taken:
        if f.when == latest:
            for a in agents(f"{f.text} {f.value or ''}"):
                named.setdefault(a, f)
    if not named:
        return None, "the records name no NSAID taken"
    said = "; ".join(f'"{f.text}" ({f.record_id}, {fmt_when(f)})' for f in named.values())
    return float(len(named)), f"{len(named)} different NSAIDs taken together: {said}"


def _drugs_named(text: str) -> set[str]:
    """The drugs a text names, any class, brand names read as their generic (and a topical
    brand as its active drug)."""
    from openimr.intake.vocabulary import vocabulary

    names = {
        _named_drugs().generic.get(name, name)
        for name, _cls, pat in vocabulary().drugs
        if pat.search(text)
    }
    return names | _topical_agents(text)


@fact(
    "relief_names_this_drug",
    "the records state relief from a medication in figures (pain.medication_relief) that "
    "names the drug asked for, or names no drug (the medications taken together); relief "
    "stated for another drug only is not this one's",
    "request",
)
def _relief_names_this_drug(ctx: Context) -> Value:
    asked = _drugs_named(ctx.request.decided_text)
    for f in reversed(ctx.evidence.of("pain.medication_relief")):
        named = _drugs_named(f"{f.text} {f.value or ''}")
        if not named or not asked or asked & named:
            # the relief is quoted by the criterion's own pain.medication_relief condition;
            # said again here it would repeat that quotation, unquoted
            return 1.0, ""
    return 0.0, "the records state relief in figures only for another drug"


_MSK_FIELD = re.compile(
    r"\b(orthop\w*|ortho|spine|spinal|neurosurg\w*|neuro\w*|hand (surgeon|surgery|specialist)|"
    r"podiatr\w*|foot (and|&) ankle|physiatr\w*|pm ?& ?r|physical medicine|pain|"
    r"rheumatolog\w*|sports medicine|occupational medicine|psychiatr\w*|psycholog\w*)\b",
    re.I,
)
_OTHER_FIELD = re.compile(
    r"\b(internal medicine|internist|cardiolog\w*|dermatolog\w*|dental|dentist\w*|"
    r"oral surg\w*|ophthalmolog\w*|optometr\w*|audiolog\w*|otolaryngolog\w*|ent|"
    r"ear,? nose,? (and|&) throat|gastro\w*|gi|urolog\w*|pulmon\w*|sleep medicine|"
    r"infectious disease|vascular|plastic surg\w*|general surg\w*|nutrition\w*|dietic\w*|"
    r"dietitian|endocrin\w*|hematolog\w*|oncolog\w*|nephrolog\w*|gyn\w*|ob/?gyn|allerg\w*|"
    r"bariatric)\b",
    re.I,
)


@fact(
    "consult_other_field",
    "the consultation asked for is in a field outside musculoskeletal, neurologic, pain and "
    "mental health care (internal medicine, cardiology, dermatology, dentistry, ...)",
    "request",
)
def _consult_other_field(ctx: Context) -> Value:
    text = ctx.request.decided_text
    return _flag(bool(_OTHER_FIELD.search(text)) and not _MSK_FIELD.search(text))


@fact("ketorolac", "the drug asked for is ketorolac (Toradol)", "request")
def _ketorolac(ctx: Context) -> Value:
    drug = (ctx.request.drug or "").lower()
    return _flag(drug in ("ketorolac", "toradol"))


_GARMENT = re.compile(
    r"\b(garment|jacket|vest|sleeve|glove|belt)s?\b", re.I
)


@fact(
    "garment",
    "a conductive garment (jacket, vest, sleeve) that carries a stimulation unit's electrodes",
    "request",
)
def _garment(ctx: Context) -> Value:
    return _flag(ctx.request.service == "tens" and bool(_GARMENT.search(ctx.request.decided_text)))


_SECOND_LINE_LAXATIVES = frozenset(
    {"linzess", "linaclotide", "amitiza", "lubiprostone", "movantik", "naloxegol", "relistor",
     "methylnaltrexone", "symproic", "naldemedine"}
)


@fact(
    "second_line_laxative",
    "a prescription agent for opioid-induced constipation (naloxegol, methylnaltrexone, "
    "lubiprostone, linaclotide), which ODG keeps for first-line failure",
    "request",
)
def _second_line_laxative(ctx: Context) -> Value:
    return _flag((ctx.request.drug or "").lower() in _SECOND_LINE_LAXATIVES)


_WALKING_AID = re.compile(r"\b(canes?|crutch(es)?|walkers?|rollators?|walking aids?)\b", re.I)
_WHEELED = re.compile(r"\b(wheel\s?chairs?|scooters?|power chairs?)\b", re.I)


@fact(
    "walking_aid",
    "the item is a walking aid (cane, crutches, walker), not a wheelchair or scooter",
    "request",
)
def _walking_aid(ctx: Context) -> Value:
    text = ctx.request.decided_text
    return _flag(bool(_WALKING_AID.search(text)) and not _WHEELED.search(text))


@fact(
    "ct_study",
    "the study requested is a CT scan (computed tomography), not an MRI",
    "request",
)
def _ct_study(ctx: Context) -> Value:
    return _flag(ctx.request.service == "ct")


_REPEAT_FILMS = re.compile(
    r"\b(repeat(ed)?|follow[- ]up|serial|second|subsequent)\s+(\w+\s+){0,3}?"
    r"(x-?rays?|radiographs?|films?)\b",
    re.I,
)


@fact(
    "negative_films",
    "plain films of the requested part read as normal or without a fracture: how many times "
    "films were taken (distinct dates, or two when a repeat set is named), 0 when none was "
    "read negative",
)
def _negative_films(ctx: Context) -> Value:
    regions: list[str | None] = [*ctx.request.regions] or [None]
    films: list[Finding] = []
    negative: list[Finding] = []
    for region in regions:
        films += [f for f in ctx.evidence.of(["imaging.xray"], region=region, assertion="present")
                  if f.observation == "test"]
        negative += [
            f for f in ctx.evidence.of(["redflag.fracture"], region=region, assertion="negated")
            if f.observation == "test"
        ] + ctx.evidence.of(["imaging.normal"], region=region, assertion="present")
    negative = [f for f in negative if f.is_evidence and not the_request_itself(f, ctx.request)]
    if not negative:
        return 0.0, "no plain films of the part read as negative"
    dates = {f.text_date for f in films + negative if f.text_date is not None}
    repeat = any(_REPEAT_FILMS.search(f.sentence or "") for f in films + negative)
    n = max(len(dates), 2 if repeat else 1)
    f = negative[-1]
    words = " ".join((f.sentence or f.text).split())
    return float(n), f'"{words}" ({f.record_id}, {fmt_when(f)})'


_FUSION_WORDS = re.compile(r"\b(fusions?|arthrodesis|alif|plif|tlif|xlif|acdf)\b", re.I)


@fact(
    "spinal_fusion_done",
    "the records report a fusion already done at the requested part of the spine (a prior "
    "operation whose words name a fusion or arthrodesis)",
)
def _spinal_fusion_done(ctx: Context) -> Value:
    for f in _at_request(ctx, ["surgery.prior"]):
        sentence = f.sentence or f.text
        at = sentence.lower().find(f.text.lower())
        # the operation's own words: the span, or what follows it in the sentence
        # ("status post L4-5 fusion"), not a fusion named elsewhere in it
        near = f.text if at < 0 else sentence[at : at + len(f.text) + 60]
        if _FUSION_WORDS.search(near):
            words = " ".join(f.text.split())
            return 1.0, f'"{words}" ({f.record_id}, {fmt_when(f)})'
    return 0.0, "no spinal fusion done is documented"


@fact("operation_named", "the operation the service goes with is known", "request")
def _operation_named(ctx: Context) -> Value:
    return _flag(_operation(ctx) is not None or bool(ctx.request.procedure))


@fact(
    "complex_operation",
    "the operation is one of the more complex kinds (intake/data/procedures.yaml)",
    "request",
)
def _complex_operation(ctx: Context) -> Value:
    kind = _operation(ctx)
    what = kind.name if kind else (ctx.request.procedure or "").lower()
    return _flag(bool(kind and kind.complex), f"the operation is {what}" if what else "")


@fact(
    "outpatient_operation",
    "the operation is one done as an outpatient (ODG Hospital length of stay target of no night "
    "in hospital, intake/data/procedures.yaml stay_days 0): arthroscopy, a release",
    "request",
)
def _outpatient_operation(ctx: Context) -> Value:
    kind = _operation(ctx)
    if kind is None or kind.stay_days != 0:
        return _flag(False, "")
    return _flag(True, f"the operation is {kind.name}, done as an outpatient")


@fact(
    "inpatient_operation",
    "the operation is one ODG's Hospital length of stay expects a night or more in hospital "
    "after (intake/data/procedures.yaml stay_days above 0): a fusion, a joint replacement, a "
    "spinal decompression",
    "request",
)
def _inpatient_operation(ctx: Context) -> Value:
    kind = _operation(ctx)
    if kind is None or not kind.stay_days:
        return _flag(False, "")
    return _flag(True, f"the operation is {kind.name}, with a hospital stay after it")


@fact(
    "joint_replacement_operation",
    "the operation the service goes with is a knee or hip replacement (major lower-limb joint "
    "surgery, ODG Knee & Leg, Venous thrombosis)",
    "request",
)
def _joint_replacement_operation(ctx: Context) -> Value:
    _, kind = _operation_done(ctx)
    ok = kind is not None and kind.name in ("a knee replacement", "a hip replacement")
    return _flag(ok, f"the operation is {kind.name}" if ok and kind else "")


# a drug named with its dose ("Keflex 500mg"), not a generic word ("antibiotics", "medication")
_NAMED_DOSE = re.compile(
    r"\b(?!(?:medications?|medicines?|antibiotics?|drugs?|pain|post|op|operative|postoperative|"
    r"surgical|service)\b)[a-z][a-z-]{3,}\s*\d+(\.\d+)?\s?(mg|mcg|g|ml)\b",
    re.I,
)


@fact(
    "medication_named",
    "the item names the drug it asks for (a known drug, or a name with its dose), not only a "
    "kind of medicine ('post-operative antibiotics')",
    "request",
)
def _medication_named(ctx: Context) -> Value:
    req = ctx.request
    if req.drug:
        return _flag(True, f"{req.drug} is requested")
    m = _NAMED_DOSE.search(req.decided_text)
    return _flag(m is not None, f"{m.group(0)} is requested" if m else "")


_MENISCECTOMY = re.compile(r"menisc", re.I)


@fact("meniscectomy_requested", "the operation asked for removes or repairs a meniscus",
      "request")
def _meniscectomy_requested(ctx: Context) -> Value:
    text = ctx.request.procedure or ctx.request.decided_text
    return _flag(bool(_MENISCECTOMY.search(text)), "a meniscus operation is requested")


_SLAP_REPAIR = re.compile(r"\bslap\b|superior lab(rum|ral)", re.I)
_CLAVICLE_EXCISION = re.compile(
    r"distal clavic\w*|claviculectomy|mumford|(ac|acromioclavicular) joint (resection|excision)",
    re.I,
)


@fact("slap_repair_requested", "the operation asked for treats a superior labral (SLAP) tear",
      "request")
def _slap_repair_requested(ctx: Context) -> Value:
    text = ctx.request.procedure or ctx.request.decided_text
    return _flag(bool(_SLAP_REPAIR.search(text)), "a SLAP repair is requested")


@fact(
    "clavicle_excision_requested",
    "the operation asked for resects the distal clavicle (a partial claviculectomy, Mumford)",
    "request",
)
def _clavicle_excision_requested(ctx: Context) -> Value:
    text = ctx.request.procedure or ctx.request.decided_text
    return _flag(bool(_CLAVICLE_EXCISION.search(text)), "a distal clavicle excision is requested")


_CPM = re.compile(r"\bcpm\b|continuous passive motion", re.I)


@fact("cpm_requested", "the item asks for continuous passive motion (a CPM device)", "request")
def _cpm_requested(ctx: Context) -> Value:
    return _flag(bool(_CPM.search(ctx.request.decided_text)), "")


# the operations after which ODG (Knee & Leg, Continuous passive motion) supports CPM outside
# the hospital: a knee replacement (primary or revision); an open fixation of a fracture into
# the knee is on its in-hospital list
_CPM_OPERATIONS = ("a knee replacement", "an open fracture fixation")


def _operation_done(ctx: Context) -> tuple[str, ProcedureKind | None]:
    """The text and kind of the operation a postoperative service goes with: the surgery
    disputed with it (or named by its wording), else the one the records report done."""
    kind = _operation(ctx)
    if kind is not None:
        return ctx.request.procedure or ctx.request.decided_text, kind
    from openimr.routing import recent_surgery

    done = recent_surgery(ctx.request, ctx.evidence, ctx.bundle.dates.ur_denial)
    if done is None:
        # an operation the records report authorized or scheduled, still to come ("a right
        # knee ACL reconstruction was authorized and is scheduled"): the sentence names it
        reported = _surgery_reported(ctx)
        if reported is not None and (
            reported.code == "surgery.planned" or reported.role != "clinical"
        ):
            # (or one reported done in the sentence that says UR certified it, which the
            # routing's clinical reading leaves out)
            return reported.sentence, procedure_kind(reported.sentence)
        return ctx.request.procedure or "", None
    return done.text, reported_kind(done)


_CARPAL_RELEASE = re.compile(r"\bcarpal tunnel (release|decompression|surgery)\b", re.I)
_DIGIT_SPLINT = re.compile(r"\b(fingers?|thumb|digits?|trigger|spica|mallet|ulnar gutter)\b", re.I)


@fact(
    "wrist_not_released",
    "the records report no carpal tunnel release done on the side of the wrist splint asked for "
    "(ACOEM 2004 ch. 11 pp. 264-265: a first-line conservative treatment; ODG Carpal Tunnel "
    "Syndrome, Splinting: none after the release)",
    "request",
)
def _wrist_not_released(ctx: Context) -> Value:
    from openimr.review.conditions import of_side

    if _DIGIT_SPLINT.search(ctx.request.decided_text):
        return _flag(True, "")  # a finger or thumb splint treats another condition
    done = [
        f
        for f in ctx.evidence.of(["surgery.prior"], region=None, assertion="present")
        if f.is_evidence and f.observation != "plan" and _CARPAL_RELEASE.search(f.text)
    ]
    side = ctx.request.laterality
    # a release of one wrist says nothing of a splint for the other, nor of one whose side
    # the request does not name while the release names a side
    done = [f for f in of_side(done, side) if side in ("left", "right") or f.laterality is None]
    if not done:
        return _flag(True, "")
    f = max(done, key=lambda f: (f.when or dt.date.min, f.start))
    return _flag(False, f'"{f.text}" ({f.record_id}, {fmt_when(f)})')


@fact(
    "cpm_operation",
    "the operation the service goes with is one ODG supports continuous passive motion after "
    "(a knee replacement; an open fixation of a fracture at the knee)",
    "request",
)
def _cpm_operation(ctx: Context) -> Value:
    _, kind = _operation_done(ctx)
    if kind is None or kind.name not in _CPM_OPERATIONS:
        return _flag(False, "")
    if kind.name != "a knee replacement" and "knee" not in ctx.request.regions:
        return _flag(False, "")
    return _flag(True, f"the operation is {kind.name}")


_BRACE = re.compile(
    r"\bbrace\b|orthosis|immobili[sz]er|\blso\b|\btlso\b|lumbar support|back support", re.I
)
# a knee operation ODG (Knee & Leg, Knee brace) lists a brace for: a reconstructed ligament, a
# meniscal or articular cartilage repair, a high tibial osteotomy, a tibial plateau fracture
_KNEE_BRACE_OPS = re.compile(
    r"\b(acl|pcl|mcl)\b|cruciate|ligament|menisc\w* repair|repair of the (medial |lateral )?"
    r"menisc|cartilage|osteochondral|microfracture|\bmaci\b|osteotomy|tibial plateau|\borif\b|"
    r"open reduction|internal fixation",
    re.I,
)
_SPINE_REGIONS = frozenset({"lumbar spine", "thoracic spine"})
_COLLAR = re.compile(r"collar|cervical (brace|orthosis)|miami|aspen|philadelphia", re.I)
# ODG Shoulder, Postoperative abduction pillow sling: an option after an open repair of a large
# or massive rotator cuff tear, not after arthroscopic repairs
_SPLINT = re.compile(r"splint|\bbrace\b|orthosis|immobili[sz]er", re.I)
_ABDUCTION_SLING = re.compile(r"abduction|ultra ?sling|pillow sling", re.I)
_OPEN_CUFF = re.compile(r"\bopen\b.*\bcuff\b|\bcuff\b.*\bopen\b|mini[- ]open", re.I)


@fact(
    "brace_fits_operation",
    "a knee or back brace or an abduction sling goes with an operation ODG supports it after "
    "(knee: a ligament reconstruction, a meniscal or cartilage repair, an osteotomy or a "
    "fracture fixation, ODG Knee & Leg, Knee brace; low back: a fusion, ODG Low Back, Back "
    "brace, post operative; abduction sling: an open rotator cuff repair, ODG Shoulder; a "
    "cervical collar: not a one-level anterior fusion, ODG Neck; a wrist splint: not after a "
    "carpal tunnel release, ODG Carpal Tunnel Syndrome); true for any other device",
    "request",
)
def _brace_fits_operation(ctx: Context) -> Value:
    # each device's reason says its own rule, so that a rationale names only the device asked
    # for (not the knee's rule for a collar)
    req = ctx.request
    if _ABDUCTION_SLING.search(req.decided_text):
        op_text, _ = _operation_done(ctx)
        ok = bool(_OPEN_CUFF.search(op_text))
        return _flag(
            ok,
            "the abduction sling is for an open rotator cuff repair" if ok
            else "an abduction pillow sling, which the guideline supports after an open rotator "
            "cuff repair, for another operation",
        )
    if "cervical spine" in req.regions and _COLLAR.search(req.decided_text):
        op_text, kind = _operation_done(ctx)
        # ODG Neck, Cervical collar, post operative (fusion): not after a single-level anterior
        # fusion with a plate (a longer fusion is not limited here)
        single = (
            kind is not None
            and kind.name == "a cervical fusion"
            and spinal_levels(op_text) == 1
        )
        return _flag(
            not single,
            "a cervical collar after a single-level anterior cervical fusion, which the guideline "
            "does not support" if single else "the collar is not for a one-level fusion",
        )
    if "wrist/hand" in req.regions and _SPLINT.search(req.decided_text):
        # ODG Carpal Tunnel Syndrome, Splinting: not after a carpal tunnel release (immobilizing
        # the wrist after the release adds nothing)
        op_text, _ = _operation_done(ctx)
        if re.search(r"carpal tunnel", op_text, re.I):
            return _flag(
                False,
                "a wrist splint after a carpal tunnel release, which the guideline does not "
                "support",
            )
        return _flag(True, "")
    if not _BRACE.search(req.decided_text):
        return _flag(True, "")
    op_text, kind = _operation_done(ctx)
    # (no kind: none authorized, done or disputed here, or one the records do not name)
    what = kind.name if kind else "an operation whose kind the records do not establish"
    if "knee" in req.regions:
        ok = bool(_KNEE_BRACE_OPS.search(op_text)) or (
            kind is not None
            and kind.name in ("a ligament reconstruction", "an open fracture fixation")
        )
        return _flag(
            ok,
            f"the brace is for the knee after {what}" if ok
            else f"a knee brace after {what}, where the guideline supports one after a ligament "
            "reconstruction, a meniscal or cartilage repair, an osteotomy or a fracture fixation",
        )
    if set(req.regions) & _SPINE_REGIONS:
        ok = kind is not None and kind.name == "a lumbar fusion"
        return _flag(
            ok,
            f"the brace is for the back after {what}" if ok
            else f"a back brace after {what}, where the guideline supports one after a fusion",
        )
    return _flag(True, "")


@fact(
    "fusion_operation",
    "the operation the service goes with is a spinal fusion (intake/data/procedures.yaml)",
    "request",
)
def _fusion_operation(ctx: Context) -> Value:
    _, kind = _operation_done(ctx)
    ok = kind is not None and kind.name in ("a lumbar fusion", "a cervical fusion")
    return _flag(ok, f"the operation is {kind.name}" if ok and kind else "")


@fact("fusion_levels", "distinct spinal levels (motion segments) the operation names")
def _fusion_levels(ctx: Context) -> Value:
    op_text, _ = _operation_done(ctx)
    n = spinal_levels(op_text)
    return (float(n) if n else None), f"{n} spinal levels to be fused"


_FUSION_RISK_CONDITION = re.compile(r"diabet|smok|renal|kidney", re.I)


@fact(
    "fusion_risk_conditions",
    "conditions among the records' perioperative risks that ODG counts against a spinal fusion "
    "healing (current smoking, diabetes, renal disease)",
)
def _fusion_risk_conditions(ctx: Context) -> Value:
    found = sorted(
        {
            f.text
            for f in ctx.evidence.of("risk.perioperative")
            if f.role == "clinical" and _FUSION_RISK_CONDITION.search(f.text)
        }
    )
    if not found:
        return None, "no smoking, diabetes or renal disease documented"
    return float(len(found)), "documented: " + ", ".join(found)


@fact("ekg_requested", "the item asks for an electrocardiogram", "request")
def _ekg_requested(ctx: Context) -> Value:
    return _flag(ctx.request.service == "preop_ekg", "")


# ---- helpers the facts share


def operation(req: StructuredRequest) -> ProcedureKind | None:
    """The kind of operation a service goes with: the surgery disputed with it, else the one
    its own wording names (``intake/data/procedures.yaml``)."""
    return procedure_kind(req.procedure or "") or procedure_kind(req.decided_text)


def _operation(ctx: Context) -> ProcedureKind | None:
    """The kind of operation the service of ``ctx`` goes with (:func:`operation`); for a
    service that names none and is disputed without its surgery ("Assistant surgeon", when UR
    certified the operation and denied the assistant), the operation the records report
    authorized or performed at its body part: associated services follow their surgery."""
    kind = operation(ctx.request)
    if kind is not None or ctx.request.procedure or ctx.surgery is not None:
        return kind
    f = _surgery_reported(ctx)
    return reported_kind(f) if f is not None else None


def reported_kind(f: Finding) -> ProcedureKind | None:
    """The kind of operation a record's report of one names: its own words, or where they name
    none or only the catch-all (a finding "fusion has been authorized"), its sentence's ("The
    L4-5 posterior lumbar interbody fusion has been authorized" is a lumbar fusion)."""
    kind = procedure_kind(f.text)
    if kind is None or kind.name == _GENERIC_OPERATION:
        return procedure_kind(f.sentence) or kind
    return kind


# the catch-all kind of procedures.yaml, named by a bare "fusion" or "arthrodesis"
_GENERIC_OPERATION = "a fusion of a joint"


# the vertebrae in order (C1-C7, T1-T12, L1-L5, S1), so that a range names its segments
_FIRST_VERTEBRA = {"C": 0, "T": 7, "L": 19, "S": 24}
_LAST_VERTEBRA = {"C": 7, "T": 12, "L": 5, "S": 1}


def _vertebra(letter: str, number: int) -> int | None:
    letter = letter.upper()
    return _FIRST_VERTEBRA[letter] + number if number <= _LAST_VERTEBRA[letter] else None


def spinal_levels(text: str) -> int:
    """How many distinct spinal levels (motion segments) a request names; 0 when it names none.
    A range names every segment in it: "L4-S1" is L4-5 and L5-S1, "C5-C7" is C5-6 and C6-7."""
    return len(spinal_segments(text))


def spinal_segments(text: str) -> set[tuple[int, int] | tuple[str, int, str, int]]:
    """The distinct spinal levels (motion segments) ``text`` names (see spinal_levels)."""
    seen: set[tuple[int, int] | tuple[str, int, str, int]] = set()
    for m in SPINAL_LEVEL.finditer(text):
        upper_letter, lower_letter = m.group(1), m.group(3) or m.group(1)
        top = _vertebra(upper_letter, int(m.group(2)))
        bottom = _vertebra(lower_letter, int(m.group(4)))
        if top is None or bottom is None or not 0 < bottom - top <= 6:
            # not a range of vertebrae we can count: one level, as written
            seen.add((upper_letter.upper(), int(m.group(2)), lower_letter.upper(), int(m.group(4))))
            continue
        seen.update((v, v + 1) for v in range(top, bottom))
    return seen


class _Course(BaseModel):
    model_config = ConfigDict(extra="forbid")
    pattern: str
    visits: int
    name: str
    months: int


class _Default(BaseModel):
    model_config = ConfigDict(extra="forbid")
    visits: int
    name: str
    months: int


class _Courses(BaseModel):
    model_config = ConfigDict(extra="forbid")
    citation: str
    default: _Default
    regions: dict[str, list[_Course]]


@lru_cache(maxsize=1)
def _courses() -> _Courses:
    return _load_table(_Courses, "postsurgical_visits.yaml")


def postsurgical_course(req: StructuredRequest, reported: str | None = None) -> tuple[int, str]:
    """The general course of visits after the operation ``req`` follows, and its name.
    ``reported``: the records' sentence of the surgery done, read when the request's own words
    name no operation ("post-operative physical therapy for the left knee" after "she underwent
    left knee arthroscopic partial medial meniscectomy": 12 visits, not knee surgery's 24)."""
    texts = [f"{req.procedure or ''} {req.decided_text}"]
    if reported:
        texts.append(reported)
    row = _course_row(req.regions, texts)
    return row.visits, row.name


def postsurgical_period(region: str, text: str) -> tuple[int, str]:
    """The postsurgical physical medicine period in months of the operation ``text`` names at
    ``region`` (8 CCR 9792.24.3 gives each operation its own), and the operation's name."""
    row = _course_row((region,), [text])
    return row.months, row.name


def _course_row(regions: tuple[str, ...] | list[str], texts: list[str]) -> _Course | _Default:
    table = _courses()
    for text in texts:
        for region in regions:
            for row in table.regions.get(region, []):
                if row.pattern and re.search(row.pattern, text.lower()):
                    return row
    for region in regions:
        for row in table.regions.get(region, []):
            if not row.pattern:
                return row
    return table.default


def check_names(names: list[tuple[str, str]]) -> list[str]:
    """Problems with the fact names a topic uses: (where, name) pairs; unknown names get a
    did-you-mean hint."""
    import difflib

    problems = []
    for where, name in names:
        if name not in FACTS:
            close = difflib.get_close_matches(name, list(FACTS), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.append(f"{where}: unknown fact {name!r}{hint}")
    return problems
