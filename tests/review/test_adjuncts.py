"""A passive modality or massage is an adjunct to active therapy (CPMTG 2009 pp. 60, 98-99):
requested beside physical therapy in the same case, it follows this review's decision on that
therapy. Fictional cases written the way a letter's case summary reads."""

from __future__ import annotations

import openimr
from openimr.domain import CaseBundle, ItemDecision
from openimr.evidence import extract
from openimr.guidelines.registry import load_knowledge_base
from openimr.review.conditions import Companion
from openimr.review.engine import Case, decide_item
from openimr.routing import route_case

HEAD = (
    "The injured worker is a 38 year old male, who sustained an industrial injury on 9-20-16 "
    "when he fell onto his outstretched right hand. The diagnoses have included right wrist "
    "sprain. "
)
# early, with current deficits and no therapy yet: a first course of active therapy fits
FIRST = (
    "He has not had physical therapy. Per the progress report dated 10-20-16, the injured "
    "worker complained of right wrist pain rated 7 out of 10 and difficulty gripping. "
    "Examination revealed tenderness over the dorsal right wrist, grip strength 4 out of 5 and "
    "wrist extension limited to 40 degrees. The treatment plan included physical therapy with "
    "infrared heat."
)
# a course given without benefit, and no deficit left: more therapy is not supported
AFTER = (
    "Treatment to date has included 12 sessions of physical therapy. Per the progress report "
    "dated 10-20-16, the injured worker reported his right wrist pain was unchanged after "
    "physical therapy. Examination revealed full range of motion of the right wrist. The "
    "treatment plan included additional physical therapy with infrared heat."
)
PT = "Physical therapy 2 times a week for 3 weeks for the right wrist"
HEAT = "Infrared therapy 2 times a week for 2 weeks for the right wrist"
MASSAGE = "Massage therapy 4 sessions for the right wrist"


def _bundle(text: str, items: list[str]) -> CaseBundle:
    return CaseBundle.model_validate(
        {
            "format": "openimr-case/1",
            "case_number": "CM00-adjunct",
            "dates": {"ur_denial": "2016-10-28", "decision": "2016-11-20"},
            "patient": {"age": 38, "sex": "male"},
            "claim": {"date_of_injury": "2016-09-20"},
            "records": [
                {
                    "id": "clinical-case-summary",
                    "date": "2016-11-20",
                    "kind": "clinical case summary (from the Final Determination Letter)",
                    "text": HEAD + text,
                }
            ],
            "requests": [{"id": str(i + 1), "item": it} for i, it in enumerate(items)],
        }
    )


def _decide(text: str, items: list[str]) -> list[ItemDecision]:
    return openimr.decide(_bundle(text, items)).items


def test_modality_beside_necessary_therapy_goes_with_it() -> None:
    pt, heat = _decide(FIRST, [PT, HEAT])
    assert pt.decision == "overturned"
    assert heat.decision == "overturned"
    assert "requested with it, which this review finds medically necessary" in heat.rationale


def test_modality_beside_unnecessary_therapy_has_nothing_to_accompany() -> None:
    pt, heat = _decide(AFTER, [PT, HEAT])
    assert pt.decision == "upheld"
    assert heat.decision == "upheld"
    assert "alongside the physical therapy 2 times a week" in heat.rationale
    assert "would accompany no active therapy" in heat.rationale
    assert heat.needed


def test_order_of_the_items_does_not_matter() -> None:
    heat, pt = _decide(AFTER, [HEAT, PT])
    assert (pt.decision, heat.decision) == ("upheld", "upheld")
    assert "would accompany no active therapy" in heat.rationale


def test_massage_follows_the_therapy_too() -> None:
    pt, massage = _decide(AFTER, [PT, MASSAGE])
    assert pt.decision == "upheld"
    assert massage.decision == "upheld"
    assert "adjunct to no active treatment" in massage.rationale
    pt, massage = _decide(FIRST, [PT, MASSAGE])
    assert pt.decision == massage.decision == "overturned"


def test_modality_beside_undetermined_therapy_is_pending() -> None:
    ongoing = FIRST.replace("He has not had physical therapy.", "He attends physical therapy.")
    bundle = _bundle(ongoing, [PT, HEAT])
    case = Case(bundle, extract(bundle), load_knowledge_base(), bundle.dates.decision)
    heat = route_case(bundle, evidence=case.evidence, kb=case.kb, when=case.when)[1]
    free = decide_item(heat, case, companions=(Companion("physical therapy", "overturned"),))
    assert free.decision == "overturned"
    held = decide_item(heat, case, companions=(Companion("physical therapy", "undetermined"),))
    assert held.decision == "undetermined"
    assert held.notes and held.notes[-1].kind == "pending_companion"
