"""Evaluate a criterion's condition tree against the evidence of one case and one request."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from openimr.domain import CaseBundle, Finding
from openimr.evidence.evidence_set import course_of, timeline_date
from openimr.guidelines.schema import Cond
from openimr.intake.requests import StructuredRequest
from openimr.intake.vocabulary import territory
from openimr.review.facts import FACTS, the_request_itself

if TYPE_CHECKING:
    from openimr.evidence import EvidenceSet

def scope_regions(cond_region: str | None, req: StructuredRequest) -> list[str] | None:
    """Regions a finding condition looks at; None means anywhere."""
    if cond_region in (None, "request"):
        if not req.regions:
            return None
        out: list[str] = []
        for r in req.regions:
            for t in territory(r):
                if t not in out:
                    out.append(t)
        return out
    if cond_region == "any":
        return None
    if cond_region == "site":  # the requested region itself, without its territory
        return list(req.regions) or None
    if cond_region.startswith("only "):  # that region alone ("only upper extremity": the arm
        return [cond_region[5:]]  # proper, not the hand or the shoulder)
    return list(territory(cond_region))


def said_of_request(fs: list[Finding], req: StructuredRequest) -> list[Finding]:
    """The findings not said of another treatment: a sentence that names some treatment
    (services.yaml wording, not a catch-all such as "unit" or "purchase") but not the one
    requested reports that treatment's result ("a 30 day home trial of an interferential
    unit, with improved sitting tolerance" is no TENS trial, CPMTG 2009 p. 116); a sentence
    naming no treatment, or the one requested, stays."""
    from openimr.intake.requests import match_services

    out = []
    for f in fs:
        named = {m.service.id for m in match_services(f.sentence) if not m.service.generic}
        if named and req.service not in named:
            continue
        out.append(f)
    return out


@dataclass(frozen=True)
class Companion:
    """A request of the same case that this item is an adjunct to (services.yaml
    ``accompanies``), as this review decided it: the therapy a passive modality goes with."""

    subject: str  # the request as a rationale names it
    decision: str  # this review's decision on it


@dataclass
class Context:
    """What conditions read: the evidence, the structured request and the case facts."""

    bundle: CaseBundle
    evidence: EvidenceSet
    request: StructuredRequest
    decision_date: dt.date
    prior: Finding | None = None  # the earlier study that makes the request a repeat
    authorization: Finding | None = None  # the same study reported authorized (a duplicate)
    companions: tuple[Companion, ...] = ()  # the case's requests this one is an adjunct to
    surgery: Companion | None = None  # the surgery of the case this service goes with

    def fact(self, name: str) -> tuple[float | None, str]:
        """The value of a registered fact (``review/facts.py``) and how to say it."""
        return FACTS[name].compute(self)


@dataclass
class Outcome:
    """A condition's result: met, not met, or not established (``unsure``: the records hold
    positive evidence and a statement of its absence, and neither outranks the other)."""

    met: bool
    evidence: list[Finding] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    unsure: bool = False
    against: list[Finding] = field(default_factory=list)  # what contests the evidence
    inapplicable: bool = False  # an indication for another kind of request than this one
    undocumented: bool = False  # a fact the records do not give (its negation says nothing)
    stale: list[Finding] = field(default_factory=list)  # positive, but no longer current
    # an unmet any: the facts its branches computed, which its unmet sentence may quote
    told: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        return "met" if self.met else "not established" if self.unsure else "not met"


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
                if f.assertion == "present" and not f.is_evidence:
                    continue  # named in a UR decision or an authorization, not found
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
    """absent / new / persistent / resolved across the union of regions, and the latest
    mention (the evidence stage's time course; an improving finding is still persistent)."""
    course = course_of(history)
    status = "persistent" if course.status == "improved" else course.status
    return status, course.latest


@dataclass
class _Lookup:
    """One finding condition being evaluated: where it looks, and the positive mentions it
    set aside as no longer current (``stale``)."""

    cond: Cond
    ctx: Context
    codes: list[str]
    regions: list[str] | None
    obs: str | None
    status: str
    stale: list[Finding] = field(default_factory=list)

    def at_site(self, fs: list[Finding]) -> list[Finding]:
        # "site": a finding located elsewhere in the territory (a wrist fracture for a neck
        # study) does not count; one with no region (a general statement) does.
        fs = still_evidence(fs, self.ctx)
        if self.cond.of_request:
            fs = said_of_request(fs, self.ctx.request)
        if self.cond.located:
            fs = [f for f in fs if f.region is not None]
        if self.cond.region != "any":
            # a finding of the other side is not evidence for this one (a right carpal tunnel
            # syndrome is no reason for a left wrist splint)
            fs = of_side(fs, self.ctx.request.laterality)
        strict = self.cond.region == "site" or (self.cond.region or "").startswith("only ")
        if not strict or self.regions is None:
            return fs
        return [f for f in fs if f.region is None or f.region in self.regions]

    def current(self, fs: list[Finding]) -> list[Finding]:
        """Set aside a complaint or finding last recorded long before the request: history
        (a red flag is a current suspicion, whatever kind of statement raised it)."""
        suspicion = self.status == "suspected"
        now = self.cond.present_state
        old = [
            f for f in fs if f.assertion != "negated" and is_stale(f, self.ctx, suspicion, now)
        ]
        old += background_behind(fs, old, self.ctx, suspicion, now)
        self.stale.extend(old)
        return [f for f in fs if f not in old]

    def mentions(self) -> list[Finding]:
        return self.at_site(mentions(self.ctx.evidence, self.codes, self.regions, self.obs))

    def unless_stale(self, out: Outcome) -> Outcome:
        """Only old positives: not established, unless a later mention finds it absent."""
        if out.met or out.unsure or not self.stale:
            return out
        dated = [f for f in self.stale if timeline_date(f) is not None]
        last = _latest_of(dated or self.stale)
        since = timeline_date(last[0]) or dt.date.min
        # the undated background lines set aside with them are quoted too (what the records
        # say, and why it is not the present state)
        last += [f for f in self.stale if timeline_date(f) is None and f not in last][:2]
        for f in self.mentions():
            if f.assertion == "negated" and (timeline_date(f) or dt.date.min) > since:
                return out
        return Outcome(False, [], out.facts, unsure=True, stale=last)

    def contested(self, out: Outcome) -> Outcome:
        return contested(out, self.codes, self.regions, self.ctx)


def _finding(cond: Cond, ctx: Context) -> Outcome:
    codes = [cond.finding] if isinstance(cond.finding, str) else list(cond.finding or [])
    obs = None if cond.observation in (None, "any", "done") else cond.observation
    look = _Lookup(
        cond, ctx, codes, scope_regions(cond.region, ctx.request), obs, cond.status or "any"
    )
    if look.status == "any":
        found = findings_in(ctx.evidence, codes, look.regions, obs, assertion="present")
        if cond.observation == "done":  # not a plan: what was done, not what is asked for
            found = [f for f in found if f.observation != "plan" and f.role != "plan"]
        hits = sorted(look.current(look.at_site(found)), key=_by_date)
        if hits:
            return look.contested(Outcome(True, hits))
        return look.unless_stale(Outcome(False))
    if look.status == "documented":
        hits = look.at_site(documented_in(ctx.evidence, codes, look.regions, obs))
        return Outcome(bool(hits), sorted(hits, key=_by_date))
    if look.status == "suspected":
        raised = _suspected(
            codes, look.regions, obs, lambda fs: look.current(look.at_site(fs)), ctx
        )
        return look.unless_stale(raised)
    return _course_condition(look)


def _by_date(f: Finding) -> tuple[dt.date, int]:
    return (f.when or dt.date.min, f.start)


def _course_condition(look: _Lookup) -> Outcome:
    """current / persistent / new_or_worse / resolved / absent, on the time course."""
    status = look.status
    positive = status in ("current", "persistent", "new_or_worse")
    history = look.current(look.mentions()) if positive else look.mentions()
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
    if ok and status == "new_or_worse" and latest is not None:
        against = _no_change_statements(look, latest) or _found_by_earlier_study(
            look, history, latest
        )
        if against:  # first-hand and as recent: it settles the course, not a doubt
            return Outcome(False, [], against=against)
    if ok and positive and evidence:
        return look.contested(Outcome(ok, evidence))
    out = Outcome(ok, evidence)
    return look.unless_stale(out) if positive else out


def _no_change_statements(look: _Lookup, latest: Finding) -> list[Finding]:
    """Statements as recent as ``latest`` that none of the deficits looked for is new or worse
    ("there were no new neurological deficits", "neurologically unchanged", vocabulary
    ``states_no_change_of``): the
    examination's own word outranks reading its finding as new for want of an earlier one."""
    from openimr.evidence import schema

    when = timeline_date(latest)
    out = []
    for concept in schema.no_change_concepts():
        if not set(concept.states_no_change_of) & set(look.codes):
            continue
        for f in look.ctx.evidence.of(concept.code, assertion=concept.no_change_when):
            said = timeline_date(f)
            if f.is_evidence and (when is None or said is None or said >= when):
                out.append(f)
    return out


# the study results that name the nerve root they found affected (value: the root)
_ROOT_RESULTS = ("edx.radiculopathy",)


def _found_by_earlier_study(
    look: _Lookup, history: list[Finding], latest: Finding
) -> list[Finding]:
    """The earlier study results that already found every deficit of the latest examination
    ("an EMG dated 6-12-2015 showed a right C6 radiculopathy"; now "decreased sensation in the
    right C6 dermatome"): a deficit the last study found is not new since it, though no earlier
    examination is in the records (our reading of ACOEM 2004 ch. 8 p. 178 and ODG's repeat
    studies; guidelines/shared/special-studies.yaml edx_repeat_change). A deficit the records
    call new or worse, or one at a root the study did not name, is new."""
    when = timeline_date(latest)
    if when is None:
        return []
    now = [f for f in history if f.is_present and timeline_date(f) == when]
    studies = [
        f
        for code in _ROOT_RESULTS
        for f in look.ctx.evidence.of(code, assertion="present")
        if f.is_evidence and f.value and (timeline_date(f) or when) < when
    ]
    out: list[Finding] = []
    for f in now:
        if f.change == "worsened" or not f.value:
            return []
        match = [
            s
            for s in studies
            if s.value == f.value
            and (s.laterality in (None, "bilateral") or f.laterality in (None, s.laterality))
        ]
        if not match:
            return []
        out += [s for s in match if s not in out]
    return out


def _latest_of(fs: list[Finding]) -> list[Finding]:
    """The most recent of some mentions (what a note about them quotes)."""
    last = max(fs, key=lambda f: (timeline_date(f) or dt.date.min, f.start))
    return [last]


def is_stale(
    f: Finding, ctx: Context, suspicion: bool = False, present_state: bool = False
) -> bool:
    """Whether a positive complaint, finding or plan was recorded longer before the request
    than the vocabulary's ``current_within`` allows (an undated one is not known to be old).
    A retrospective request is measured from its date of service. ``suspicion``: a red flag,
    which is current or nothing, whether an examination or a test raised it (a history of
    cancer stays history). ``present_state``: the condition asks for the present state (the
    relief of a drug being continued, a fracture a support would treat), so what a treatment
    did, or a test showed, years ago ages too."""
    from openimr.evidence import schema

    cur = schema.currency()
    when = timeline_date(f)
    # a red flag ages whatever kind of statement raised it; so does a state asked of now,
    # whether a test showed it (a fracture a support would treat) or a history reported it
    # (a drug stopped after a course of treatment)
    kinds = [*cur.observations, "test"] if cur is not None and suspicion else None
    if cur is not None and present_state:
        kinds = [*cur.observations, "test", "history"]
    if cur is None or when is None or f.observation not in (kinds or cur.observations):
        return False
    if f.code in schema.responses_to_treatment() and not present_state:
        return False
    return _months_before(when, ctx) >= cur.months


def _months_before(when: dt.date, ctx: Context) -> int:
    """Whole months from ``when`` to the request (a retrospective request: its date of
    service; else the UR decision)."""
    ref = ctx.request.date_of_service if ctx.request.retrospective else None
    ref = ref or ctx.bundle.dates.ur_denial
    return (ref.year - when.year) * 12 + ref.month - when.month - (ref.day < when.day)


def background_behind(
    fs: list[Finding],
    old: list[Finding],
    ctx: Context,
    suspicion: bool = False,
    present_state: bool = False,
) -> list[Finding]:
    """Undated background lines of a case summary ("The diagnoses have included right knee
    sprain with instability") that cannot be the patient's present state: the summary places
    its background before the dated visits it goes on to report (``timeline_date``), so when
    no dated mention of the same findings is current, the background is no newer than the
    dated history (``old``); and a background line no dated report repeats at all, followed
    only by dated visits that are themselves history, is no newer than they are: not
    established (issue 12, positive, current, first-hand evidence). A summary whose latest
    visit is current gives its background as of that visit, and one that reports no dated
    visit at all has nothing else to say: there the line keeps its weight.

    Only the signs and complaints a guideline asks of the present examination are set aside
    (vocabulary.yaml ``current_within.background``: instability, a neurologic deficit, giving
    way). A condition that asks for the present state (``present_state``) reads a diagnosis it
    lists beside them as one more way of stating them ("radicular symptoms": radiating pain,
    numbness or a radiculopathy), and a drug it asks to be in use now (opioid therapy that a
    drug screen or a laxative goes with), so there a background diagnosis or drug is set aside
    too. A diagnosis of record asked for as such, a test, treatment history and what a
    treatment did keep their weight, and a background sentence that places itself in the
    present ("Currently, ...", ``current_within.present``) is the present."""
    from openimr.evidence import schema

    cur = schema.currency()
    if cur is None:
        return []
    positive = [f for f in fs if f.assertion != "negated"]
    if any(timeline_date(f) is not None for f in positive if f not in old):
        return []
    kinds = [*cur.observations, "test"] if suspicion else list(cur.observations)
    if present_state:  # a diagnosis read as history ("sprain"), or a test's ("fracture"),
        kinds += ["history", "test"]  # states the present state too
    records = {f.record_id for f in old if timeline_date(f) is not None}
    now = schema.present_time()
    return [
        f
        for f in positive
        if f not in old
        and f.quoted
        and f.text_date is None
        and (f.record_id in records or _only_old_reports_after(f, ctx, cur.months))
        and f.observation in kinds
        and (cur.ages_in_background(f.code) or present_state)
        and f.code not in schema.responses_to_treatment()
        and not (now is not None and now.search(f.sentence))
    ]


def _only_old_reports_after(f: Finding, ctx: Context, months: int) -> bool:
    """Whether the summary that holds an undated line goes on to report dated visits, the
    latest of them ``months`` or more before the request (a clinical sentence of the same
    record, after the line, that carries its own day; the UR decision's date and a bare year,
    "treated in 2012", are not visits). A summary whose latest visit is current gives its
    background as of that visit."""
    after = [when for start, when in ctx.evidence.dated_visits(f.record_id) if start > f.start]
    return bool(after) and _months_before(max(after), ctx) >= months


def _suspected(
    codes: list[str],
    regions: list[str] | None,
    obs: str | None,
    at_site: Callable[[list[Finding]], list[Finding]],
    ctx: Context,
) -> Outcome:
    """A clinical suspicion ("suspected compression fracture") or a positive finding, in a
    clinical sentence (not a plan's "to rule out"), with no later statement that rules it out:
    a red flag is the clinician's suspicion, not a confirmed diagnosis."""
    found = findings_in(ctx.evidence, codes, regions, obs, assertion=None)
    raised = at_site(
        [f for f in found if f.assertion in ("present", "possible") and f.role == "clinical"]
    )
    if not raised:
        return Outcome(False)
    latest = max(raised, key=lambda f: (f.when or dt.date.min, f.start))
    ruled_out = [
        f
        for f in at_site([f for f in found if f.assertion == "negated" and f.is_evidence])
        if (f.when or dt.date.min) > (latest.when or dt.date.min)
    ]
    if ruled_out:
        return Outcome(False, [], against=ruled_out)
    return contested(Outcome(True, [latest]), codes, regions, ctx)


def still_evidence(fs: list[Finding], ctx: Context) -> list[Finding]:
    """Drop findings that are evidence only in the first weeks after the injury (vocabulary
    ``recent_weeks``: the mechanism of injury) once the case is past them, and a retrospective
    request's own service on its date of service (the request itself, not an earlier one)."""
    from openimr.evidence import schema

    fs = [f for f in fs if not the_request_itself(f, ctx.request)]
    limits = schema.recent_weeks()
    if not limits:
        return fs
    b = ctx.bundle
    weeks = (b.dates.ur_denial - b.claim.date_of_injury).days / 7
    return [f for f in fs if f.code not in limits or weeks <= limits[f.code]]


def absence_statements(
    ev: EvidenceSet, codes: list[str], regions: list[str] | None
) -> list[Finding]:
    """General statements that the records lack every one of some findings ("no neurologic
    deficits", "neurologically intact", "no red flags") that cover any of ``codes``, in the
    given regions (or with no region). A UR decision's words are not among them."""
    from openimr.evidence import schema

    out = []
    for concept in schema.absence_concepts():
        if not set(concept.states_absence_of) & set(codes):
            continue
        for f in findings_in(ev, [concept.code], None, None, concept.absence_when):
            if f.is_evidence and (f.region is None or regions is None or f.region in regions):
                out.append(f)
    return out


def of_side(fs: list[Finding], side: str | None) -> list[Finding]:
    """Those of ``fs`` not of the other side, when the request names one side (a finding of
    no side or of both stands for either)."""
    if side not in ("left", "right"):
        return fs
    return [f for f in fs if f.laterality in (None, side, "bilateral")]


def contested(out: Outcome, codes: list[str], regions: list[str] | None, ctx: Context) -> Outcome:
    """Weigh positive evidence against statements of absence: an absence statement as recent
    as the latest positive mention (or either undated) leaves the condition not established;
    an older one is outranked by the later examination."""
    # an undated background sentence of a summary is older than any dated statement
    dated = [d for f in out.evidence if f.is_present and (d := timeline_date(f)) is not None]
    latest = max(dated, default=None)
    against = [
        a
        for a in absence_statements(ctx.evidence, codes, regions)
        if (when := timeline_date(a)) is None or latest is None or when >= latest
    ]
    # "the right upper extremity was neurologically intact" says nothing of the left
    against = of_side(against, ctx.request.laterality)
    if against and len(codes) > 1:
        against = _denying(out, against, codes, regions, ctx)
    if not against:
        return out
    return Outcome(False, out.evidence, out.facts, unsure=True, against=against)


def _denying(
    out: Outcome, against: list[Finding], codes: list[str], regions: list[str] | None, ctx: Context
) -> list[Finding]:
    """The absence statements that deny what the positive evidence shows: of a condition met by
    any of several findings, "neurological examination was normal" says nothing against
    "limited flexion" (a loss of motion), only against the neurologic ones."""
    keys = {(f.record_id, f.start) for f in out.evidence if f.is_present}
    shown = [
        c
        for c in codes
        if keys
        & {(f.record_id, f.start) for f in findings_in(ctx.evidence, [c], regions, None, "present")}
    ]
    if not shown or len(shown) == len(codes):
        return against
    denying = {(a.record_id, a.start) for a in absence_statements(ctx.evidence, shown, regions)}
    return [a for a in against if (a.record_id, a.start) in denying]


def evaluate(cond: Cond, ctx: Context) -> Outcome:
    """Evaluate one condition tree; the outcome carries the findings that made it true."""
    if cond.finding is not None:
        return _finding(cond, ctx)
    if cond.fact is not None:
        value, text = ctx.fact(cond.fact)
        if value is None:
            said = f"{cond.fact.replace('_', ' ')} not documented"
            return Outcome(False, facts=[said], undocumented=True)
        ok = (cond.min is None or value >= cond.min) and (cond.max is None or value <= cond.max)
        return Outcome(ok, facts=[text])
    if cond.request is not None:
        value, said = ctx.fact(cond.request)
        return Outcome(bool(value) == cond.equals, facts=[said] if said else [])
    if cond.not_ is not None:
        inner = evaluate(cond.not_, ctx)
        # the absence of something not established is not established either
        return Outcome(
            not inner.met and not inner.unsure,
            inner.evidence,
            [] if inner.undocumented else inner.facts,
            unsure=inner.unsure,
            against=inner.against,
            stale=inner.stale,
        )
    return _combine(cond, [evaluate(c, ctx) for c in (cond.any or cond.all or [])])


def _combine(cond: Cond, children: list[Outcome]) -> Outcome:
    """any: met when one child is met, else not established when one is; all: met when every
    child is, not established when none fails outright but one is not established."""
    if cond.any is not None:
        met = any(c.met for c in children)
        unsure = not met and any(c.unsure for c in children)
        relevant = [c for c in children if c.met or (unsure and c.unsure)]
        # met by a branch the records do not bear on ("the request is not a repeat"): that
        # branch decides, and the evidence of the others is not the reason
        trivial = [c for c in relevant if c.met and not c.evidence and not c.facts]
        if trivial:
            relevant = trivial[:1]
    else:
        met = all(c.met for c in children)
        unsure = not met and all(c.met or c.unsure for c in children)
        relevant = children
    # an unmet any keeps what its branches found (the numbers that failed), for the sentence
    # that says it is not met ("12 visits requested; 12 already completed")
    told = [] if met or cond.any is None else [t for c in children for t in c.facts or c.told]
    return Outcome(
        met,
        [f for c in relevant for f in c.evidence],
        [t for c in relevant for t in c.facts],
        told=told,
        unsure=unsure,
        against=[f for c in relevant for f in c.against],
        stale=[f for c in relevant for f in c.stale],
    )


def ur_stated_missing(ev: EvidenceSet) -> list[Finding]:
    """What utilization review said the records lacked: a concept negated in an administrative
    sentence ("non-certified ... as there was no documentation of functional improvement")."""
    return list(ev.memo("ur_stated_missing", _ur_stated_missing))


def _ur_stated_missing(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.role == "administrative" and f.assertion == "negated"]


def asked_for(cond: Cond) -> set[str]:
    """The evidence codes a condition needs present (those under a ``not`` it needs absent)."""
    out = set([cond.finding] if isinstance(cond.finding, str) else cond.finding or [])
    for child in (cond.any or []) + (cond.all or []):
        out |= asked_for(child)
    return out


def held_to_ur_reason(cond: Cond, out: Outcome, stated: list[Finding]) -> Outcome:
    """UR denied for a stated missing element (``stated``: :func:`ur_stated_missing`): a
    criterion that asks for that element is met only by positive evidence of it. Met on
    another footing (the request not worded as a repeat, a count of weeks) it is not
    established, and cannot overturn."""
    if not out.met or not stated:
        return out
    said = [f for f in stated if f.code in asked_for(cond)]
    if not said or any(f.is_present or f.assertion == "historical" for f in out.evidence):
        return out
    return Outcome(False, [], out.facts, unsure=True, against=said[-1:])


def for_other_requests(cond: Cond, ctx: Context) -> bool:
    """An indication written for one kind of request ("all" of a request property and more)
    whose request property this request lacks: it speaks to other requests, not this one."""
    return any(
        c.request is not None and not evaluate(c, ctx).met for c in (cond.all or [])
    )
