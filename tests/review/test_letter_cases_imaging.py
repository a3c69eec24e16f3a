"""Imaging cases of issue 12, in the 2017-2018 letter wording ("The injured worker presented
on 9-12-17 with ..."), each with the outcome the guideline gives and the one it withholds.

- CT of the lumbar spine after a fusion that plain films do not confirm (lucency about the
  screws, a suspected pseudarthrosis): ODG Low Back, Computed tomography lists evaluating a
  fusion that plain x-rays do not confirm among its indications; ACOEM 2004 ch. 12
  (pp. 303-304) names only nerve compromise and red flags. Films reading a solid fusion, or an
  MRI, are not that indication.
- MRI of the wrist for a suspected occult scaphoid fracture: ODG Forearm, Wrist & Hand, MRI's
  lists a suspected acute scaphoid fracture with normal initial and repeat radiographs;
  tenderness of the snuffbox with only one set of negative films, or none, is not that
  indication (ACOEM 2004 ch. 11 pp. 268-269: negative films answer the red flag).
"""

from __future__ import annotations

from _letter_case import decide_letter_items


def _decide(item: str, injured: str, text: str) -> tuple[str, str]:
    got = decide_letter_items(
        [item], injured, text, ur="2017-10-02", decided="2017-11-01", case_number="CM00-img"
    )[0]
    return got.decision, got.rationale


FUSION = (
    "The injured worker presented on 9-12-17 with persistent low back pain rated 7/10 after an "
    "L4-5 and L5-S1 posterior lumbar fusion on 6-2-16. Lumbar spine x-rays on 8-30-17 {films}. "
    "Neurological examination was unchanged. The treating physician requested {study} of the "
    "lumbar spine."
)
CT = "CT scan of the lumbar spine"


def test_ct_after_a_fusion_the_films_do_not_confirm() -> None:
    """ODG Low Back, Computed tomography: a fusion plain x-rays do not confirm."""
    loose = FUSION.format(
        films="revealed lucency around the L5 pedicle screws and could not confirm a solid "
        "fusion; pseudarthrosis is suspected",
        study="a CT scan",
    )
    decision, rationale = _decide(CT, "3-4-2013", loose)
    assert decision == "overturned"
    assert "The lumbar fusion is not shown to be solid" in rationale
    assert "Official Disability Guidelines" in rationale
    solid = FUSION.format(
        films="revealed a solid fusion with intact hardware in good position", study="a CT scan"
    )
    assert _decide(CT, "3-4-2013", solid)[0] == "upheld"


def test_the_fusion_indication_is_for_ct_not_mri() -> None:
    """ODG names CT for the fusion; an MRI of the same case stays under ch. 12 pp. 303-304."""
    loose = FUSION.format(
        films="revealed lucency around the L5 pedicle screws; the fusion was not confirmed",
        study="an MRI",
    )
    decision, rationale = _decide("MRI of the lumbar spine", "3-4-2013", loose)
    assert decision == "upheld"
    assert "fusion" not in rationale.split("advises that", 1)[1].split(".")[0]
    assert "fails to confirm a lumbar fusion" not in rationale


WRIST = (
    "The injured worker presented on 8-24-17 after a fall on the outstretched right hand on "
    "8-1-17. Examination revealed tenderness in the anatomic snuffbox. {films} She remains in "
    "a thumb spica splint. The treating physician requested an MRI of the right wrist to rule "
    "out an occult scaphoid fracture."
)
WRIST_MRI = "MRI of the right wrist"


def test_mri_for_a_scaphoid_fracture_the_initial_and_repeat_films_missed() -> None:
    """ODG Forearm, Wrist & Hand, MRI's: normal radiographs, initial and repeat."""
    twice = WRIST.format(
        films="Initial x-rays of the right wrist on 8-1-17 and repeat x-rays including "
        "scaphoid views on 8-15-17 were negative for fracture."
    )
    decision, rationale = _decide(WRIST_MRI, "8-1-2017", twice)
    assert decision == "overturned"
    assert "the first films and a second set were negative" in rationale
    once = WRIST.format(films="X-rays of the right wrist on 8-1-17 were negative for fracture.")
    assert _decide(WRIST_MRI, "8-1-2017", once)[0] == "upheld"


def test_negative_films_without_scaphoid_tenderness_are_no_indication() -> None:
    """Negative films twice without the sign of a scaphoid fracture: no suspicion to answer."""
    text = WRIST.format(
        films="Initial x-rays on 8-1-17 and repeat x-rays on 8-15-17 were negative for fracture."
    ).replace("tenderness in the anatomic snuffbox", "mild diffuse dorsal wrist tenderness")
    assert _decide(WRIST_MRI, "8-1-2017", text)[0] == "upheld"


