"""Each disputed item worked out once: what it asks for, for which body part, with which
surgery, in which phase of the case, and whether it is a first request or a continuation.

The result, a frozen :class:`RoutedItem`, is what reviewer selection, the engine, the
rationale and the letter all read; nothing downstream parses an item's text again or edits
what was parsed. The rules that rewrite a service in the light of a surgery (therapy after an
operation is post-operative therapy, a blood count beside one is its work-up) are attributes
of the services in ``intake/data/services.yaml``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from openimr.domain import CaseBundle, Finding, Request
from openimr.guidelines.registry import Phase, case_phase
from openimr.intake.requests import StructuredRequest, other_levels, parse_request
from openimr.intake.vocabulary import regions_named, service, territory, vocabulary
from openimr.routing.bodypart import Reading, read_body_part

if TYPE_CHECKING:
    from openimr.evidence import EvidenceSet
    from openimr.guidelines.registry import KnowledgeBase

Course = Literal["initial", "repeat", "extension", "remainder", "duplicate"]

__all__ = [
    "Course",
    "Reading",
    "RoutedItem",
    "recent_surgery",
    "route_case",
    "route_items",
    "route_wording",
    "same_site",
]


@dataclass(frozen=True)
class RoutedItem:
    """One disputed item as the whole review reads it."""

    request: Request
    req: StructuredRequest  # the final reading: after its surgery and the records' body part
    phase: Phase | None  # of the case on the UR decision date
    course: Course
    surgery: str | None = None  # the id of the disputed surgery this service goes with
    reading: Reading | None = None  # a body part read from the records, for the reviewer
    prior: Finding | None = None  # the earlier study the records document (a repeat)
    authorization: Finding | None = None  # the same study reported authorized (a duplicate)

    @property
    def id(self) -> str:
        return self.request.id

    @property
    def is_surgery(self) -> bool:
        return self.req.category == "surgery"


_PERIOP = re.compile(r"\b(pre|post)[- ]?op(erative)?\b", re.I)
_REPEAT_WORD = re.compile(r"\brepeat\b", re.I)


def course_of(req: StructuredRequest) -> Course:
    """A first request, a repeat (of a study or procedure), an extension (more of a course
    under way: additional, continued, refill) or the remainder of a modified request (UR
    authorized part of the same course; a different service put in its place is not a part)."""
    if req.modified and _same_course(req):
        return "remainder"
    if _REPEAT_WORD.search(req.decided_text):
        return "repeat"
    return "extension" if req.repeat else "initial"


def _same_course(req: StructuredRequest) -> bool:
    """Whether what UR authorized is part of the course requested: the authorized wording
    routes to the same service, or (not stated) the request counts visits or a supply."""
    if req.authorized:
        if other_levels(req.decided_text, req.authorized):
            return False  # another spinal level in its place: a different request
        return parse_request(req.authorized).service in (req.service, None)
    return req.sessions is not None or req.quantity is not None


def is_associated(req: StructuredRequest) -> bool:
    """A service that exists only because of a surgery: pre-operative work-up, assistant,
    post-operative therapy, equipment or medication, or an item the letter files as an
    'associated surgical service'."""
    return (
        req.associated_surgical
        or req.category == "surgery-associated"
        or bool(_PERIOP.search(req.decided_text))
    )


def _joins_surgery(req: StructuredRequest) -> bool:
    entry = service(req.service or "")
    if is_associated(req) or bool(entry and entry.joins_surgery):
        return True
    cls = vocabulary().drug_classes.get((req.service or "").removeprefix("drug:"))
    return bool(req.service and req.service.startswith("drug:") and cls and cls.joins_surgery)


def _joinable(
    req: StructuredRequest, surgeries: list[tuple[str, StructuredRequest]]
) -> list[tuple[str, StructuredRequest]]:
    """The disputed surgeries ``req`` may go with: all of them, or, for a service that joins
    only a surgery at some regions (services.yaml ``joins_surgery`` as a list) and whose own
    wording does not file it with the surgery, those at one of these regions."""
    entry = service(req.service or "")
    at = entry.joins_surgery if entry else None
    if not isinstance(at, list) or is_associated(req):
        return surgeries
    return [(sid, s) for sid, s in surgeries if set(s.regions) & set(at)]


def _surgery_for(
    req: StructuredRequest, surgeries: list[tuple[str, StructuredRequest]]
) -> str | None:
    """The disputed surgery a service goes with: the one on the body part the service names
    (read with its radicular territory); for the operation as a whole, or a service naming no
    body part, the first surgery of the case."""
    entry = service(req.service or "")
    if (entry and entry.whole_operation) or not req.regions:
        return surgeries[0][0] if surgeries else None
    for sid, s in surgeries:
        if not s.regions or {t for r in s.regions for t in territory(r)} & set(req.regions):
            return sid
    return None


def with_surgery(req: StructuredRequest, surgery: StructuredRequest | None) -> StructuredRequest:
    """The service read in the light of its surgery: it is associated with it, follows that
    operation, is for the operated body part if it names none, and becomes the service its
    vocabulary entry names for that case (``with_surgery``)."""
    changes: dict[str, object] = {"associated_surgical": True}
    if surgery is not None:
        changes["procedure"] = surgery.decided_text
        if not req.regions:
            changes["regions"] = surgery.regions
    entry = service(req.service or "")
    target = service(entry.with_surgery) if entry and entry.with_surgery else None
    if target is not None:
        changes |= {
            "service": target.id,
            "category": target.category,
            "subcategory": target.subcategory,
        }
    return replace(req, **changes)  # type: ignore[arg-type]


def route_wording(text: str, ur_decision: str = "denied") -> StructuredRequest:
    """An item's reading from its wording alone, as routing reads it in a case with no
    disputed surgery (an item filed as an associated surgical service is still one)."""
    req = parse_request(text, ur_decision)
    return with_surgery(req, None) if req.associated_surgical else req


def route_items(bundle: CaseBundle) -> tuple[RoutedItem, ...]:
    """Route every item of the case from its own wording and the case's dates (no records)."""
    phase = case_phase(bundle.claim.date_of_injury, bundle.dates.ur_denial)
    parsed = [(r, parse_request(r.item, r.ur_decision)) for r in bundle.requests]
    surgeries = [(r.id, p) for r, p in parsed if p.category == "surgery"]
    by_id = dict(surgeries)
    out = []
    for r, p in parsed:
        link = None
        joinable = _joinable(p, surgeries)
        if p.category != "surgery" and _joins_surgery(p) and joinable:
            link = _surgery_for(p, joinable)
        final = p
        if link is not None or p.associated_surgical or _postoperative_drug(p):
            final = with_surgery(p, by_id.get(link) if link else None)
        out.append(RoutedItem(r, final, phase, course_of(p), link))
    return tuple(out)


