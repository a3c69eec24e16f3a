"""Decide one routed item, in named steps: topic search, criteria evaluation, decision,
rationale, fact check, reviewer notes.

Each step is a function of its own; :func:`decide_item` only strings them together. The item
arrives routed (``openimr.routing``): nothing here parses its text or edits what was parsed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from openimr.domain import (
    CaseBundle,
    CriterionResult,
    EvidenceLink,
    Finding,
    GuidelineCitation,
    ItemDecision,
    ReviewerNote,
)
from openimr.evidence import region_matches, schema
from openimr.evidence.evidence_set import timeline_date
from openimr.guidelines.registry import KnowledgeBase, course_criteria
from openimr.guidelines.schema import Citation, Criterion, Topic
from openimr.intake.vocabulary import regions_named, territory
from openimr.review.conditions import (
    Companion,
    Context,
    Outcome,
    evaluate,
    for_other_requests,
    held_to_ur_reason,
    ur_stated_missing,
)
from openimr.review.facts import fmt_date, fmt_weeks
from openimr.review.rationale import (
    ELSEWHERE,
    Sentence,
    absences,
    as_object,
    check_absence,
    describe_all,
    latest_visit,
    strip_quotes,
)
from openimr.review.topics import TopicSearch, search_topics
from openimr.routing import RoutedItem

if TYPE_CHECKING:
    from openimr.evidence import EvidenceSet

Results = list[tuple[Criterion, Outcome]]


@dataclass(frozen=True)
class Case:
    """What every step reads about the case as a whole."""

    bundle: CaseBundle
    evidence: EvidenceSet
    kb: KnowledgeBase
    when: dt.date  # the decision date: the edition in force on it is applied


@dataclass(frozen=True)
class SurgeryLink:
    """The surgery an associated service belongs to, as this review decided it."""

    item: RoutedItem
    decision: ItemDecision


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


def source_phrase(topic: Topic, key: str = "primary") -> str:
    c = topic.citations[key]
    if c.level == "MTUS":
        where = f"{c.guideline} {c.chapter}" if c.chapter else c.guideline
        return f"the MTUS ({where})"
    return c.guideline.split(" (")[0] if "(" in c.guideline else c.guideline


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _subject(item: RoutedItem) -> str:
    return as_object(item.req.decided_text)


def _joined(notes: list[ReviewerNote]) -> str | None:
    return " ".join(n.text for n in notes) or None


def _base(item: RoutedItem, **fields: object) -> ItemDecision:
    """The fields every decision of ``item`` carries."""
    return ItemDecision(
        course=item.course,
        id=item.request.id,
        item=item.request.item,
        category=item.req.category,
        claims_administrator_basis=item.request.ur_basis,
        portion=item.req.decided_text if item.req.modified else None,
        **fields,
    )


# ---- step 1: topic search (review/topics.py) and the two ways an item ends before it


def no_topic(item: RoutedItem) -> ItemDecision:
    """No topic addresses the item: undetermined, with the reason, for the reviewer."""
    what = item.req.subcategory or "this kind of service"
    where = f" for the {', '.join(item.req.regions)}" if item.req.regions else ""
    text = (
        f"No knowledge-base topic addresses {what}{where}; the physician reviewer must find "
        "and apply the governing guideline."
    )
    notes = [ReviewerNote(kind="no_topic", text=text)]
    return _base(item, decision="undetermined", rationale=text, note=text, notes=notes)


def follows_surgery(item: RoutedItem, link: SurgeryLink) -> ItemDecision:
    """An associated service of a surgery found not medically necessary is not necessary."""
    surgery = link.decision
    subject, op = _subject(item), as_object(link.item.req.decided_text)
    rationale = (
        f"The request for {subject} is a service associated with the requested {op}, which "
        "this review finds not medically necessary. Since the surgery is not medically "
        f"necessary, none of its associated services are, and the request for {subject} is "
        "not medically necessary."
    )
    return _base(
        item,
        decision="upheld",
        topic=surgery.topic,
        guidelines=list(surgery.guidelines),
        rationale=rationale,
        # what the records would need: the surgery's own missing elements
        needed=[f"the requested {op}, which this service goes with, is medically necessary",
                *surgery.needed],
    )


# ---- step 2: criteria evaluation; step 3: the decision


def criteria_for(item: RoutedItem, topic: Topic) -> list[Criterion]:
    """The topic's criteria, and the shared ones the item's course adds (the remainder of a
    modified course needs a documented response: guidelines/shared/course.yaml)."""
    extra = [
        cc.criterion
        for cc in course_criteria()
        if cc.applies(item.course, item.req.category, item.req.service)
    ]
    return [*topic.criteria, *extra]


def evaluate_criteria(criteria: list[Criterion], ctx: Context) -> Results:
    """Each criterion against the case's evidence; one that asks for an element UR said was
    missing is met only by positive evidence of it."""
    out = []
    stated = ur_stated_missing(ctx.evidence)
    for c in criteria:
        got = evaluate(c.when, ctx)
        if c.kind != "exclusion":
            got = held_to_ur_reason(c.when, got, stated)
        if c.kind == "indication" and not got.met and for_other_requests(c.when, ctx):
            got.inapplicable = True
        out.append((c, got))
    return out


def decide_outcome(topic: Topic, results: Results) -> str:
    """Overturn when every requirement and at least one indication holds and no exclusion."""
    reqs = [o for c, o in results if c.kind == "requirement"]
    inds = [o for c, o in results if c.kind == "indication"]
    excl = [o for c, o in results if c.kind == "exclusion"]
    # an exclusion that may apply (not established either way) is doubt: it does not overturn
    if any(o.met or o.unsure for o in excl):
        return "upheld"
    if not all(o.met for o in reqs):
        return "upheld"
    if inds:
        return "overturned" if any(o.met for o in inds) else "upheld"
    return "overturned" if reqs else topic.default


def header_citations(topic: Topic, ctx: Context) -> list[Citation]:
    """The citations on the letter's guideline line; the first lead whose clinical question
    the records raise puts its chapter first."""
    when = ctx.decision_date
    out = [c for c in topic.citations.values() if c.in_header and c.in_force(when)]
    for lead in topic.lead:
        first = topic.citations[lead.cite]
        if first.in_force(when) and evaluate(lead.when, ctx).met:
            return [first] + [c for c in out if c is not first]
    return out


# ---- step 4: the rationale, with the fact check of every absence claim


def phase_sentence(case: Case) -> str:
    """Why the ACOEM chapter's advice for the first months applies: the case's phase."""
    b = case.bundle
    weeks = (b.dates.ur_denial - b.claim.date_of_injury).days / 7
    return (
        f"The injury on {fmt_date(b.claim.date_of_injury)} was {fmt_weeks(weeks)} before the "
        "UR decision, within the first three months (the acute and subacute period) for "
        "which the ACOEM chapter is written."
    )


def opening(
    item: RoutedItem, search: TopicSearch, surgery: SurgeryLink | None, case: Case
) -> list[Sentence]:
    """What is requested and what the guideline advises (and the search sequence level)."""
    topic, lapsed = search.topic, search.lapsed
    turn = (
        ""
        if topic.level == "MTUS"
        else "the MTUS does not address this request, so the review turns to the next "
        "source in the search sequence: "
    )
    if lapsed is not None:
        # the MTUS in force may well address it: the knowledge base does not hold that edition
        turn = (
            f"the knowledge base holds no MTUS guideline in force on {fmt_date(case.when)} for "
            f"this request ({source_phrase(lapsed)} was in force until "
            f"{fmt_date(lapsed.effective_to)}), so the review turns to the next source it holds "
            "in the search sequence: "
        )
    source = source_phrase(topic)
    if search.stale and topic.effective_to is not None:
        # the newest edition held, no longer in force on the decision date: said as such (the
        # edition note asks the reviewer to apply the one in force)
        which = "MTUS guideline" if topic.level == "MTUS" else "guideline"
        turn = (
            f"the knowledge base holds no {which} in force on {fmt_date(case.when)} for this "
            "request, so this draft applies the newest edition it holds: "
        )
        source = f"{source}, in force until {fmt_date(topic.effective_to)},"
    out = [
        Sentence(
            f"Regarding the request for {_subject(item)}, {turn}"
            f"{source} advises that {topic.recommendation}."
        )
    ]
    if topic.applies_to.phase == "acute" and item.phase == "acute":
        out.append(Sentence(phase_sentence(case)))
    if surgery is not None and surgery.decision.decision == "overturned":
        out.append(
            Sentence(
                f"This service accompanies the requested "
                f"{as_object(surgery.item.req.decided_text)}, which this review finds "
                "medically necessary, so it is judged on its own merits."
            )
        )
    return out


def _vacuous(out: Outcome) -> bool:
    """Met with nothing in the records bearing on it."""
    return out.met and not out.evidence and not out.facts


def secondary_citations(
    topic: Topic, results: Results, decision: str, until: dt.date | None = None
) -> list[Sentence]:
    """A secondary source is announced, in the order the criteria name it, only for its
    criteria that decided something (their sentence explains the decision). ``until``: the
    topic is applied past its end date, so an MTUS source is named with the date its
    edition ended (it is not the MTUS in force on the decision date)."""
    out = []
    blocked = _blocked(results)
    for key in dict.fromkeys(c.cite for c, _ in results if c.cite != "primary"):
        said = [
            c.says
            for c, o in results
            if c.cite == key and not _vacuous(o) and _relevant(c, o, decision, blocked)
        ]
        if said:
            phrase = _capital(source_phrase(topic, key))
            if until is not None and topic.citations[key].level == "MTUS":
                phrase = f"{phrase}, in force until {fmt_date(until)},"
            out.append(Sentence(f"{phrase} adds this criterion: {'; '.join(said)}."))
    return out


def _relevant(
    crit: Criterion, out: Outcome, decision: str, blocked: bool = False
) -> bool:
    """Whether a criterion's sentence explains the decision. ``blocked``: an upheld item
    failed a requirement or met an exclusion; those are its reasons, and the indications
    it lacks are not (they would explain nothing and may not fit the case)."""
    if out.inapplicable:
        return False
    if decision == "upheld":
        if blocked and crit.kind == "indication":
            return False
        return out.met == (crit.kind == "exclusion") or (crit.kind == "exclusion" and out.unsure)
    return out.met and not _vacuous(out) and crit.kind != "exclusion"


def _blocked(results: Results) -> bool:
    """A requirement failed or an exclusion may apply."""
    return any(
        (c.kind == "requirement" and not o.met) or (c.kind == "exclusion" and (o.met or o.unsure))
        for c, o in results
    )


@dataclass
class Explained:
    sentences: list[Sentence]
    trace: list[CriterionResult]
    links: dict[tuple[str, int], EvidenceLink]
    checked: int = 0  # absence claims the fact check verified
    rewritten: int = 0  # ... and rewrote because a record contradicted them


def explain_criteria(item: RoutedItem, results: Results, decision: str, case: Case) -> Explained:
    """A sentence per criterion; every absence claim is checked against the records and
    rewritten when a record contradicts it."""
    latest = latest_visit(case.bundle, case.evidence)
    blocked = _blocked(results)
    done = Explained([], [], {})
    for crit, out in results:
        said = describe_all(out.evidence, out.facts)
        if out.met:
            s = Sentence(crit.met.replace("{evidence}", said))
        elif out.unsure:
            s = Sentence(not_established(crit, out))
        else:
            if "{evidence}" in crit.unmet and not out.evidence and not out.facts and out.told:
                said = describe_all([], out.told)
            claim = Sentence(crit.unmet.replace("{evidence}", said), absences(crit.when, item.req))
            s, contradicting = check_absence(
                claim, case.evidence, latest, item.req.laterality, item.req
            )
            if crit.when.all is not None and out.evidence and "{evidence}" not in crit.unmet:
                # a criterion of several parts, some of them documented: the sentence that
                # says it is not met must not read as if none were
                s = Sentence(
                    f"{s.text} The records do document {said}, but not all that the "
                    "criterion asks for.",
                    s.absence,
                )
            done.checked += 1 if claim.absence else 0
            done.rewritten += 1 if contradicting else 0
            for f in contradicting:
                done.links.setdefault((f.record_id, f.start), _link(f))
        for f in out.evidence + out.against:
            done.links.setdefault((f.record_id, f.start), _link(f))
        done.trace.append(
            CriterionResult(
                id=crit.id,
                description=crit.says,
                met=out.met,
                statement=s.text,
                evidence=[_link(f) for f in out.evidence + out.against],
                status=out.status,
            )
        )
        if _relevant(crit, out, decision, blocked):
            done.sentences.append(s)
    return done


def not_established(crit: Criterion, out: Outcome) -> str:
    """A criterion the records argue both ways, or support only with old mentions: say so,
    decide nothing on it."""
    pos = describe_all(out.evidence, [])
    neg = describe_all(out.against, [])
    if out.against and out.evidence:
        said = (
            f"the records mention {pos}, but also state {neg}, and the later or first-hand "
            "statement does not settle it"
        )
    elif out.against or not out.stale:
        said = (
            f"utilization review found no documentation of it ({neg}), and the records give "
            "no positive evidence of it"
        )
    else:
        said = ""
    if out.stale:
        old = stale_clause(out.stale)
        said = f"{said}; and {old}" if said else f"the records document {pos}, but {old}" if (
            out.evidence
        ) else old
    return f"Whether {crit.says} is not established: {said}."


def stale_clause(stale: list[Finding]) -> str:
    """What the records say of a finding last recorded too long before the request."""
    cur = schema.currency()
    months = cur.months if cur is not None else 0
    dated = [f for f in stale if timeline_date(f) is not None]
    undated = [f for f in stale if timeline_date(f) is None]
    if len(dated) == 1:
        said = (
            f"the latest mention, {describe_all(dated, [])}, is more than {months} months "
            "before the request and no later record repeats it, so it is not shown to be current"
        )
    elif dated:
        said = (
            f"the latest mentions, {describe_all(dated, [])}, are more than {months} months "
            "before the request and no later record repeats them, so they are not shown to be "
            "current"
        )
    else:
        said = ""
    if undated:
        background = (
            f"the undated background of the summary ({describe_all(undated, [])}) stands before "
            "the dated reports it goes on to give, and no current report repeats it"
        )
        said = f"{said}; {background}" if said else background
    return said


def needed_for_support(results: Results, decision: str) -> list[str]:
    """For an upheld item, what the records would need to show for the guideline to support
    it: each unmet requirement, an indication if none is met, each exclusion that applies."""
    if decision != "upheld":
        return []
    out = [c.says for c, o in results if c.kind == "requirement" and not o.met]
    inds = [(c, o) for c, o in results if c.kind == "indication" and not o.inapplicable]
    if inds and not any(o.met for _, o in inds):
        out.append("one of: " + "; or ".join(c.says for c, _ in inds))
    out += [
        f"that this does not apply: {c.says}"
        for c, o in results
        if c.kind == "exclusion" and (o.met or o.unsure)
    ]
    return out


def conclusion(
    item: RoutedItem, topic: Topic, decision: str, results: Results | None = None
) -> Sentence:
    if decision == "undetermined":
        return Sentence(
            f"The records would support the request for {_subject(item)} on its own, but it "
            "goes with a surgery this review could not decide, so it waits on that decision."
        )
    verdict = "is not medically necessary" if decision == "upheld" else "is medically necessary"
    because = topic.conclusion_upheld if decision == "upheld" else topic.conclusion_overturned
    # an exclusion that applies is the reason by itself: the conclusion names it (the topic's
    # general conclusion may deny what the records show, such as an indication that is met)
    excluded = [c for c, o in results or () if c.kind == "exclusion" and o.met]
    if decision == "upheld" and excluded:
        because = excluded[0].says
    failed = [
        c
        for c, o in results or ()
        if c.kind == "requirement" and c.because and not o.met and not o.unsure
    ]
    if decision == "upheld" and not excluded and failed:
        because = failed[0].because or because
    return Sentence(f"Because {because}, the request for {_subject(item)} {verdict}.")


# ---- step 5: what the reviewer must resolve


def stray_body_parts(
    rationale: str, item: RoutedItem, titles: list[str], surgery: SurgeryLink | None = None
) -> list[str]:
    """Body parts our own sentences discuss that the request does not name.

    Reviewing the wrong body part is a ground for reversal on appeal, so it is checked.
    Quotations from the records and the guideline's own chapter titles ("Neck and Upper
    Back Complaints") are not the rationale's words and are left out. A service of a surgery
    (a pre-operative chest x-ray beside a knee operation) may name the operation's body part.
    """
    if not item.req.regions:
        return []
    text = strip_quotes(ELSEWHERE.sub("", rationale))
    # the request's own words name what it names (and a part of a request, the whole)
    text = text.replace(_subject(item), "")
    for title in titles:
        text = text.replace(title, "")
    regions = [*item.req.regions, *(surgery.item.req.regions if surgery is not None else ())]
    allowed = {t for r in regions for t in territory(r)}
    return sorted(set(regions_named(text)) - allowed)


def reviewer_notes(
    item: RoutedItem,
    search: TopicSearch,
    case: Case,
    stray: list[str],
    surgery: SurgeryLink | None,
    results: Results | None = None,
) -> list[ReviewerNote]:
    """What the reviewer must resolve before signing, in this order."""
    topic, notes = search.topic, []
    for crit, out in results or []:
        if out.unsure and out.stale and not out.against:
            notes.append(
                ReviewerNote(
                    kind="evidence",
                    text=f"Not established: {crit.says}. {_capital(stale_clause(out.stale))}; "
                    "current documentation would be needed for the guideline to support it.",
                )
            )
        elif out.unsure and not out.evidence:
            notes.append(
                ReviewerNote(
                    kind="evidence",
                    text=f"Not established: {crit.says}. Utilization review denied for want "
                    f"of it ({describe_all(out.against, [])}); overturning needs positive "
                    "evidence of exactly that in the records.",
                )
            )
        elif out.unsure:
            notes.append(
                ReviewerNote(
                    kind="evidence",
                    text=f"Not established: {crit.says}. The records mention "
                    f"{describe_all(out.evidence, [])} but also state "
                    f"{describe_all(out.against, [])}; the reviewer must weigh them.",
                )
            )
    if search.stale:
        notes.append(
            ReviewerNote(
                kind="edition",
                text=f"Edition check: the knowledge base holds no guideline in force on "
                f"{case.when:%m/%d/%Y} for this request; this draft applies "
                f"{source_phrase(topic)}, in force until {topic.effective_to:%m/%d/%Y}. "
                + (
                    "The reviewer must apply the MTUS in force, which comes first in the "
                    "search sequence."
                    if topic.level == "MTUS"
                    else "The reviewer must apply the edition in force."
                ),
            )
        )
    lapsed = search.lapsed
    if lapsed is not None:
        notes.append(
            ReviewerNote(
                kind="edition",
                text=f"Edition check: the knowledge base holds no MTUS guideline in force on "
                f"{case.when:%m/%d/%Y} for this request ({source_phrase(lapsed)} ended "
                f"{lapsed.effective_to:%m/%d/%Y}); this draft applies {source_phrase(topic)}. "
                "The reviewer must apply the MTUS in force, which comes first in the search "
                "sequence.",
            )
        )
    if item.reading is not None:
        notes.append(
            ReviewerNote(
                kind="body_part",
                text=f"Body part: {item.reading.reason}; the reviewer must confirm the body "
                "part requested.",
            )
        )
    if stray:
        notes.append(
            ReviewerNote(
                kind="fact_check",
                text=f"Fact check: the rationale names {', '.join(stray)}, not the requested "
                f"{', '.join(item.req.regions)}; the reviewer must correct it.",
            )
        )
    if surgery is not None and surgery.decision.decision == "undetermined":
        notes.append(
            ReviewerNote(
                kind="pending_surgery",
                text=f"This service goes with the requested "
                f"{as_object(surgery.item.req.decided_text)}, which the knowledge base could "
                "not decide: if the surgery is not medically necessary, neither is this "
                "service.",
            )
        )
    return notes


def pending_companion(companions: tuple[Companion, ...]) -> ReviewerNote:
    """The note of an adjunct held back because the therapy it goes with is undetermined."""
    names = " and ".join(f"the {c.subject}" for c in companions if c.decision == "undetermined")
    return ReviewerNote(
        kind="pending_companion",
        text=f"This service is an adjunct to {names}, which the knowledge base could not "
        "decide: if that therapy is not medically necessary, this service has nothing to "
        "accompany.",
    )


# ---- the steps together


def decide_item(
    item: RoutedItem,
    case: Case,
    *,
    surgery: SurgeryLink | None = None,
    companions: tuple[Companion, ...] = (),
) -> ItemDecision:
    """Apply the Medical Evidence Search Sequence to one routed item and explain the outcome.

    ``surgery``: for a service associated with a surgery requested in the same case, that
    surgery and this review's decision on it. If the surgery is not medically necessary,
    neither is the service; otherwise the service is decided on its own (postoperative) topic.
    ``companions``: the requests of the case this item is an adjunct to (a passive modality
    beside physical therapy), as this review decided them; while none is medically necessary
    and one is undetermined, the adjunct cannot be overturned.
    """
    # a surgery upheld as a duplicate of one already authorized is authorized: its services
    # are decided on their own
    if (
        surgery is not None
        and surgery.decision.decision == "upheld"
        and surgery.item.course != "duplicate"
    ):
        return follows_surgery(item, surgery)
    parts = region_parts(item, case)
    if parts:
        decided = [decide_item(p, case, surgery=surgery, companions=companions) for p in parts]
        return joined_parts(item, parts, decided)
    search = search_topics(item, case.kb, case.when)
    if search is None:
        return no_topic(item)
    topic = search.topic
    ctx = Context(
        case.bundle,
        case.evidence,
        item.req,
        case.when,
        item.prior,
        item.authorization,
        companions,
        Companion(as_object(surgery.item.req.decided_text), surgery.decision.decision)
        if surgery is not None
        else None,
    )
    results = evaluate_criteria(criteria_for(item, topic), ctx)
    decision = decide_outcome(topic, results)
    held = decision == "overturned" and any(c.decision == "undetermined" for c in companions)
    held = held and not any(c.decision == "overturned" for c in companions)
    pending = surgery is not None and surgery.decision.decision == "undetermined"
    if decision == "overturned" and (pending or held):
        # a service of a surgery nobody has decided is pending, never overturned alone
        decision = "undetermined"
    explained = explain_criteria(item, results, decision, case)
    sentences = [
        *opening(item, search, surgery, case),
        *secondary_citations(
            topic, results, decision, topic.effective_to if search.stale else None
        ),
        *explained.sentences,
        conclusion(item, topic, decision, results),
    ]
    rationale = " ".join(s.text for s in sentences)
    titles = [c.chapter for c in topic.citations.values() if c.chapter]
    if not topic.applies_to.regions:
        # a topic for any body part (pre-operative tests) says what the guideline advises
        # in general terms ("a chest radiograph for a patient at risk"), not what the records show
        titles.append(" ".join(topic.recommendation.split()))
    stray = stray_body_parts(rationale, item, titles, surgery)
    notes = reviewer_notes(item, search, case, stray, surgery, results)
    if held:
        notes.append(pending_companion(companions))
    return _base(
        item,
        decision=decision,
        topic=topic.id,
        guidelines=[_citation(c) for c in header_citations(topic, ctx)],
        rationale=rationale,
        criteria=explained.trace,
        evidence=list(explained.links.values()),
        note=_joined(notes),
        notes=notes,
        topic_choice=search.choice,
        needed=needed_for_support(results, decision),
        claims_checked=explained.checked,
        claims_rewritten=explained.rewritten,
    )


# ---- a request for body parts the guidelines address apart


def region_parts(item: RoutedItem, case: Case) -> list[RoutedItem]:
    """The parts of a request that names body parts whose guidelines differ ("MRI of the
    cervical and lumbar spine": ACOEM ch. 8 and ch. 12), one per body part, each with only its
    own part; none when one topic governs them all (a course of chiropractic care for the neck
    and the back is one request under one topic, and is decided as one)."""
    regions = item.req.regions
    if len(regions) < 2:
        return []
    parts = []
    for region in regions:
        req = replace(
            item.req,
            regions=(region,),
            decided_text=f"{item.req.decided_text} (the {region} part)",
        )
        prior = item.prior
        if prior is not None and prior.region is not None and not region_matches(
            region, prior.region
        ):
            prior = None  # the earlier study was of another part
        parts.append(replace(item, req=req, prior=prior))
    topics = {
        search.topic.id
        for p in parts
        if (search := search_topics(p, case.kb, case.when)) is not None
    }
    return parts if len(topics) > 1 else []


def joined_parts(
    item: RoutedItem, parts: list[RoutedItem], decided: list[ItemDecision]
) -> ItemDecision:
    """One disputed item is decided as a whole: medically necessary only when every part is.
    A part that is not (or is not decided) gives the header's guideline, an MTUS one first."""
    names = [p.req.regions[0] for p in parts]
    upheld = [d for d in decided if d.decision == "upheld"]
    open_ = [d for d in decided if d.decision == "undetermined"]
    decision = "upheld" if upheld else "undetermined" if open_ else "overturned"
    # of several parts that decide it, one under the MTUS heads the letter (the search sequence)
    lead = min(
        upheld or open_ or decided,
        key=lambda d: 0 if d.guidelines and d.guidelines[0].level == "MTUS" else 1,
    )
    subject = _subject(item)
    intro = (
        f"The request for {subject} covers {_and([f'the {n}' for n in names])}, for which the "
        "guidelines are "
        "separate; each part is decided on its own, and the request is medically necessary "
        "only if every part is."
    )
    if decision == "upheld":
        which = _and([n for n, d in zip(names, decided, strict=True) if d.decision == "upheld"])
        end = (
            f"Because the {which} part is not medically necessary, the request for {subject} "
            "as a whole is not medically necessary."
        )
    elif decision == "undetermined":
        end = f"The request for {subject} as a whole waits on the part that could not be decided."
    else:
        end = (
            f"Because every part is medically necessary, the request for {subject} is "
            "medically necessary."
        )
    guidelines: list[GuidelineCitation] = []
    for d in [lead, *decided]:
        for g in d.guidelines:
            if g not in guidelines:
                guidelines.append(g)
    evidence: list[EvidenceLink] = []
    for d in decided:
        for e in d.evidence:
            if e not in evidence:
                evidence.append(e)
    notes = [n for d in decided for n in d.notes]
    return _base(
        item,
        decision=decision,
        topic=lead.topic,
        guidelines=guidelines,
        rationale=" ".join([intro, *(d.rationale for d in decided), end]),
        criteria=[c for d in decided for c in d.criteria],
        evidence=evidence,
        note=_joined(notes),
        notes=notes,
        topic_choice=lead.topic_choice,
        needed=[n for d in decided if d.decision != "overturned" for n in d.needed],
        claims_checked=sum(d.claims_checked for d in decided),
        claims_rewritten=sum(d.claims_rewritten for d in decided),
    )


def _and(words: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
