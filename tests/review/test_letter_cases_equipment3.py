"""Durable equipment and supplies in letter-style fictional cases (2017 wording: "Per the PR-2
dated", "treatment to date has included", "certified by utilization review"), each with the
outcome the guideline gives and the one it withholds, and the rationale sentences that must be
true of the records (issue 12, third equipment pass).

- A stimulation unit is bought after a home trial of that unit (CPMTG 2009 p. 116 TENS, p. 120
  interferential, p. 118 H-wave): the benefit of another unit's trial is not its trial.
- Interferential stimulation (CPMTG 2009 p. 120): pain not controlled because the medications'
  side effects stopped them is one of the section's patient selections.
- A wrist splint (ACOEM 2004 ch. 11 pp. 264-265) is first-line conservative care for carpal
  tunnel syndrome and de Quervain's tenosynovitis; after a carpal tunnel release (ODG Carpal
  Tunnel Syndrome, Splinting) the diagnosis the summary still lists is no reason for one.
- Walking aids and a manual wheelchair (ODG Knee & Leg, Walking aids, Wheelchair) for an injury
  that impairs walking: non-weight bearing, or walking with a walker, is such an impairment;
  bathroom equipment (ODG Knee & Leg, DME) after a recent joint replacement that limits it.
- A power wheelchair or scooter (ODG Knee & Leg, Power mobility devices): not when a cane or
  walker resolves the deficit or the arms can propel a manual wheelchair.
- Exercises that name their body part ("daily hand exercises") are an exercise program a
  passive modality could accompany (CPMTG 2009 pp. 98-99).
"""

from __future__ import annotations

from _letter_case import decide_letter_items

from openimr.domain import ItemDecision


def _decide(item: str, injured: str, text: str, sex: str = "male") -> ItemDecision:
    return decide_letter_items(
        [item], injured, text, sex, ur="2017-03-20", decided="2017-04-20",
        case_number="CM00-equip3",
    )[0]


TENS_BUY = (
    "The injured worker was diagnosed with lumbar radiculopathy. Per the PR-2 dated 3-6-17, he "
    "complained of low back pain radiating to the left leg. Examination revealed decreased "
    "sensation in the left L5 dermatome. Treatment to date has included medications and physical "
    "therapy without lasting relief. {trial} He continues his home exercise program. The "
    "treating physician requested purchase of a TENS unit."
)


def test_a_tens_purchase_rests_on_a_trial_of_that_unit_not_of_another() -> None:
    """CPMTG 2009 p. 116: purchase after a one-month home trial of the TENS unit with less pain
    and better function. The same benefit reported of an interferential unit's trial is that
    unit's result, not a TENS trial."""
    own = _decide("TENS unit purchase", "3-2-2015", TENS_BUY.format(
        trial="He completed a 30 day home TENS trial, using it twice daily, with pain reduced "
        "from 7/10 to 4/10 and improved sitting tolerance from 20 to 60 minutes."))
    assert own.decision == "overturned", own.rationale
    other = _decide("TENS unit purchase", "3-2-2015", TENS_BUY.format(
        trial="He completed a 30 day home trial of an interferential unit, with pain reduced "
        "from 7/10 to 4/10 and improved sitting tolerance."))
    assert other.decision == "upheld", other.rationale
    assert "The request is a first trial, or the trial produced a documented benefit" not in (
        other.rationale)
    # the benefit is quoted as what it is: said of the other unit
    assert '"improved sitting tolerance" (clinical-case-summary, 3/6/2017), but said of another ' \
        "treatment, not of the one requested" in other.rationale, other.rationale


IF_TRIAL = (
    "The injured worker was diagnosed with chronic low back pain. Per the PR-2 dated 3-6-17, "
    "she reported low back pain rated 7/10. {meds} She continues a home exercise program. The "
    "treating physician requested an interferential unit 30 day home trial."
)