def route_case(
    bundle: CaseBundle,
    *,
    evidence: EvidenceSet | None = None,
    kb: KnowledgeBase | None = None,
    when: dt.date | None = None,
) -> tuple[RoutedItem, ...]:
    """Route every item; with the records' evidence and the knowledge base, a request that
    names no body part (or only "spine" or "joint") is read as the part the records document
    most, where that decides the guideline chapter (the reviewer confirms it)."""
    items = route_items(bundle)
    if evidence is None or kb is None:
        return items
    on = when or bundle.dates.decision or dt.date.today()
    items = _read_perioperative(items, [r.text or "" for r in bundle.records])
    items = tuple(_read_postsurgical(it, evidence, bundle.dates.ur_denial) for it in items)
    items = tuple(_read_past_period(it, evidence, bundle.dates.ur_denial) for it in items)
    items = tuple(_read_body_part(it, evidence, kb, on) for it in items)
    items = tuple(_read_prior(it, evidence, bundle.dates.ur_denial) for it in items)
    texts = [r.text or "" for r in bundle.records]
    items = tuple(_read_continuation(it, evidence, texts) for it in items)
    return tuple(_read_authorization(it, evidence, bundle.dates.ur_denial) for it in items)


_POSTOP_USE = r"(post[- ]?op(erative(ly)?)?|post[- ]?surgical(ly)?)"
_POSTOP_DRUG = re.compile(
    rf"\b(for|after)\s+(the\s+|his\s+|her\s+)?{_POSTOP_USE}\b|^\s*{_POSTOP_USE}\b", re.I
)


