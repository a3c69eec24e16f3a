"""Letter-style pairs found by the lead's probes of later letters (fictional), each with the
guideline page that decides it."""

from __future__ import annotations

from _letter_case import decide_letter_case

RADICULAR = (
    "Per the PR-2 dated 10-12-16, the injured worker complained of low back pain radiating to "
    "the left leg with burning and numbness. Examination revealed decreased sensation in the "
    "left L5 dermatome and positive straight leg raise on the left. "
)


def test_a_drug_the_physician_started_at_the_visit_is_a_new_start() -> None:
    # CPMTG pp. 16-19: anti-epilepsy drugs are a first-line option for neuropathic pain; the
    # benefit is asked of a drug already taken, not of the one the visit starts
    started = RADICULAR + "The treating physician started gabapentin 300 mg three times daily."
    got = decide_letter_case("Gabapentin 300 mg #90", "3-2-2015", started)
    assert got.decision == "overturned", got.rationale
    taken = RADICULAR + (
        "Current medications include gabapentin 300 mg three times daily, which he has taken "
        "since 2015."
    )
    got = decide_letter_case("Gabapentin 300 mg #90", "3-2-2015", taken)
    assert got.decision == "upheld", got.rationale
    assert "functional improvement" in got.rationale


def test_one_time_a_week_for_six_weeks_is_six_treatments() -> None:
    # 8 CCR 9792.24.1: functional improvement within 3 to 6 treatments; the rationale must
    # not say the request asks for more, or states no count
    text = (
        "Per the PR-2 dated 10-12-16, the injured worker complained of neck pain rated 7/10. "
        "Examination revealed cervical paraspinal tenderness. Treatment to date has included "
        "physical therapy and medications."
    )
    got = decide_letter_case("Acupuncture 1 time a week for 6 weeks for the neck", "3-2-2015",
                             text)
    assert "more than the 3 to 6 treatments" not in got.rationale, got.rationale


KNEE = (
    "Per the PR-2 dated 10-12-16, the injured worker complained of right knee pain with locking "
    "and giving way. Examination revealed medial joint line tenderness and a positive McMurray "
    "test. Treatment to date has included physical therapy, a cortisone injection and "
    "medications without improvement. MRI of the right knee dated 8-1-16 revealed "
)


def test_knee_arthroscopy_needs_imaging_that_shows_the_lesion() -> None:
    # ACOEM 2004 ch. 13 pp. 344-345: a clear meniscus tear with symptoms beyond pain and
    # consistent findings on MRI; an MRI of wear alone is not that
    item = "Right knee arthroscopy with partial medial meniscectomy"
    got = decide_letter_case(item, "3-2-2016", KNEE + "a horizontal tear in the medial meniscus.")
    assert got.decision == "overturned", got.rationale
    # what the study showed is quoted, not only its name
    assert '"tear in the medial meniscus"' in got.rationale and '"MRI"' not in got.rationale
    worn = KNEE + "degenerative fraying of the medial meniscus and moderate osteoarthritis."
    got = decide_letter_case(item, "3-2-2016", worn)
    assert got.decision == "upheld", got.rationale
    said = got.rationale
    assert "imaging that shows the lesion" in said or "no record documents a meniscal tear" in said


def test_a_mortons_neuroma_needs_no_trial_of_conservative_care_first() -> None:
    # ACOEM 2004 ch. 14: an injection for a Morton's neuroma; for plantar fasciitis or a heel
    # spur only after four to six weeks of conservative therapy have not helped
    text = (
        "Per the PR-2 dated 10-12-16, the injured worker complained of burning pain between the "
        "third and fourth toes of the left foot. Examination revealed tenderness in the third "
        "web space. MRI of the left foot showed a Morton's neuroma."
    )
    got = decide_letter_case("Corticosteroid injection of the left foot", "9-1-2016", text)
    assert got.decision == "overturned", got.rationale
    fasciitis = text.replace("a Morton's neuroma", "plantar fasciitis").replace(
        "between the third and fourth toes of the left foot", "in the left heel"
    )
    got = decide_letter_case("Corticosteroid injection of the left foot", "9-1-2016", fasciitis)
    assert got.decision == "upheld", got.rationale
