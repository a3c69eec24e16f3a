"""Evaluate a criterion's condition tree against the evidence of one case and one request."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from openimr.domain import CaseBundle, Finding
from openimr.guidelines.schema import Cond
from openimr.intake.requests import ProcedureKind, StructuredRequest, procedure_kind

if TYPE_CHECKING:
    from openimr.evidence import EvidenceSet

# A request for a limb is read together with the spine segment that supplies it, and back.
TERRITORY: dict[str, list[str]] = {
    "lower extremity": ["lower extremity", "lumbar spine", "ankle/foot", "knee", "hip/pelvis"],
    "lumbar spine": ["lumbar spine", "lower extremity", "ankle/foot", "knee"],
    "cervical spine": ["cervical spine", "upper extremity", "shoulder", "elbow", "wrist/hand"],
    "upper extremity": ["upper extremity", "cervical spine", "shoulder", "elbow", "wrist/hand"],
    "thoracic spine": ["thoracic spine"],
}


def scope_regions(cond_region: str | None, req: StructuredRequest) -> list[str] | None:
    """Regions a finding condition looks at; None means anywhere."""
    if cond_region in (None, "request"):
        if not req.regions:
            return None
        out: list[str] = []
        for r in req.regions:
            for t in TERRITORY.get(r, [r]):
                if t not in out:
                    out.append(t)
        return out
    if cond_region == "any":
        return None
    if cond_region == "site":  # the requested region itself, without its territory
        return list(req.regions) or None
    if cond_region.startswith("only "):  # that region alone ("only upper extremity": the arm
        return [cond_region[5:]]  # proper, not the hand or the shoulder)
    return TERRITORY.get(cond_region, [cond_region])


@dataclass
class Context:
    """What conditions read: the evidence, the structured request and the case facts."""

    bundle: CaseBundle
    evidence: EvidenceSet
    request: StructuredRequest
    decision_date: dt.date

    def fact(self, name: str) -> tuple[float | None, str]:
        b = self.bundle
        if name == "weeks_since_injury":
            ref = b.dates.ur_denial
            weeks = (ref - b.claim.date_of_injury).days / 7
            injured = fmt_date(b.claim.date_of_injury)
            return weeks, f"injury on {injured}, {weeks:.0f} weeks before the UR decision"
        if name == "age":
            age = b.patient.age_on(self.decision_date)
            return (float(age) if age is not None else None), f"age {age}"
        if name == "sessions_requested":
            n = self.request.sessions
            return (float(n) if n is not None else None), f"{n} sessions requested"
        if name == "quantity_requested":
            q = self.request.quantity
            return (float(q) if q is not None else None), f"quantity {q} requested"
        if name in ("sessions_beyond_initial_course", "sessions_beyond_general_course"):
            n = self.request.sessions
            course, what = postsurgical_course(self.request)
            allowed = course // 2 if name == "sessions_beyond_initial_course" else course
            kind = "initial" if name == "sessions_beyond_initial_course" else "general"
            text = f"{n} visits requested; the {kind} course after {what} is {allowed}"
            return (float(n - allowed) if n is not None else None), text
        if name == "levels_requested":
            n = spinal_levels(self.request.decided_text)
            return (float(n) if n else None), f"{n} spinal levels requested"
        if name == "weeks_since_drug_test":  # the latest dated urine drug test
            tests = [
                f.when
                for f in self.evidence.of("opioid.uds", observation="test", assertion="present")
                if f.when
            ]
            if not tests:
                return None, "no earlier drug test documented"
            weeks = (b.dates.ur_denial - max(tests)).days / 7
            return weeks, f"last drug test on {fmt_date(max(tests))}, {weeks:.0f} weeks earlier"
        if name == "days_beyond_target_stay":  # a hospital stay against the operation's target
            days, op = self.request.sessions, operation(self.request)
            if op is None or op.stay_days is None:
                return None, "no target stay known for the operation"
            target = _days(op.stay_days) if op.stay_days else "an outpatient stay"
            asked = f"{_days(days)} requested" if days else "a stay of unstated length requested"
            text = f"{asked}; the target after {op.name} is {target}"
            return float((days or 1) - op.stay_days), text  # an unstated stay: at least a night
        if name == "weeks_requested":
            w = self.request.duration_weeks
            return (float(w) if w is not None else None), f"{w} weeks requested"
        if name == "visits_completed":
            total = 0.0
            seen = False
            for f in self.evidence.of(
                ["therapy.pt", "therapy.chiropractic", "therapy.acupuncture"],
                region=None,
                assertion="present",
            ):
                if f.observation == "plan":
                    continue  # visits requested or planned are not visits completed
                if f.value and f.value.split()[0].isdigit():
                    total = max(total, float(f.value.split()[0]))
                    seen = True
            return (total if seen else None), f"{total:.0f} visits completed"
        raise KeyError(name)


# The general course of postoperative visits by procedure in the MTUS Postsurgical Treatment
# Guidelines (2009); the initial course is half of it. Read from the operation the service
# follows (the surgery disputed with it) or from the service's own wording; by body region,
# the first pattern that matches wins, and the last entry of a region is its default.
_COURSES: dict[str, list[tuple[str, int, str]]] = {
    "knee": [
        (r"menisc|chondroplasty|debridement|loose bod", 12, "meniscectomy or debridement"),
        (r"\bacl\b|cruciate|ligament", 24, "ligament reconstruction"),
        (r"arthroplasty|replacement|\btka\b", 24, "knee arthroplasty"),
        (r"", 24, "knee surgery"),
    ],
    "lumbar spine": [
        (r"fusion|arthrodesis|\bplif\b|\btlif\b|\balif\b", 34, "lumbar fusion"),
        (r"", 16, "discectomy or laminectomy"),
    ],
    "cervical spine": [
        (r"fusion|arthrodesis|\bacdf\b", 24, "cervical fusion"),
        (r"", 16, "discectomy or laminectomy"),
    ],
    "wrist/hand": [
        (r"trigger finger", 9, "trigger finger release"),
        (r"quervain", 14, "de Quervain's release"),
        (r"", 8, "carpal tunnel release"),
    ],
    "shoulder": [(r"", 24, "shoulder surgery")],
}


def postsurgical_course(req: StructuredRequest) -> tuple[int, str]:
    """The general course of visits after the operation ``req`` follows, and its name."""
    text = f"{req.procedure or ''} {req.decided_text}".lower()
    for region in req.regions:
        for pattern, visits, what in _COURSES.get(region, []):
            if re.search(pattern, text):
                return visits, what
    return 24, "the common arthroscopic and reconstructive procedures"


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def operation(req: StructuredRequest) -> ProcedureKind | None:
    """The kind of operation a service goes with: the surgery disputed with it, else the one
    its own wording names (``intake/data/procedures.yaml``)."""
    return procedure_kind(req.procedure or "") or procedure_kind(req.decided_text)


# A spinal level as requests write it: "L4-5", "L5-S1", "C5/C6", "T12-L1".
_LEVEL = re.compile(r"\b([CTL])\s?(\d{1,2})\s?(?:-|/|\u2013|to)\s?([CTLS])?\s?(\d{1,2})\b", re.I)


def spinal_levels(text: str) -> int:
    """How many distinct spinal levels (motion segments) a request names; 0 when it names none."""
    seen = {
        (m.group(1).upper(), int(m.group(2)), (m.group(3) or m.group(1)).upper(), int(m.group(4)))
        for m in _LEVEL.finditer(text)
    }
    return len(seen)


@dataclass
class Outcome:
    met: bool
    evidence: list[Finding] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)


def fmt_date(d: dt.date | None) -> str:
    return f"{d.month}/{d.day}/{d.year}" if d else "an undated record"


def findings_in(
    ev: EvidenceSet,
    codes: list[str],
    regions: list[str] | None,
    observation: str | None,
    assertion: str | None,
) -> list[Finding]:
    """Findings of ``codes`` in any of ``regions`` (None: anywhere), each mention once.

    The evidence stage answers one region at a time; conditions and absence claims look at a
    whole radicular territory, so every caller needs this union.
    """
    seen: dict[tuple[str, int], Finding] = {}
    for code in codes:
        for region in list(regions) if regions else [None]:
            for f in ev.of(code, region=region, observation=observation, assertion=assertion):
                seen.setdefault((f.record_id, f.start), f)
    return list(seen.values())


def documented_in(
    ev: EvidenceSet, codes: list[str], regions: list[str] | None, observation: str | None
) -> list[Finding]:
    """Present and historical findings of ``codes``: a past event ("history of a GI bleed")
    documents the thing as much as a current one does."""
    return [
        f
        for assertion in ("present", "historical")
        for f in findings_in(ev, codes, regions, observation, assertion)
    ]


def mentions(
    ev: EvidenceSet, codes: list[str], regions: list[str] | None, observation: str | None
) -> list[Finding]:
    """Every present or negated first-hand mention of ``codes`` in the given regions, by date.

    Plans are not examinations, so they are left out unless the condition asks for plans.
    Findings quoted from older reports count only when no first-hand mention exists (a case
    file that is itself a summary of other reports has nothing else to go on).
    """
    usable = [
        f
        for f in findings_in(ev, codes, regions, observation, assertion=None)
        if f.assertion in ("present", "negated")
        and not (observation is None and f.observation == "plan")
    ]
    chosen = [f for f in usable if not f.quoted] or usable
    return sorted(chosen, key=lambda f: (f.when or dt.date.min, f.record_id, f.start))


def course_status(history: list[Finding]) -> tuple[str, Finding | None]:
    """absent / new / persistent / resolved across the union of regions, and the latest mention.

    The most recent dated record decides: a deficit found on 10/29 and absent on 12/3 is
    resolved, whichever words located it (ankle on one day, both legs on the next).
    """
    if not history:
        return "absent", None
    last = history[-1].when
    at_last = [f for f in history if f.when == last]
    present_last = [f for f in at_last if f.assertion == "present"]
    latest = present_last[-1] if present_last else at_last[-1]
    present = [f for f in history if f.assertion == "present"]
    if not present:
        return "absent", latest
    if not present_last:
        return "resolved", latest
    if all(f.when == last for f in present):
        return "new", latest
    return "persistent", latest


def _finding(cond: Cond, ctx: Context) -> Outcome:
    codes = [cond.finding] if isinstance(cond.finding, str) else list(cond.finding or [])
    regions = scope_regions(cond.region, ctx.request)
    obs = None if cond.observation in (None, "any") else cond.observation
    status = cond.status or "any"

    def at_site(fs: list[Finding]) -> list[Finding]:
        # "site": a finding located elsewhere in the territory (a wrist fracture for a neck
        # study) does not count; one with no region (a general statement) does.
        strict = cond.region == "site" or (cond.region or "").startswith("only ")
        if not strict or regions is None:
            return fs
        return [f for f in fs if f.region is None or f.region in regions]

    if status in ("any", "documented"):
        found = (
            documented_in(ctx.evidence, codes, regions, obs)
            if status == "documented"
            else findings_in(ctx.evidence, codes, regions, obs, assertion="present")
        )
        hits = sorted(at_site(found), key=lambda f: (f.when or dt.date.min, f.start))
        return Outcome(bool(hits), hits)
    history = at_site(mentions(ctx.evidence, codes, regions, obs))
    state, latest = course_status(history)
    ok = {
        "current": latest is not None and latest.assertion == "present",
        "persistent": state == "persistent",
        "new_or_worse": state == "new",
        "resolved": state == "resolved",
        "absent": state == "absent",
    }[status]
    evidence: list[Finding] = []
    if ok and latest is not None:
        if latest.assertion == "present":
            evidence = [latest]
        elif state == "resolved":
            evidence = [f for f in history if f.assertion == "present"][-1:] + [latest]
    return Outcome(ok, evidence)


def evaluate(cond: Cond, ctx: Context) -> Outcome:
    """Evaluate one condition tree; the outcome carries the findings that made it true."""
    if cond.finding is not None:
        return _finding(cond, ctx)
    if cond.fact is not None:
        value, text = ctx.fact(cond.fact)
        if value is None:
            return Outcome(False, facts=[f"{cond.fact.replace('_', ' ')} not documented"])
        ok = (cond.min is None or value >= cond.min) and (cond.max is None or value <= cond.max)
        return Outcome(ok, facts=[text])
    if cond.request in ("operation_named", "complex_operation"):
        kind = operation(ctx.request)
        named = kind is not None or bool(ctx.request.procedure)
        actual = named if cond.request == "operation_named" else bool(kind and kind.complex)
        what = kind.name if kind else (ctx.request.procedure or "").lower()
        said = cond.request == "complex_operation" and what  # the kind, said once
        return Outcome(actual == cond.equals, facts=[f"the operation is {what}"] if said else [])
    if cond.request is not None:
        r = ctx.request
        actual = {
            "repeat": r.repeat,
            "retrospective": r.retrospective,
            "associated_surgical": r.associated_surgical,
            "bilateral": r.laterality == "bilateral",
            "modified": r.modified,
            "compounded": r.compounded,
        }[cond.request]
        return Outcome(actual == cond.equals)
    if cond.not_ is not None:
        inner = evaluate(cond.not_, ctx)
        return Outcome(not inner.met, inner.evidence, inner.facts)
    children = [evaluate(c, ctx) for c in (cond.any or cond.all or [])]
    met = any(c.met for c in children) if cond.any is not None else all(c.met for c in children)
    relevant = [c for c in children if c.met] if cond.any is not None else children
    return Outcome(
        met,
        [f for c in relevant for f in c.evidence],
        [t for c in relevant for t in c.facts],
    )