REPEAT_BACK = (
    "According to the progress report dated 9/12/2017, the injured worker {history}. A prior "
    "MRI of the lumbar spine dated 4/2/2015 showed a 3 mm L4-5 disc protrusion. {exam} The "
    "treating physician requested a repeat MRI of the lumbar spine."
)
REPEAT_MRI = "Repeat MRI of the lumbar spine"


def test_a_repeat_lumbar_mri_for_worsening_leg_weakness() -> None:
    """ACOEM 2004 ch. 12 pp. 303-304 (a progressive neurologic deficit is a red flag) and ODG
    Low Back, MRI (a repeat study for a significant change): "worsening right leg weakness"
    names the limb between its words and is still a progressive deficit."""
    worse = REPEAT_BACK.format(
        history="reports worsening right leg weakness over the past month",
        exam="Examination revealed 4/5 right ankle dorsiflexion strength.",
    )
    decision, rationale = _decide(REPEAT_MRI, "3-4-2013", worse)
    assert decision == "overturned"
    assert '"worsening right leg weakness"' in rationale
    same = REPEAT_BACK.format(
        history="complains of chronic low back pain radiating to the right leg, unchanged",
        exam="Neurological examination was unchanged from prior visits.",
    )
    assert _decide(REPEAT_MRI, "3-4-2013", same)[0] == "upheld"


SHOULDER = (
    "According to the progress report dated 9/12/2017, the injured worker complains of right "
    "shoulder pain with clicking. Examination revealed a positive O'Brien's test. He completed "
    "12 sessions of physical therapy and a cortisone injection without lasting improvement. "
    "{plan} an MR arthrogram of the right shoulder to evaluate for a labral tear."
)
MRA = "MR arthrogram of the right shoulder"


def test_an_mr_arthrogram_before_a_labral_repair_under_consideration() -> None:
    """ACOEM 2004 ch. 9 pp. 207-209: imaging after failed conservative care when surgery is
    considered; "considering arthroscopic labral repair" is that plan."""
    planned = SHOULDER.format(
        plan="The orthopedic surgeon is considering arthroscopic labral repair and requested"
    )
    decision, rationale = _decide(MRA, "1-5-2017", planned)
    assert decision == "overturned"
    assert '"considering arthroscopic labral repair"' in rationale
    unplanned = SHOULDER.format(plan="The treating physician requested")
    assert _decide(MRA, "1-5-2017", unplanned)[0] == "upheld"


FILMS = (
    "The injured worker presented on 9-12-17 {history}. She reports low back pain rated 4/10. "
    "The treating physician requested flexion and extension x-rays of the lumbar spine."
)
FILMS_ITEM = "X-rays of the lumbar spine, flexion and extension views"


def test_lumbar_films_to_evaluate_a_fusion_already_done() -> None:
    """ODG Low Back, Radiography: after surgery, films evaluate the status of a fusion (ACOEM
    2004 ch. 12 pp. 303-304 names only red flags); a fusion still being considered is not one,
    and the conclusion does not call the fusion a red flag."""
    done = FILMS.format(history="for follow-up after an L4-5 posterior lumbar fusion on 3-1-17")
    decision, rationale = _decide(FILMS_ITEM, "3-4-2013", done)
    assert decision == "overturned"
    assert "Films would evaluate the status of a lumbar fusion" in rationale
    assert "red flag for serious spinal pathology is documented" not in rationale
    planned = FILMS.format(history="with chronic low back pain; an L4-5 fusion is being considered")
    assert _decide(FILMS_ITEM, "3-4-2013", planned)[0] == "upheld"


HIP = (
    "The injured worker was seen on 9-5-17 after a fall from a ladder on 8-20-17. She reports "
    "persistent left groin pain. {gait} X-rays of the left hip on 8-20-17 were negative for "
    "fracture. The treating physician requested an MRI of the left hip to rule out an occult "
    "fracture."
)
HIP_MRI = "MRI of the left hip"


def test_mri_for_an_occult_hip_fracture_after_negative_films() -> None:
    """ODG Hip & Pelvis, MRI: an occult acute fracture is an indication; still unable to bear
    weight after negative films is that suspicion, walking normally is not."""
    unable = HIP.format(gait="On examination she is unable to bear weight on the left leg.")
    decision, rationale = _decide(HIP_MRI, "8-20-2017", unable)
    assert decision == "overturned"
    assert "A fracture is still suspected after negative films" in rationale
    walking = HIP.format(gait="On examination she ambulates with a normal gait.")
    assert _decide(HIP_MRI, "8-20-2017", walking)[0] == "upheld"
