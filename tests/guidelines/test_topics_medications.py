"""The medication and drug-testing topics decide fictional cases for the guideline's reasons.

Every case in ``data/medications/cases.yaml`` names the topic that must be applied (the MTUS
edition in force on the decision date first, ODG only where the MTUS is silent) and the outcome
its criteria give. Each topic with criteria that can support a request has cases with both
outcomes; the topics that never support one (compounds, medical foods, oral steroids for the
low back under ACOEM) have cases whose records would satisfy anything else and still uphold.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml

from openimr.domain import CaseBundle, ItemDecision
from openimr.evidence import extract, vocabulary_codes
from openimr.guidelines.check import check_knowledge_base
from openimr.guidelines.registry import load_knowledge_base
from openimr.intake.requests import known_regions, known_services, parse_request
from openimr.review.decide import decide_request
from openimr.review.rationale import Absence, Sentence, check_absence

DATA = Path(__file__).resolve().parent / "data" / "medications"
CASES: list[dict[str, Any]] = yaml.safe_load((DATA / "cases.yaml").read_text())["cases"]

# The topics this file covers (src/openimr/guidelines/data/**, medication and drug testing).
MEDICATION_TOPICS = {
    "cpmtg2009.muscle-relaxants",
    "cpmtg2009.nsaids",
    "cpmtg2009.nsaid-gi-protection",
    "cpmtg2009.anticonvulsants",
    "cpmtg2009.antidepressants",
    "cpmtg2009.benzodiazepines",
    "cpmtg2009.topical-analgesics",
    "cpmtg2009.topical-lidocaine",
    "cpmtg2009.topical-nsaids",
    "cpmtg2009.compounded-medications",
    "cpmtg2009.acetaminophen",
    "cpmtg2009.opioids",
    "cpmtg2009.opioid-constipation-prophylaxis",
    "cpmtg2009.drug-testing",
    "opioids2016.opioids",
    "opioids2016.urine-drug-testing",
    "odg.pain.antiemetics",
    "cpmtg2016.antiemetics",
    "odg.pain.insomnia-treatment",
    "odg.head.triptans",
    "odg.pain.medical-food",
    "odg.pain.opioid-induced-constipation",
    "odg.low-back.oral-corticosteroids",
    "acoem2004.low-back.oral-corticosteroids",
    "other.erectile-dysfunction-agents",
    "odg.pain.modafinil",
    "cpmtg2009.ketamine",
    "odg.pain.iv-lidocaine",
    "cpmtg2009.nsaid-lab-monitoring",
    "odg.pain.vitamin-d",
    "odg.pain.vitamin-b",
}
# Topics that cannot support a request by design: the guideline does not recommend the item,
# or (compounds) the request cannot show that every ingredient is recommended.
NEVER_SUPPORTED = {
    "cpmtg2009.compounded-medications",
    "cpmtg2009.topical-lidocaine",
    "odg.pain.medical-food",
    "acoem2004.low-back.oral-corticosteroids",
    "cpmtg2009.ketamine",
    "odg.pain.iv-lidocaine",
}


def _date(value: Any, default: str) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value or default)


def _bundle(case: dict[str, Any]) -> CaseBundle:
    records = [
        {
            "id": f"r{i}",
            "date": r["date"],
            "kind": r.get("kind", "progress report"),
            "text": r["text"],
        }
        for i, r in enumerate(case["records"], start=1)
    ]
    return CaseBundle.model_validate(
        {
            "format": "openimr-case/1",
            "case_number": f"CM00-{case['id']}",
            "dates": {
                "ur_denial": _date(case.get("ur_denial"), "2016-12-01"),
                "decision": _date(case.get("decision"), "2016-12-20"),
            },
            "patient": {"age": case.get("age", 52), "sex": "unknown"},
            "claim": {"date_of_injury": _date(case.get("injury"), "2015-03-02")},
            "records": records,
            "requests": [{"id": "1", "item": case["item"]}],
        }
    )


@pytest.fixture(scope="module")
def decided() -> dict[str, ItemDecision]:
    kb = load_knowledge_base()
    out: dict[str, ItemDecision] = {}
    for case in CASES:
        bundle = _bundle(case)
        assert bundle.dates.decision is not None
        out[case["id"]] = decide_request(
            bundle, bundle.requests[0].id, extract(bundle), kb, bundle.dates.decision
        )
    return out


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["id"])
def test_case_applies_the_topic_and_decides(
    case: dict[str, Any], decided: dict[str, ItemDecision]
) -> None:
    item = decided[case["id"]]
    assert item.topic == case["topic"], item.rationale
    assert item.decision == case["expected"], item.rationale


def test_every_medication_topic_is_exercised_with_both_outcomes_where_it_can_support() -> None:
    outcomes: dict[str, set[str]] = defaultdict(set)
    for case in CASES:
        outcomes[case["topic"]].add(case["expected"])
    assert set(outcomes) == MEDICATION_TOPICS
    for topic, seen in outcomes.items():
        want = {"upheld"} if topic in NEVER_SUPPORTED else {"upheld", "overturned"}
        assert seen == want, topic


def test_medication_topics_pass_the_knowledge_base_lint() -> None:
    kb = load_knowledge_base()
    problems = check_knowledge_base(kb, vocabulary_codes(), known_services(), known_regions())
    mine = [p for p in problems if any(kb.files.get(t, "") in p for t in MEDICATION_TOPICS)]
    assert mine == []


def test_mtus_editions_hand_over_on_their_dates() -> None:
    """The 2009 opioid sections give way to the 2016 Opioids Treatment Guidelines; the whole
    pre-ACOEM MTUS ends on 2017-12-01, after which only ODG answers (MTUS silent here)."""
    kb = load_knowledge_base()
    norco = parse_request("Norco 10/325 mg #90")
    uds = parse_request("Urine drug screen")
    relaxant = parse_request("Cyclobenzaprine 7.5 mg #21")
    assert kb.candidates(norco, dt.date(2016, 7, 27))[0].id == "cpmtg2009.opioids"
    assert kb.candidates(norco, dt.date(2016, 7, 28))[0].id == "opioids2016.opioids"
    assert kb.candidates(uds, dt.date(2016, 7, 27))[0].id == "cpmtg2009.drug-testing"
    assert kb.candidates(uds, dt.date(2016, 12, 1))[0].id == "opioids2016.urine-drug-testing"
    assert not [t for t in kb.candidates(norco, dt.date(2018, 1, 2)) if t.level == "MTUS"]
    assert kb.candidates(relaxant, dt.date(2017, 11, 30))[0].id == "cpmtg2009.muscle-relaxants"


def test_citations_name_the_guideline_section_and_pages(decided: dict[str, ItemDecision]) -> None:
    cites = {c.section: c for item in decided.values() for c in item.guidelines}
    assert cites["Muscle relaxants (for pain)"].pages == "63-66"
    assert cites["NSAIDs, GI symptoms & cardiovascular risk"].pages == "68-69"
    assert cites["Benzodiazepines"].pages == "24"
    opioid = decided["opioid-rib-fractures"].guidelines[0]
    assert opioid.guideline == "Opioids Treatment Guidelines" and opioid.edition == "2016"
    # the 2016 CPMTG took in the ODG section; before 2016-07-28 it is a non-MTUS citation
    antiemetic = decided["antiemetic-perioperative"].guidelines[0]
    assert antiemetic.level == "MTUS" and antiemetic.edition == "2016"
    assert antiemetic.section == "Antiemetics (for opioid nausea)"
    earlier = decided["antiemetic-perioperative-2009"].guidelines[0]
    assert earlier.level == "ACOEM/ODG" and earlier.section == antiemetic.section


def test_rationales_state_the_reason(decided: dict[str, ItemDecision]) -> None:
    assert "spasm" in decided["relaxant-acute-flare"].rationale
    assert "short course" in decided["relaxant-prolonged-use"].rationale
    assert "aberrant" in decided["opioid-aberrant-behaviour"].rationale
    assert "non-opioid" in decided["opioid-new-without-alternatives"].rationale
    assert "does not state a quantity" in decided["relaxant-no-quantity"].rationale
    assert "warfarin" in decided["ppi-anticoagulant"].rationale
    assert "not medically necessary" in decided["compound-always-upheld"].rationale
    assert "appears only in the request" in decided["nsaid-not-documented"].rationale
    ppi = decided["ppi-nsaid-dyspepsia-without-benefit"].rationale
    assert "heartburn" in ppi and "appears only" not in ppi
    assert "GI bleed" in decided["ppi-history-of-gi-bleed"].rationale
    assert "broke his wrist" in decided["opioid-status-post-fracture-recent"].rationale
    assert "isosorbide mononitrate" in decided["ed-agent-with-nitrates"].rationale
    assert "8/12/2015" in decided["uds-yearly-low-risk"].rationale
    assert "10/15/2016, 7 weeks earlier" in decided["uds-repeat-low-risk"].rationale
    # a non-opioid prescribed at the same visit is not a prior trial of one
    assert "non-opioid" in decided["opioid-started-together-with-an-nsaid"].rationale
    assert "does not state a number" in decided["ed-agent-no-quantity"].rationale
    assert "other than the dermal patch" in decided["lidocaine-cream-always-upheld"].rationale


def test_topical_lidocaine_is_routed_by_its_form() -> None:
    """Lidocaine in a cream, ointment, gel or lotion (or a brand made of one) is not the patch."""
    for item in (
        "Lidocaine 5% ointment",
        "AneCream 4% #30",
        "LidoPro lotion 121 g",
        "Lidocaine gel",
    ):
        assert parse_request(item).service == "drug:lidocaine_topical", item
    for item in ("Lidocaine 5% patch #30", "Lidoderm patch", "Lidocaine pad 4% #30"):
        assert parse_request(item).service == "drug:topical", item
    assert parse_request("Compound cream: flurbiprofen 20%, lidocaine 5%").service == (
        "compounded_medication"
    )


def test_a_past_event_contradicts_a_claim_that_it_is_undocumented() -> None:
    """'History of a GI bleed' is a documented risk factor: the fact check rewrites a sentence
    that says no risk factor is documented."""
    case = next(c for c in CASES if c["id"] == "ppi-history-of-gi-bleed")
    ev = extract(_bundle(case))
    claim = Sentence(
        "There is no documentation of gastrointestinal risk.", [Absence(["gi.risk"], None, None)]
    )
    checked, found = check_absence(claim, ev, None)
    assert found and checked.text.startswith("The records do mention")


def test_an_opioid_suspension_is_an_opioid_and_a_compounded_cream_a_compound() -> None:
    """The opioid guidelines govern every oral form of an opioid; the compounded form is one of
    their criteria. A compounded cream is judged by the compounding rule whatever it contains."""
    for item in ("Synapryn (unknown quantity)", "Tramadol 10 mg/ml oral suspension"):
        req = parse_request(item)
        assert (req.service, req.compounded) == ("drug:opioid", True), item
    assert parse_request("Norco 10/325 mg #90").compounded is False
    # one commercial product with its ingredients listed is not a compound
    terocin = parse_request("Terocin lotion (methyl salicylate 25%, menthol 10%, lidocaine 2.5%)")
    assert (terocin.service, terocin.compounded) == ("drug:topical", False)
    for item in (
        "Compounded tramadol cream",
        "Tabradol 1 mg/ml oral suspension",
        "Deprizine",
        "Ketoprofen 20% in cream base 240 g",
        "Flurbiprofen 20%, baclofen 5%, capsaicin 0.025% 180 g",
        "Tramadol 8%/gabapentin 10% cream",
        "Ketoprofen 20% cream 120 g",
    ):
        req = parse_request(item)
        assert (req.service, req.compounded) == ("compounded_medication", True), item


def test_a_compounded_opioid_needs_a_reason_for_the_form(decided: dict[str, ItemDecision]) -> None:
    assert "difficulty swallowing" in decided["opioid-suspension-without-reason"].rationale
    assert "difficulty swallowing tablets" in decided["opioid-suspension-cannot-swallow"].rationale
    # the compounding criterion is not announced where it plays no part
    assert "compounded form" not in decided["opioid-maintenance-with-4-as"].rationale


def test_diclofenac_for_the_skin_is_a_topical_nsaid_and_a_refill_count_no_repeat() -> None:
    for item in (
        "Voltaren gel 1% #100 g",
        "Flector 1.3% patch #30",
        "Diclofenac 1% gel",
        "Pennsaid 2%",
    ):
        assert parse_request(item).service == "drug:topical_nsaid", item
    assert parse_request("Diclofenac sodium ER 100 mg #30").service == "drug:nsaid"
    assert parse_request("Voltaren gel 1% #100 g with 1 refill").repeat is False
    assert parse_request("Refill of Norco 10/325 mg #90").repeat is True


def test_a_blood_panel_alone_is_monitoring_and_with_a_surgery_preoperative_work_up() -> None:
    """A plain CBC or chemistry panel is NSAID monitoring (CPMTG); one that names a surgery, or
    is disputed beside one, stays with odg.preoperative-testing."""
    from openimr.review.decide import decide_items

    for item in ("CBC", "Comprehensive metabolic panel", "Hepatic function panel", "CBC, CMP"):
        assert parse_request(item).service == "blood_panel", item
    for item in (
        "Pre-operative labs: CBC, CMP",
        "CBC pre-op",
        "Labs: CBC prior to surgery",
    ):
        assert parse_request(item).service == "preop_labs", item
    # a coagulation test alone is a lab test; beside a surgery, routing makes it the work-up
    assert parse_request("PT/PTT").service == "lab_test"
    bundle = CaseBundle.model_validate(
        {
            "format": "openimr-case/1",
            "case_number": "CM00-labs-with-surgery",
            "dates": {"ur_denial": "2016-12-01", "decision": "2016-12-20"},
            "patient": {"age": 66, "sex": "unknown"},
            "claim": {"date_of_injury": "2015-03-02"},
            "records": [
                {
                    "id": "r1",
                    "date": "2016-11-20",
                    "kind": "progress report",
                    "text": "Numbness in the right hand at night. Positive Tinel sign at the right "
                    "wrist. Phalen test is positive on the right. Nerve conduction studies show "
                    "moderate carpal tunnel syndrome on the right. Symptoms have persisted despite "
                    "conservative treatment with medication and rest. She takes naproxen daily and "
                    "has diabetes.",
                }
            ],
            "requests": [
                {"id": "1", "item": "Right carpal tunnel release"},
                {"id": "2", "item": "CBC"},
                {"id": "3", "item": "Associated surgical service: Comprehensive metabolic panel"},
            ],
        }
    )
    assert bundle.dates.decision is not None
    decided = decide_items(bundle, extract(bundle), load_knowledge_base(), bundle.dates.decision)
    assert decided[0].decision == "overturned", decided[0].rationale
    for item in decided[1:]:
        assert (item.category, item.topic) == ("surgery-associated", "odg.preoperative-testing")