def _postoperative_drug(req: StructuredRequest) -> bool:
    """A drug the item itself asks for after an operation ("Percocet #30 for postoperative
    pain", "Post-op Keflex"): a service that goes with a surgery, as one the letter files as an
    associated surgical service, whether or not the surgery is disputed in this case."""
    return bool(req.drug) and bool(_POSTOP_DRUG.search(req.decided_text))


def _read_perioperative(items: tuple[RoutedItem, ...], texts: list[str]) -> tuple[RoutedItem, ...]:
    """A drug disputed beside a surgery, which the records name as given for the operation
    ("Percocet for post-operative pain", "post-operative ondansetron"), goes with that surgery
    like one the letter files as an associated surgical service."""
    surgeries = [(it.id, it.req) for it in items if it.req.category == "surgery"]
    if not surgeries:
        return items
    by_id = dict(surgeries)
    out = []
    for it in items:
        drug = it.req.drug
        if drug and it.surgery is None and not it.req.associated_surgical:
            name = re.escape(drug)
            said = re.compile(
                rf"\b{name}\b[^.;]{{0,40}}?\b(for|after)\s+(the\s+|his\s+|her\s+)?{_POSTOP_USE}\b"
                rf"|\b{_POSTOP_USE}\s+{name}\b",
                re.I,
            )
            if any(said.search(t) for t in texts):
                link = _surgery_for(it.req, surgeries)
                if link is not None:
                    it = replace(it, req=with_surgery(it.req, by_id[link]), surgery=link)
        out.append(it)
    return tuple(out)


# 8 CCR 9792.24.3: a course of therapy within the postsurgical physical medicine period of an
# operation is governed by the Postsurgical Treatment Guidelines, after it by the chronic pain
# guidelines; each operation has its own period (3 months after a carpal tunnel release, 4 after
# a knee replacement, 6 after a rotator cuff repair or a lumbar fusion), in the visits table
# (guidelines/tables/postsurgical_visits.yaml).
# what the Postsurgical Treatment Guidelines govern: physical medicine (a blood test after an
# operation is no pre-operative work-up)
_POSTSURGICAL_MEDICINE = frozenset({"postop_therapy"})


def months_after(day: dt.date, months: int) -> dt.date:
    """The calendar day ``months`` months after ``day`` (the last of a shorter month)."""
    import calendar

    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def postsurgical_period_of(f: Finding) -> tuple[int, str]:
    """The postsurgical physical medicine period (months) of the operation ``f`` reports, and
    the operation's name (the visits table's row for its region and words)."""
    from openimr.review.facts import postsurgical_period

    return postsurgical_period(f.region or "", f.sentence)


_OP_DATE_GAP = re.compile(r"^[^.;]{0,60}?\b(on|dated|in)\s*$", re.I)


def operation_date(f: Finding) -> dt.date | None:
    """The date of the operation ``f`` reports: the one written just after its mention
    ("underwent a left carpal tunnel release on February 20, 2017"), not the report's date
    that opens the sentence ("According to the progress report dated 7/10/17, ..."); else the
    sentence's date."""
    from openimr.evidence.quantities import find_dates

    at = f.sentence.find(f.text)
    if at >= 0:
        rest = f.sentence[at + len(f.text):]
        for s, _e, d in find_dates(rest):
            if _OP_DATE_GAP.match(rest[:s]):
                return d
            break
    return f.text_date


def within_postsurgical_period(f: Finding, day: dt.date) -> bool:
    """Whether ``day`` falls within the postsurgical physical medicine period of the dated
    operation ``f`` reports (on or after the operation, up to the end of its period)."""
    done = operation_date(f)
    if done is None or day < done:
        return False
    return day <= months_after(done, postsurgical_period_of(f)[0])


def recent_surgery(
    req: StructuredRequest, evidence: EvidenceSet, before: dt.date
) -> Finding | None:
    """The latest operation the records report performed (clinical narrative, not a plan, a
    request or a UR decision; a case summary's report of it counts, as it gives the date) at
    the body part of ``req`` (any part when it names none), dated on or before ``before`` and
    within the postsurgical period of it (the operation's own, 8 CCR 9792.24.3); an undated
    operation is not placed in time and gives nothing."""
    found = [
        f
        for f in evidence.findings
        if f.code == "surgery.prior"
        and f.assertion in ("present", "historical")
        and f.role == "clinical"
        and f.observation != "plan"
        and f.text_date is not None
        and f.region is not None
        and (not req.regions or same_site(req.regions, f.region))
        and within_postsurgical_period(f, before)
    ]
    return max(found, key=lambda f: (operation_date(f) or dt.date.min, f.start), default=None)