def test_an_interferential_trial_when_side_effects_stopped_the_medications() -> None:
    """CPMTG 2009 p. 120: a one-month trial when pain is not controlled because of the
    medications' side effects; not when the medications control it without them."""
    item = "Interferential unit 30 day trial"
    stopped = _decide(item, "3-2-2015", IF_TRIAL.format(
        meds="Medications were stopped because of side effects."), "female")
    assert stopped.decision == "overturned", stopped.rationale
    assert '"Medications were stopped because of side effects"' in stopped.rationale
    helped = _decide(item, "3-2-2015", IF_TRIAL.format(
        meds="She takes ibuprofen with good pain control and no side effects."), "female")
    assert helped.decision == "upheld", helped.rationale


def test_no_wrist_splint_after_the_carpal_tunnel_was_released() -> None:
    """ACOEM 2004 ch. 11 pp. 264-265 (first-line conservative care), ODG Carpal Tunnel
    Syndrome, Splinting (none after the release): the diagnosis the summary still lists is
    the operated wrist's; current signs of carpal tunnel syndrome in an unoperated wrist
    support the splint."""
    released = _decide("Right wrist splint", "3-2-2015", (
        "The injured worker was diagnosed with right carpal tunnel syndrome. She underwent a "
        "right carpal tunnel release on 6-2-16. Per the PR-2 dated 3-6-17, she reported mild scar "
        "tenderness; numbness had resolved. The treating physician requested a right wrist "
        "splint."), "female")
    assert released.decision == "upheld", released.rationale
    assert "already released" in released.rationale
    signs = _decide("Right wrist splint", "3-2-2015", (
        "The injured worker was diagnosed with right carpal tunnel syndrome. Per the PR-2 dated "
        "3-6-17, she complained of numbness and tingling of the right thumb, index and middle "
        "fingers at night. Examination revealed positive Tinel's and Phalen's signs at the right "
        "wrist. The treating physician requested a right wrist splint."), "female")
    assert signs.decision == "overturned", signs.rationale


def test_a_thumb_spica_splint_for_de_quervains_tenosynovitis() -> None:
    """ACOEM 2004 ch. 11 pp. 264-265 name de Quervain's tenosynovitis beside carpal tunnel
    syndrome; "no documentation of ... another condition for which a splint is first-line
    treatment" was false of a positive Finkelstein test."""
    text = (
        "The injured worker was diagnosed with {dx}. Per the PR-2 dated 3-6-17, she complained "
        "of {complaint}. {exam} The treating physician requested a right thumb spica splint."
    )
    dq = _decide("Right thumb spica splint", "12-1-2016", text.format(
        dx="right de Quervain's tenosynovitis", complaint="right radial wrist pain with gripping",
        exam="Examination revealed a positive Finkelstein test on the right."), "female")
    assert dq.decision == "overturned", dq.rationale
    assert "de Quervain" in dq.rationale
    none = _decide("Right thumb spica splint", "12-1-2016", text.format(
        dx="right shoulder impingement", complaint="right shoulder pain with overhead reaching",
        exam="Examination of the right wrist and hand was normal."), "female")
    assert none.decision == "upheld", none.rationale


def test_non_weight_bearing_is_an_impairment_of_walking_for_a_wheelchair() -> None:
    """ODG Knee & Leg, Wheelchair: a manual wheelchair for a patient who needs one to move
    about the residence. "Non-weight bearing on both lower extremities" after fractures is
    such a need ("no documentation that the injury impairs walking" was false); a patient who
    walks independently with a cane has none."""
    nwb = _decide("Manual wheelchair rental", "2-20-2017", (
        "The injured worker was diagnosed with bilateral calcaneus fractures after a fall from a "
        "ladder on 2-20-17. Per the PR-2 dated 3-6-17, he is non-weight bearing on both lower "
        "extremities. The treating physician requested a manual wheelchair rental for 6 weeks "
        "for use at home."))
    assert nwb.decision == "overturned", nwb.rationale
    assert "There is no documentation that the injury impairs walking" not in nwb.rationale
    walks = _decide("Manual wheelchair", "3-2-2015", (
        "The injured worker was diagnosed with chronic lumbar strain. Per the PR-2 dated 3-6-17, "
        "he reported low back pain with prolonged walking. The treating physician requested a "
        "manual wheelchair."))
    assert walks.decision == "upheld", walks.rationale


