"""Leftover faults of issue 12 (eleventh pass), in 2017 letter wording, each with the outcome
the guideline gives and the one it withholds.

- A psychological evaluation is the screening before an implanted pain device that is planned
  (CPMTG 2009 pp. 100-101). A stimulator trial the patient declined, or a generator changed in
  a stimulator already implanted, plans no implant to screen for.
- A region named as the mechanism of the injury ("a fall onto the outstretched right arm") does
  not take the findings of a sentence whose complaint names another region: the therapy that
  failed was for the shoulder (ACOEM 2004 ch. 9 pp. 207-209, imaging after failed care).
- The shoulder surgery red flag's sentence names only what its condition reads (ACOEM 2004
  ch. 9 pp. 209-211).
- A repeat EMG/NCV: a deficit at the root an earlier study already found is not new since it
  (our reading of ACOEM 2004 ch. 8 p. 178 / ODG; special-studies.yaml edx_repeat_change).
- Sympathetic blocks the records report given make the request a repeat, which is given only
  after the earlier block helped (CPMTG 2009 p. 39, pp. 103-104).
"""

from __future__ import annotations

from _letter_case import decide_letter_items

PSYCH = (
    "Per the PR-2 dated 3-6-2017, the injured worker reported chronic low back pain radiating to "
    "the right leg after a lumbar fusion in 2014. {plan} Examination showed a well-healed "
    "incision and decreased sensation in the right L5 dermatome. The treating physician "
    "requested a psychological evaluation. UR non-certified the request on 3-20-2017."
)


def _psych(plan: str) -> tuple[str, str]:
    got = decide_letter_items(
        ["Psychological evaluation"], "1-3-2013@50", PSYCH.format(plan=plan),
        ur="2017-03-20", decided="2017-04-10",
    )[0]
    return got.decision, got.rationale


def test_a_planned_stimulator_trial_calls_for_psychological_screening() -> None:
    """CPMTG 2009 pp. 100-101: the evaluation comes before a stimulator trial."""
    decision, rationale = _psych("A spinal cord stimulator trial is planned.")
    assert decision == "overturned"
    assert "A planned procedure calls for psychological screening" in rationale


def test_a_declined_stimulator_trial_calls_for_no_screening() -> None:
    decision, rationale = _psych(
        "A spinal cord stimulator trial was recommended; however, the patient declined."
    )
    assert decision == "upheld"
    assert "A planned procedure calls for psychological screening" not in rationale


def test_a_generator_replacement_is_not_a_planned_implant() -> None:
    decision, rationale = _psych(
        "The spinal cord stimulator generator replacement is planned."
    )
    assert decision == "upheld"
    assert "A planned procedure calls for psychological screening" not in rationale


SHOULDER_MRI = (
    "Per the PR-2 dated 3-6-2017, the injured worker reported right shoulder pain and weakness "
    "since {history}. Examination revealed a positive Neer sign and a positive Hawkins sign on "
    "the right with weakness of external rotation. The treating physician requested an MRI of "
    "the right shoulder. UR non-certified the request on 3-20-2017."
)


def _shoulder_mri(history: str) -> tuple[str, str]:
    got = decide_letter_items(
        ["MRI of the right shoulder"], "1-2-2017@40", SHOULDER_MRI.format(history=history),
        ur="2017-03-20", decided="2017-04-10",
    )[0]
    return got.decision, got.rationale


def test_a_region_named_as_the_mechanism_does_not_take_the_failed_care() -> None:
    """ACOEM 2004 ch. 9 pp. 207-209: imaging after four to six weeks of conservative care that
    failed at the shoulder; the arm the worker fell onto is how, not where, he was hurt."""
    decision, rationale = _shoulder_mri(
        "a fall onto the outstretched right arm nine weeks ago, despite 8 sessions of physical "
        "therapy"
    )
    assert decision == "overturned"
    assert '"despite 8 sessions of physical therapy"' in rationale


