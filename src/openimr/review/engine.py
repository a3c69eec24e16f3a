"""Decide one disputed item: search sequence, criteria, decision, rationale, fact check."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from openimr.domain import (
    CaseBundle,
    CriterionResult,
    EvidenceLink,
    Finding,
    GuidelineCitation,
    ItemDecision,
    Request,
)
from openimr.guidelines.registry import KnowledgeBase, case_phase
from openimr.guidelines.schema import Citation, Criterion, Topic
from openimr.intake.requests import StructuredRequest, parse_request
from openimr.review.bodypart import read_body_part
from openimr.review.conditions import TERRITORY, Context, Outcome, evaluate
from openimr.review.rationale import (
    Sentence,
    absences,
    as_object,
    check_absence,
    describe_all,
    latest_clinical_date,
    regions_named,
    strip_quotes,
)

if TYPE_CHECKING:
    from openimr.evidence import EvidenceSet


def _citation(c: Citation) -> GuidelineCitation:
    return GuidelineCitation(
        level=c.level,
        guideline=c.guideline,
        chapter=c.chapter,
        edition=c.edition,
        section=c.section,
        pages=c.pages,
    )


def _link(f: Finding) -> EvidenceLink:
    return EvidenceLink(
        record=f.record_id,
        start=f.start,
        end=f.end,
        text=f.text,
        finding=f.label,
        assertion=f.assertion,
        record_date=f.record_date,
    )


def _source_phrase(topic: Topic, key: str = "primary") -> str:
    c = topic.citations[key]
    if c.level == "MTUS":
        where = f"{c.guideline} {c.chapter}" if c.chapter else c.guideline
        return f"the MTUS ({where})"
    return c.guideline.split(" (")[0] if "(" in c.guideline else c.guideline


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _subject(req: StructuredRequest) -> str:
    return as_object(req.decided_text)


def decide_decision(topic: Topic, results: list[tuple[Criterion, Outcome]]) -> str:
    """Overturn when every requirement and at least one indication holds and no exclusion."""
    reqs = [o for c, o in results if c.kind == "requirement"]
    inds = [o for c, o in results if c.kind == "indication"]
    excl = [o for c, o in results if c.kind == "exclusion"]
    if any(o.met for o in excl):
        return "upheld"
    if not all(o.met for o in reqs):
        return "upheld"
    if inds:
        return "overturned" if any(o.met for o in inds) else "upheld"
    return "overturned" if reqs else topic.default


def _header_citations(topic: Topic, ctx: Context) -> list[Citation]:
    """The citations on the letter's guideline line; the first lead whose clinical question
    the records raise puts its chapter first."""
    when = ctx.decision_date
    out = [c for c in topic.citations.values() if c.in_header and c.in_force(when)]
    for lead in topic.lead:
        first = topic.citations[lead.cite]
        if first.in_force(when) and evaluate(lead.when, ctx).met:
            return [first] + [c for c in out if c is not first]
    return out


def no_topic(request: Request, req: StructuredRequest) -> ItemDecision:
    what = req.subcategory or "this kind of service"
    note = (
        f"No knowledge-base topic addresses {what}"
        + (f" for the {', '.join(req.regions)}" if req.regions else "")
        + "; the physician reviewer must find and apply the governing guideline."
    )
    return ItemDecision(
        id=request.id,
        item=request.item,
        decision="undetermined",
        category=req.category,
        claims_administrator_basis=request.ur_basis,
        rationale=note,
        note=note,
        portion=req.decided_text if req.modified else None,
    )


_PERIOP = re.compile(r"\b(pre|post)[- ]?op(erative)?\b", re.I)
_THERAPY = {"physical_therapy", "occupational_therapy"}
# a blood count or chemistry panel on its own is drug monitoring; with a surgery it is the
# operation's pre-operative work-up
LAB_PANELS = {"blood_panel"}
_POSTOP_EQUIPMENT = {"brace"}


@dataclass(frozen=True)
class SurgeryLink:
    """The surgery an associated service belongs to, as this review decided it."""

    request: StructuredRequest
    decision: ItemDecision


def is_surgery(req: StructuredRequest) -> bool:
    return req.category == "surgery"


def is_associated(req: StructuredRequest) -> bool:
    """A service that exists only because of a surgery: pre-operative work-up, assistant,
    post-operative therapy, equipment or medication, or an item the letter files as an
    'associated surgical service'."""
    return (
        req.associated_surgical
        or req.category == "surgery-associated"
        or bool(_PERIOP.search(req.decided_text))
    )


def _as_preop_labs(req: StructuredRequest) -> None:
    """A blood count or chemistry panel that goes with a surgery is pre-operative work-up."""
    if req.service in LAB_PANELS:
        req.service, req.category, req.subcategory = (
            "preop_labs",
            "surgery-associated",
            "pre-operative labs",
        )


def _as_associated(req: StructuredRequest, link: SurgeryLink | None) -> None:
    """Read an associated service in the light of its surgery: therapy after surgery is
    postoperative therapy (Postsurgical Treatment Guidelines), and a service that names no
    body part is for the operated one."""
    if link is not None:
        req.associated_surgical = True
        req.procedure = link.request.decided_text
        if not req.regions:
            req.regions = list(link.request.regions)
    if req.associated_surgical:
        _as_preop_labs(req)
    if req.associated_surgical and req.service in _THERAPY:
        req.service, req.category, req.subcategory = (
            "postop_therapy",
            "surgery-associated",
            "post-operative therapy",
        )
    # a sling or brace for the recovery from surgery is postoperative equipment (ODG),
    # not the brace of an initial-care chapter
    if req.associated_surgical and req.service in _POSTOP_EQUIPMENT:
        req.service, req.category, req.subcategory = (
            "postop_dme",
            "surgery-associated",
            "post-operative equipment",
        )


def follows_surgery(request: Request, req: StructuredRequest, link: SurgeryLink) -> ItemDecision:
    """An associated service of a surgery found not medically necessary is not necessary."""
    surgery = link.decision
    rationale = (
        f"The request for {_subject(req)} is a service associated with the requested "
        f"{as_object(link.request.decided_text)}, which this review finds not medically "
        "necessary. Since the surgery is not medically necessary, none of its associated "
        f"services are, and the request for {_subject(req)} is not medically necessary."
    )
    return ItemDecision(
        id=request.id,
        item=request.item,
        decision="upheld",
        topic=surgery.topic,
        category=req.category,
        guidelines=list(surgery.guidelines),
        claims_administrator_basis=request.ur_basis,
        rationale=rationale,
        portion=req.decided_text if req.modified else None,
    )


def decide_item(
    bundle: CaseBundle,
    request: Request,
    evidence: EvidenceSet,
    kb: KnowledgeBase,
    decision_date: dt.date,
    *,
    surgery: SurgeryLink | None = None,
) -> ItemDecision:
    """Apply the Medical Evidence Search Sequence to one item and explain the outcome.

    ``surgery``: for a service associated with a surgery requested in the same case, that
    surgery and this review's decision on it. If the surgery is not medically necessary,
    neither is the service; otherwise the service is decided on its own (postoperative)
    topic.
    """
    req = parse_request(request.item, request.ur_decision)
    if surgery is not None:
        _as_preop_labs(req)
    if surgery is not None and surgery.decision.decision == "upheld":
        return follows_surgery(request, req, surgery)
    _as_associated(req, surgery)
    pending = (
        f"This service goes with the requested {as_object(surgery.request.decided_text)}, "
        "which the knowledge base could not decide: if the surgery is not medically necessary, "
        "neither is this service."
        if surgery is not None and surgery.decision.decision == "undetermined"
        else None
    )
    phase = case_phase(bundle.claim.date_of_injury, bundle.dates.ur_denial)
    candidates = kb.candidates(req, decision_date, phase)
    reading = (
        None if req.associated_surgical else read_body_part(req, evidence, acute=phase == "acute")
    )
    if reading is not None:
        # the body part read from the records counts only where it decides the chapter
        trial = replace(req, regions=[*req.regions, reading.region])
        found = kb.candidates(trial, decision_date, phase)
        if found and found[0].applies_to.regions and (not candidates or found[0] != candidates[0]):
            req, candidates = trial, found
        else:
            reading = None
    stale = not candidates
    if stale:
        candidates = kb.superseded(req, decision_date, phase)
    if not candidates:
        return no_topic(request, req)
    topic = candidates[0]  # MTUS first; ACOEM/ODG only where MTUS is silent
    ctx = Context(bundle, evidence, req, decision_date)
    results = [(c, evaluate(c.when, ctx)) for c in topic.criteria]
    decision = decide_decision(topic, results)
    latest_record = latest_clinical_date(bundle)

    sentences: list[Sentence] = []
    opening = (
        f"Regarding the request for {_subject(req)}, "
        + (
            ""
            if topic.level == "MTUS"
            else "the MTUS does not address this request, so the review turns to the next "
            "source in the search sequence: "
        )
        + f"{_source_phrase(topic)} advises that {topic.recommendation}."
    )
    sentences.append(Sentence(opening))
    if surgery is not None and surgery.decision.decision == "overturned":
        sentences.append(
            Sentence(
                f"This service accompanies the requested "
                f"{as_object(surgery.request.decided_text)}, which this review finds "
                "medically necessary, so it is judged on its own merits."
            )
        )
    # in the order the criteria name them: a set's order would change with the hash seed
    for key in dict.fromkeys(c.cite for c, _ in results if c.cite != "primary"):
        # a criterion met vacuously (nothing in the records bears on it) is not announced
        said = [
            c.says
            for c, o in results
            if c.cite == key and not (o.met and not o.evidence and not o.facts)
        ]
        if not said:
            continue
        sentences.append(
            Sentence(
                f"{_capital(_source_phrase(topic, key))} adds this criterion: {'; '.join(said)}."
            )
        )

    trace: list[CriterionResult] = []
    links: dict[tuple[str, int], EvidenceLink] = {}
    for crit, out in results:
        vacuous = out.met and not out.evidence and not out.facts
        if out.met:
            s = Sentence(crit.met.replace("{evidence}", describe_all(out.evidence, out.facts)))
        else:
            s = Sentence(
                crit.unmet.replace("{evidence}", describe_all(out.evidence, out.facts)),
                absences(crit.when, req),
            )
            s, contradicting = check_absence(s, evidence, latest_record)
            for f in contradicting:
                links.setdefault((f.record_id, f.start), _link(f))
        for f in out.evidence:
            links.setdefault((f.record_id, f.start), _link(f))
        trace.append(
            CriterionResult(
                id=crit.id,
                description=crit.says,
                met=out.met,
                statement=s.text,
                evidence=[_link(f) for f in out.evidence],
            )
        )
        relevant = (
            (decision == "upheld" and not out.met and crit.kind != "exclusion")
            or (decision == "upheld" and out.met and crit.kind == "exclusion")
            or (decision == "overturned" and out.met and not vacuous and crit.kind != "exclusion")
        )
        if relevant:
            sentences.append(s)

    verdict = "is not medically necessary" if decision == "upheld" else "is medically necessary"
    because = topic.conclusion_upheld if decision == "upheld" else topic.conclusion_overturned
    sentences.append(Sentence(f"Because {because}, the request for {_subject(req)} {verdict}."))
    rationale = " ".join(s.text for s in sentences)
    titles = [c.chapter for c in topic.citations.values() if c.chapter]
    stray = stray_body_parts(rationale, req, titles)
    # What the reviewer must resolve before signing, in this order.
    notes = [
        f"Edition check: the knowledge base holds no guideline in force on "
        f"{decision_date:%m/%d/%Y} for this request; this draft applies "
        f"{_source_phrase(topic)}, in force until {topic.effective_to:%m/%d/%Y}. "
        "The reviewer must apply the edition in force."
        if stale
        else None,
        f"Body part: {reading.reason}; the reviewer must confirm the body part requested."
        if reading is not None
        else None,
        f"Fact check: the rationale names {', '.join(stray)}, not the requested "
        f"{', '.join(req.regions)}; the reviewer must correct it."
        if stray
        else None,
        pending,
    ]
    note = " ".join(n for n in notes if n) or None
    return ItemDecision(
        id=request.id,
        item=request.item,
        decision=decision,
        topic=topic.id,
        category=req.category,
        guidelines=[_citation(c) for c in _header_citations(topic, ctx)],
        claims_administrator_basis=request.ur_basis,
        rationale=rationale,
        criteria=trace,
        evidence=list(links.values()),
        portion=req.decided_text if req.modified else None,
        note=note,
    )


def stray_body_parts(
    rationale: str, req: StructuredRequest, titles: list[str] | None = None
) -> list[str]:
    """Body parts our own sentences discuss that the request does not name.

    Reviewing the wrong body part is a ground for reversal on appeal, so it is checked.
    Quotations from the records and the guideline's own chapter titles ("Neck and Upper
    Back Complaints") are not the rationale's words and are left out.
    """
    if not req.regions:
        return []
    text = strip_quotes(rationale)
    for title in titles or []:
        text = text.replace(title, "")
    allowed = {t for r in req.regions for t in TERRITORY.get(r, [r])} | set(req.regions)
    return sorted(regions_named(text) - allowed)