_SPINE = frozenset({"cervical spine", "thoracic spine", "lumbar spine"})


def same_site(regions: tuple[str, ...] | list[str], found: str) -> bool:
    """Whether an operation at ``found`` is at one of ``regions``: the same region, or for a
    limb a part of the same limb; a spine region is only itself (a knee operation is no
    reason for lumbar therapy, though sciatica reaches the knee)."""
    for r in regions:
        if r == found:
            return True
        if r in _SPINE or found in _SPINE:
            continue
        if found in territory(r) or r in territory(found):
            return True
    return False


def _read_postsurgical(item: RoutedItem, evidence: EvidenceSet, ur: dt.date) -> RoutedItem:
    """Therapy requested within the postsurgical period of an operation the records report at
    its body part is postoperative therapy for that operation (its vocabulary entry names the
    service it becomes beside a surgery), though the request does not say "post-operative"."""
    if item.req.associated_surgical or item.surgery is not None:
        return item
    entry = service(item.req.service or "")
    if entry is None or entry.with_surgery not in _POSTSURGICAL_MEDICINE:
        return item
    op = recent_surgery(item.req, evidence, item.req.date_of_service or ur)
    if op is None:
        return item
    req = with_surgery(item.req, None)
    changes: dict[str, object] = {"procedure": op.sentence}
    if not req.regions and op.region:
        changes["regions"] = (op.region,)
    return replace(item, req=replace(req, **changes))  # type: ignore[arg-type]


def _read_past_period(item: RoutedItem, evidence: EvidenceSet, ur: dt.date) -> RoutedItem:
    """Therapy the item calls postoperative, after an operation the records date past its
    postsurgical physical medicine period (none within it, none planned at the part, none
    disputed here), is physical medicine under the chronic pain guidelines (8 CCR 9792.24.3:
    the Postsurgical Treatment Guidelines govern the period, the chronic pain guidelines
    after it)."""
    req = item.req
    if req.service != "postop_therapy" or item.surgery is not None or req.associated_surgical:
        return item
    before = req.date_of_service or ur
    if recent_surgery(req, evidence, before) is not None:
        return item
    at_part = [
        f
        for f in evidence.findings
        if f.code in ("surgery.prior", "surgery.planned")
        and f.assertion != "negated"
        and f.region is not None
        and (not req.regions or same_site(req.regions, f.region))
    ]
    done = [
        f
        for f in at_part
        if f.code == "surgery.prior"
        and f.role == "clinical"
        and f.observation != "plan"
        and operation_date(f) is not None
    ]
    if not done or len(done) != len(at_part):
        return item
    latest = max(done, key=lambda f: operation_date(f) or dt.date.min)
    ended = months_after(operation_date(latest) or before, postsurgical_period_of(latest)[0])
    if ended >= before:
        return item
    kind = "occupational_therapy" if re.search(r"occupational|\bot\b", req.decided_text, re.I) \
        else "physical_therapy"
    target = service(kind)
    if target is None:
        return item
    changed = replace(req, service=target.id, category=target.category,
                      subcategory=target.subcategory)
    return replace(item, req=changed)


def prior_study(req: StructuredRequest, evidence: EvidenceSet, before: dt.date) -> Finding | None:
    """The most recent earlier study (or course of therapy) of the kind requested at the
    requested body part that the records report as done (a clinical sentence, not a plan, a
    request or a UR decision; dated before the UR decision, or undated)."""
    entry = service(req.service or "")
    if entry is None or not entry.done_as:
        return None
    # a study of a body part matches that part (an injection too: one given elsewhere, or at
    # no part the records name, is not an earlier one of this); a test of the whole patient (a
    # drug screen) matches anywhere
    located = entry.category in ("imaging", "electrodiagnostics", "injections")
    if located and not req.regions:
        return None
    done, not_done = _cues("done", "not_done")
    found = [
        f
        for f in evidence.exactly(entry.done_as)
        if f.assertion in ("present", "historical")
        and f.role == "clinical"
        and f.observation in ("test", "history")
        and (_same_study_site(entry.category, req.regions, f.region) if located
             else f.region is None or not req.regions or f.region in req.regions)
        and (f.text_date is None or f.text_date <= before)
        # a retrospective request's own study, on its date of service, is not an earlier one
        and not (req.retrospective and req.date_of_service and f.text_date is not None
                 and f.text_date >= req.date_of_service)
        and _reports_done(f, done, not_done)
    ]
    return max(found, key=lambda f: (f.when or dt.date.min, f.start), default=None)