def test_a_raised_toilet_seat_after_a_hip_replacement_with_a_walker() -> None:
    """ODG Knee & Leg, DME: a medical need in the home, from a recent surgery that limits
    mobility; walking with a walker five days after a hip replacement is that limit ("no
    documentation of a recent surgery ... that limits mobility" was false). A shower chair for
    a patient independent in daily activities is convenience."""
    hip = _decide("Raised toilet seat", "3-2-2015@61", (
        "The injured worker was diagnosed with right hip osteoarthritis. He underwent a right "
        "total hip arthroplasty on 3-1-17. Per the PR-2 dated 3-6-17, he has hip precautions and "
        "walks with a walker. The treating physician requested a raised toilet seat."))
    assert hip.decision == "overturned", hip.rationale
    assert '"walks with a walker"' in hip.rationale
    chair = _decide("Shower chair", "3-2-2015", (
        "The injured worker was diagnosed with chronic lumbar strain. Per the PR-2 dated 3-6-17, "
        "he reported low back pain. He is independent in activities of daily living and walks "
        "without an assistive device. The treating physician requested a shower chair."))
    assert chair.decision == "upheld", chair.rationale


def test_a_power_mobility_device_only_when_neither_a_walker_nor_the_arms_will_do() -> None:
    """ODG Knee & Leg, Power mobility devices: not when a cane or walker resolves the deficit,
    or the arms can propel a manual wheelchair. A scooter for a patient who walks with a cane
    was decided by the walking-aid section and overturned on any fracture or surgery; a power
    wheelchair for a spinal cord injury with weak hands was upheld for want of "a fracture,
    surgery or serious injury"."""
    cane = _decide("Power scooter", "3-2-2015@66", (
        "The injured worker was diagnosed with bilateral knee osteoarthritis. She underwent a "
        "right total knee arthroplasty on 6-1-16. Per the PR-2 dated 3-6-17, she reported knee "
        "pain with walking more than one block. She ambulates with a cane. Upper extremity "
        "strength was 5/5 bilaterally. The treating physician requested a power scooter."),
        "female")
    assert cane.decision == "upheld", cane.rationale
    assert "Power mobility devices" in cane.rationale or "power mobility device" in cane.rationale
    sci = _decide("Power wheelchair", "6-2-2015", (
        "The injured worker was diagnosed with incomplete C6 spinal cord injury after a fall on "
        "6-2-15. Per the PR-2 dated 3-6-17, he is unable to walk and has bilateral hand weakness "
        "with grip strength 2/5, so he is unable to propel a manual wheelchair. He lives alone "
        "without a caregiver. The treating physician requested a power wheelchair."))
    assert sci.decision == "overturned", sci.rationale
    # a manual wheelchair for the same injury: the spinal cord injury is its serious cause
    manual = _decide("Manual wheelchair", "6-2-2015", (
        "The injured worker was diagnosed with incomplete T12 spinal cord injury after a fall on "
        "6-2-15. Per the PR-2 dated 3-6-17, he is unable to walk. The treating physician "
        "requested a manual wheelchair."))
    assert manual.decision == "overturned", manual.rationale
    assert "There is no documentation of a fracture, surgery" not in manual.rationale


def test_daily_hand_exercises_are_the_exercise_a_modality_would_accompany() -> None:
    """CPMTG 2009 pp. 98-99: a passive modality accompanies active therapy. "She performs daily
    hand exercises as instructed in therapy" is such exercise; "There is no documentation of
    active therapy for the modality to accompany" was false of it (the unit is still upheld,
    past the early phase)."""
    text = (
        "The injured worker was diagnosed with bilateral hand osteoarthritis. Per the PR-2 dated "
        "3-6-17, she complained of stiffness and pain of the fingers. {exercise}The treating "
        "physician requested a paraffin bath unit for home use."
    )
    exercises = _decide("Paraffin bath unit", "3-2-2015@59", text.format(
        exercise="She performs daily hand exercises as instructed in therapy. "), "female")
    assert exercises.decision == "upheld", exercises.rationale
    assert "no documentation of active therapy" not in exercises.rationale
    none = _decide("Paraffin bath unit", "3-2-2015@59", text.format(exercise=""), "female")
    assert "There is no documentation of active therapy for the modality to accompany" in (
        none.rationale)