def test_therapy_given_to_another_region_is_not_failed_care_at_the_shoulder() -> None:
    decision, rationale = _shoulder_mri(
        "a fall nine weeks ago; the right wrist pain persists despite 8 sessions of physical "
        "therapy for the right wrist"
    )
    assert decision == "upheld"
    assert '"despite 8 sessions of physical therapy"' not in rationale


def test_the_shoulder_surgery_red_flag_names_what_its_condition_reads() -> None:
    """ACOEM 2004 ch. 9 pp. 209-211: the criterion's sentence (quoted in reviewer notes) names
    the red flags its condition looks for, and no acute tear it never reads."""
    from openimr.guidelines.registry import load_knowledge_base

    crit = {c.id: c for c in load_knowledge_base().get("acoem2004.shoulder.surgery").criteria}
    says = crit["red_flag"].says
    assert "tear" not in says
    for word in ("fracture", "tumor", "infection"):
        assert word in says


REPEAT_EMG = (
    "Per the PR-2 dated 3-6-2017, the injured worker reported neck pain radiating to the right "
    "arm with numbness of the right thumb. An EMG/NCV of the upper extremities dated 6-12-2015 "
    "showed a right C6 radiculopathy. Examination revealed decreased sensation in the right "
    "{root} dermatome. The treating physician requested a repeat EMG/NCV of the bilateral upper "
    "extremities. UR non-certified the request on 3-20-2017."
)


def _repeat_emg(root: str) -> tuple[str, str]:
    got = decide_letter_items(
        ["Repeat EMG/NCV of the bilateral upper extremities"], "1-2-2014@40",
        REPEAT_EMG.format(root=root), ur="2017-03-20", decided="2017-04-10",
    )[0]
    return got.decision, got.rationale


def test_a_deficit_the_earlier_study_found_is_not_new_for_a_repeat_emg() -> None:
    """Our reading of ACOEM 2004 ch. 8 p. 178 and ODG (special-studies.yaml edx_repeat_change):
    a repeat study needs findings new or worse since the earlier one; the right C6 deficit is
    the right C6 radiculopathy the 2015 EMG already showed."""
    decision, rationale = _repeat_emg("C6")
    assert decision == "upheld"
    assert "new or worse findings support a repeat" not in rationale


def test_a_deficit_at_a_root_the_earlier_study_did_not_find_is_new() -> None:
    decision, rationale = _repeat_emg("C7")
    assert decision == "overturned"
    assert "new or worse findings support a repeat" in rationale


SYMPATHETIC = (
    "Per the PR-2 dated 3-6-2017, the injured worker reported burning pain of the left foot with "
    "allodynia, swelling and color change, diagnosed as complex regional pain syndrome of the "
    "left lower extremity. She underwent three left lumbar sympathetic blocks in 2014{relief}. "
    "She attends physical therapy twice a week. The treating physician requested a left lumbar "
    "sympathetic block. UR non-certified the request on 3-20-2017."
)


def _sympathetic(relief: str) -> tuple[str, str]:
    got = decide_letter_items(
        ["Left lumbar sympathetic block"], "1-2-2013@40", SYMPATHETIC.format(relief=relief),
        sex="female", ur="2017-03-20", decided="2017-04-10",
    )[0]
    return got.decision, got.rationale


def test_blocks_the_records_report_given_make_the_request_a_repeat() -> None:
    """CPMTG 2009 p. 39: a sympathetic block is repeated only after the earlier one helped; the
    2014 blocks are earlier ones though the request does not say "repeat"."""
    decision, rationale = _sympathetic("")
    assert decision == "upheld"
    assert "This is a repeat block" in rationale


def test_a_repeat_block_after_blocks_that_helped_is_supported() -> None:
    decision, rationale = _sympathetic(
        ", each giving 60% relief for two months with improved walking tolerance"
    )
    assert decision == "overturned"
    assert "The earlier block helped" in rationale