def _reports_done(f: Finding, done: re.Pattern[str], not_done: re.Pattern[str]) -> bool:
    """Whether ``f``'s sentence reports the study or course done: a done cue in the sentence,
    and no request, plan or recommendation of it. A cue of that kind before the finding asks for
    it ("requested an MRI"); one after it does too ("an MRI was requested"), unless the study's
    own report of being done comes first, when what follows is its result ("a psychological
    evaluation dated 1-10-17 diagnosed an adjustment disorder and recommended therapy", "x-rays
    were obtained and an MRI was ordered" for the x-rays)."""
    s = f.sentence
    if not done.search(s):
        return False
    words = " ".join(f.text.split())
    at = s.find(words)
    if at < 0:
        return not not_done.search(s)
    end = at + len(words)
    if not_done.search(s, 0, at):
        return False
    after = not_done.search(s, end)
    if after is None:
        return True
    return done.search(s, at, after.start()) is not None


def _same_study_site(category: str, regions: tuple[str, ...], found: str | None) -> bool:
    """Whether an earlier study located at ``found`` is one of the requested body part: the
    same region; for electrodiagnosis of a limb, any part of that limb or the spine segment that
    supplies it (a nerve conduction study "of the right upper extremity" found the carpal
    tunnel syndrome at the wrist)."""
    if found in regions:
        return True
    if category != "electrodiagnostics" or found is None:
        return False
    return any(found in territory(r) for r in regions)


def _cues(yes: str, no: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Two of the evidence stage's compiled sentence cues (cues.yaml): what makes a sentence
    report the thing, and what makes it not."""
    from openimr.evidence.extraction import compiled

    cue = compiled().cue
    return cue[yes], cue[no]


def _reports_approval(f: Finding, approved: re.Pattern[str], not_approved: re.Pattern[str]) -> bool:
    """Whether ``f``'s sentence reports it approved: an approval cue in the sentence, and no
    denial, modification or doubt in the clause of the finding or of the approval ("Work status
    was modified, and a follow-up note said the MRI was approved" reports the MRI approved)."""
    from openimr.evidence.sentences import clause_bounds

    s = f.sentence
    yes = approved.search(s)
    if yes is None:
        return False
    at = s.find(" ".join(f.text.split()))
    if at < 0:
        return not not_approved.search(s)
    spans = {clause_bounds(s, at, at + len(f.text)), clause_bounds(s, yes.start(), yes.end())}
    return not any(not_approved.search(s[lo:hi]) for lo, hi in spans)


def _read_prior(item: RoutedItem, evidence: EvidenceSet, before: dt.date) -> RoutedItem:
    """A request for a study the records show was already done is a repeat of it."""
    if item.req.repeat:
        return item
    prior = prior_study(item.req, evidence, before)
    if prior is None:
        return item
    return replace(item, req=replace(item.req, repeat=True), course="repeat", prior=prior)


# A plan that continues a drug the patient takes: "refill of Norco", "continue tramadol",
# "continuation of gabapentin", "Norco was refilled"
_CONTINUED_BEFORE = re.compile(
    r"\b(refill(s|ed|ing)?|continu(e|ed|es|ing|ation)|renew(al|ed|s)?|resum(e|ed|ption))\b"
    r"(\s+(of|with|on|the|his|her|their|current|same|prescription|prescriptions|medications?|"
    r"including|for|and|[\w/-]+,))*\s*$",
    re.I,
)
_CONTINUED_AFTER = re.compile(
    r"^[^.;]{0,30}?\b(was|were|is|are|to be|will be)\s+(refilled|continued|renewed|resumed)\b",
    re.I,
)


# A plan that continues medications it does not name: "refill of medications", "continue
# current medications", "medications were refilled"
_UNNAMED_CONTINUED = re.compile(
    r"\b(refill(s|ed|ing)?|continu(e|ed|es|ing|ation)|renew(al|ed|s)?)\s+(of\s+|with\s+)?"
    r"((his|her|their|the|current|same|present|all|oral|pain)\s+){0,3}(medications?|meds|medicines)\b"
    r"|\b(current\s+|pain\s+)?(medications?|meds)\s+(were|was|are|to be|will be)\s+"
    r"(refilled|continued|renewed)\b",
    re.I,
)


def _unnamed_opioid_regimen(evidence: EvidenceSet, texts: list[str]) -> bool:
    """Whether records that name no opioid still show one under way for an opioid request:
    the monitoring of an opioid regimen documented (a treatment agreement, a CURES check, a
    drug screen consistent with the prescription; CPMTG 2009 p. 78, ongoing monitoring), or a
    plan that continues the medications without naming them."""
    for f in evidence.findings:
        if f.code == "med.opioid" and f.is_present and f.is_evidence:
            return False  # the drug is named: the named reading decides
    for f in evidence.findings:
        if not (f.is_present and f.is_evidence) or f.observation == "plan":
            continue
        if f.code in ("opioid.agreement", "opioid.cures"):
            return True
        if f.code == "opioid.uds" and (f.value or "").startswith("consistent"):
            return True
    return any(_UNNAMED_CONTINUED.search(t) for t in texts)


def _read_continuation(
    item: RoutedItem, evidence: EvidenceSet, texts: list[str] | None = None
) -> RoutedItem:
    """A drug the treating physician's plan refills or continues is a regimen under way: the
    request for it is an extension, which needs the benefit the guideline asks of a drug
    continued. So is an opioid the records do not name, where they monitor an opioid regimen
    or continue the medications unnamed (``_unnamed_opioid_regimen``)."""
    req = item.req
    if req.repeat or not req.drug_class or item.course != "initial":
        return item
    if req.drug_class == "opioid" and _unnamed_opioid_regimen(evidence, texts or []):
        return replace(item, req=replace(req, repeat=True), course="extension")
    code = f"med.{req.drug_class}"
    for f in evidence.findings:
        if f.code != code or f.role == "administrative" or f.assertion == "negated":
            continue
        at = f.sentence.find(f.text)
        if at < 0:
            continue
        if _CONTINUED_BEFORE.search(f.sentence[max(0, at - 60) : at]) or _CONTINUED_AFTER.search(
            f.sentence[at + len(f.text) :]
        ):
            return replace(item, req=replace(req, repeat=True), course="extension")
    return item


def _read_body_part(
    item: RoutedItem, evidence: EvidenceSet, kb: KnowledgeBase, when: dt.date
) -> RoutedItem:
    """Keep a body part read from the records only where it changes the topic to a chapter
    written for that body part."""
    if item.req.associated_surgical:
        return item
    reading = read_body_part(item.req, evidence, acute=item.phase == "acute")
    if reading is None:
        return item
    before = kb.candidates(item.req, when, item.phase)
    trial = replace(item.req, regions=(*item.req.regions, reading.region))
    found = kb.candidates(trial, when, item.phase)
    if found and found[0].applies_to.regions and (not before or found[0] != before[0]):
        return replace(item, req=trial, reading=reading)
    return item


# Our reading: an authorization reported from 120 days before the UR decision on is of this
# episode of the request (a resubmission approved while IMR was asked); an older one is of an
# earlier episode, which the records would show done (a repeat) or lapsed.
AUTHORIZATION_WINDOW = dt.timedelta(days=120)


# The specialties a consultation names, each as one pattern: a consultation already authorized
# duplicates a request for one with the same specialty (an orthopedic consultation, not a
# neurology one).
_SPECIALTIES = tuple(
    re.compile(p, re.I)
    for p in (
        r"\borthop\w*|\bspine\b|\bspinal surg|\bhand surg",
        r"\bneurosurg\w*",
        r"\bneurolog\w*",
        r"\bpain (management|medicine|specialist)",
        r"\bpsychiatr\w*",
        r"\brheumatolog\w*",
        r"\binternal medicine|\binternist",
        r"\bpodiatr\w*",
        r"\bphysiatr\w*|physical medicine (and|&) rehabilitation|\bpm&r\b",
        r"\botolaryngolog\w*",
        r"\bophthalmolog\w*",
        r"\bcardiolog\w*",
        r"\bgastroenterolog\w*",
        r"\burolog\w*",
        r"\bdermatolog\w*",
        r"\bsleep medicine",
    )
)
_CONSULT_CODES = ("consult.specialist", "surgery.consult")


def _specialties(text: str) -> set[int]:
    return {i for i, p in enumerate(_SPECIALTIES) if p.search(text)}


def authorized_consultation(
    req: StructuredRequest, evidence: EvidenceSet, ur_date: dt.date
) -> Finding | None:
    """The latest sentence reporting a consultation with the specialty requested as approved
    or authorized in this episode of the request (a consultation recurs less than a visit:
    one authorized and not yet held is the one requested)."""
    wanted = _specialties(req.decided_text)
    if not wanted:
        return None
    return _latest_approved(
        (f for f in evidence.findings if f.code in _CONSULT_CODES),
        ur_date,
        lambda f: bool(_specialties(f.text) & wanted),
    )


def _latest_approved(
    fs: Iterable[Finding], ur_date: dt.date, keep: Callable[[Finding], bool]
) -> Finding | None:
    """The latest of ``fs`` that ``keep`` accepts and that reports an approval or
    authorization in this episode of the request (since ``AUTHORIZATION_WINDOW`` before UR)."""
    approved, not_approved = _cues("approved", "not_approved")
    found = [
        f
        for f in fs
        if f.assertion == "present"
        and f.when is not None
        and f.when >= ur_date - AUTHORIZATION_WINDOW
        and keep(f)
        and _reports_approval(f, approved, not_approved)
    ]
    return max(found, key=lambda f: (f.when or dt.date.min, f.start), default=None)


def authorized_study(
    req: StructuredRequest, evidence: EvidenceSet, ur_date: dt.date
) -> Finding | None:
    """The latest sentence reporting the study requested, at the requested body part, as
    approved or authorized (not done: that is a repeat) in this episode of the request."""
    if req.service == "specialist_consult":
        return authorized_consultation(req, evidence, ur_date)
    entry = service(req.service or "")
    if entry is not None and entry.category == "surgery":
        return authorized_operation(req, evidence, ur_date)
    if entry is None or not entry.done_as or not req.regions:
        return None
    if entry.category not in ("imaging", "electrodiagnostics"):
        return None  # a drug screen or a visit recurs: its authorization is not this one
    named = evidence.memo("routing_regions_named", _sentence_regions)
    return _latest_approved(
        evidence.exactly(entry.done_as),  # the findings of those codes, in order
        ur_date,
        lambda f: f.region in req.regions or bool(named(f.sentence) & set(req.regions)),
    )


def authorized_operation(
    req: StructuredRequest, evidence: EvidenceSet, ur_date: dt.date
) -> Finding | None:
    """The latest sentence reporting the operation requested (the same service, at the same
    body part) as approved or authorized in this episode: an operation is done once, so one
    authorized and not yet done is the one requested."""
    if not req.regions:
        return None
    named = evidence.memo("routing_regions_named", _sentence_regions)
    return _latest_approved(
        (f for f in evidence.findings if f.code == "surgery.planned"),
        ur_date,
        lambda f: (f.region in req.regions or bool(named(f.sentence) & set(req.regions)))
        and parse_request(" ".join(f.sentence.split())).service == req.service,
    )


def _sentence_regions(findings: list[Finding]) -> Callable[[str], set[str]]:
    """``set(regions_named(sentence))``, kept by sentence for the findings of one case (each
    request for a study asks it of the same sentences)."""
    seen: dict[str, frozenset[str]] = {}

    def named(sentence: str) -> set[str]:
        got = seen.get(sentence)
        if got is None:
            got = seen[sentence] = frozenset(regions_named(sentence))
        return set(got)

    return named


def _read_authorization(item: RoutedItem, evidence: EvidenceSet, ur_date: dt.date) -> RoutedItem:
    """A request for a study the records report authorized since is a duplicate of it."""
    if item.course != "initial" or item.prior is not None:
        return item
    found = authorized_study(item.req, evidence, ur_date)
    if found is None:
        return item
    return replace(item, course="duplicate", authorization=found)
