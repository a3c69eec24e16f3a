"""Operations themselves, with the services requested beside them, in letter-style fictional
cases (issue 12): each pair holds the outcome the guideline gives and the one it withholds.

Spine: a lumbar fusion without a fracture, dislocation, spondylolisthesis or instability, or in
the first three months (ACOEM 2004 ch. 12 p. 307); a TLIF is an operation, not an injection; an
intact examination beside a normal electrodiagnostic study is not the consistent evidence an
ACDF asks for (ch. 8 p. 180). Knee: a meniscectomy needs the tear on the study (ch. 13 pp.
344-345); a knee replacement needs a significant loss of joint space, limited motion and
function, failed care, age over 50 and a body mass index under 40 (ODG Knee joint replacement),
with prophylaxis after it (ODG Venous thrombosis). Hip: replacement likewise (BMI under 35);
no arthroscopy for advanced osteoarthritis (ODG Hip & Pelvis). Shoulder: impingement after
injections whose relief did not last (ch. 9 p. 211); SLAP repair and distal clavicle excision
(ODG Shoulder). Hand and elbow: a trigger finger whose injection relief did not last (ch. 11
p. 271); cubital tunnel and epicondylar release (ACOEM Elbow 2007); no splint after a carpal
tunnel release (ODG Carpal Tunnel Syndrome). Ankle: ligament reconstruction with its scooter
and 17 of 34 therapy visits (Postsurgical Treatment Guidelines). Hardware removal (ODG).
Services: a medical clearance is an evaluation, not a test (ODG Preoperative testing); a
post-operative antibiotic must be named.
"""

from __future__ import annotations

from _letter_case import decide_letter_items


def _decide(
    items: list[str], injured: str, text: str, sex: str = "male"
) -> dict[str, tuple[str, str | None]]:
    """item -> (decision, topic) for the items of one letter-style case."""
    return {d.item: (d.decision, d.topic) for d in decide_letter_items(items, injured, text, sex)}


FUSION = (
    "Per the PR-2 dated 10-12-16, the injured worker reported low back pain radiating to the left "
    "leg. Examination revealed decreased sensation in the left L5 dermatome and a positive "
    "straight leg raise on the left. MRI of the lumbar spine dated 7-20-16 revealed a 5 mm disc "
    "protrusion at L4-L5 with left lateral recess stenosis. {motion} Treatment to date has "
    "included physical therapy, medications and two epidural steroid injections without lasting "
    "relief. The treating physician requested an L4-L5 posterior lumbar interbody fusion."
)
FUSION_ITEMS = [
    "L4-L5 posterior lumbar interbody fusion",
    "Associated surgical service: 3 day inpatient stay",
    "Associated surgical service: LSO back brace",
]


def test_a_lumbar_fusion_needs_a_slipped_or_unstable_segment() -> None:
    slip = FUSION.format(
        motion="Flexion and extension x-rays dated 7-20-16 revealed a grade I anterolisthesis of "
        "L4 on L5 with 4 mm of translation."
    )
    got = _decide(FUSION_ITEMS, "1-5-2016@45", slip)
    assert [got[i][0] for i in FUSION_ITEMS] == ["overturned"] * 3, got
    stable = FUSION.format(
        motion="Flexion and extension x-rays dated 7-20-16 revealed no instability."
    )
    got = _decide(FUSION_ITEMS, "1-5-2016@45", stable)
    assert [got[i][0] for i in FUSION_ITEMS] == ["upheld"] * 3, got
    # the same lesion decompressed without a fusion is still an operation the chapter supports
    got = _decide(["L4-L5 laminectomy and discectomy"], "1-5-2016@45", stable)
    assert got["L4-L5 laminectomy and discectomy"][0] == "overturned"


DISC = (
    "Per the PR-2 dated 10-12-16, the injured worker reported low back pain radiating down the "
    "right leg to the lateral foot. Examination revealed a positive straight leg raise on the "
    "right at 35 degrees, decreased sensation in the right S1 dermatome, an absent right Achilles "
    "reflex and 4 out of 5 right plantar flexion strength. MRI of the lumbar spine dated 7-20-16 "
    "revealed a right paracentral disc extrusion at L5-S1 compressing the right S1 nerve root. "
    "Treatment to date has included eighteen sessions of physical therapy, medications and one "
    "epidural steroid injection without lasting relief.{history} The treating physician "
    "requested a right L5-S1 microdiscectomy."
)
MENISCUS = (
    "Per the PR-2 dated 10-12-16, the injured worker reported right knee pain with locking and "
    "catching. Physical examination of the right knee revealed medial joint line tenderness, a "
    "positive McMurray's test and flexion to 110 degrees. MRI of the right knee dated 8-4-16 "
    "revealed a horizontal tear of the posterior horn of the medial meniscus. Treatment to date "
    "has included twelve sessions of physical therapy, a home exercise program and Naproxen, "
    "without improvement.{history} The treating physician requested a right knee arthroscopy "
    "with partial medial meniscectomy."
)
CLEARANCE = "Associated surgical service: Pre-operative medical clearance"


def test_a_medical_clearance_is_an_evaluation_for_the_patient_or_the_operation() -> None:
    # a hospital stay follows a discectomy: the evaluation is for the operation
    disc = "Right L5-S1 microdiscectomy"
    got = _decide([disc, CLEARANCE], "1-5-2016@39", DISC.format(history=""))
    assert got[disc][0] == "overturned"
    assert got[CLEARANCE] == ("overturned", "odg.preoperative-clearance")
    # an outpatient arthroscopy in a healthy 41-year-old: nothing for another physician to assess
    knee = "Right knee arthroscopy with partial medial meniscectomy"
    got = _decide([knee, CLEARANCE], "3-1-2016@41", MENISCUS.format(history=""))
    assert got[knee][0] == "overturned"
    assert got[CLEARANCE] == ("upheld", "odg.preoperative-clearance")
    # the same arthroscopy in a patient with diabetes and hypertension
    sick = MENISCUS.format(history=" Past medical history includes diabetes and hypertension.")
    got = _decide([knee, CLEARANCE], "3-1-2016@41", sick)
    assert got[CLEARANCE] == ("overturned", "odg.preoperative-clearance")


def test_a_pre_operative_test_beside_another_body_part_names_the_operation_freely() -> None:
    knee = "Right knee arthroscopy with partial medial meniscectomy"
    chest = "Associated surgical service: Pre-operative chest x-ray"
    (surgery, xray) = decide_letter_items([knee, chest], "3-1-2016@41", MENISCUS.format(history=""))
    assert surgery.decision == "overturned"
    assert xray.decision == "upheld", xray.rationale
    assert "knee" in xray.rationale
    assert not any(n.kind == "fact_check" for n in xray.notes), xray.notes


KNEE_OA = (
    "Per the PR-2 dated 10-12-16, the injured worker reported right knee pain that wakes her at "
    "night and limits her walking to one block. Examination revealed a varus deformity, crepitus "
    "and range of motion from 5 to 95 degrees of the right knee. Her body mass index is {bmi}. "
    "Standing x-rays of the right knee dated 9-1-16 revealed bone-on-bone medial joint space "
    "narrowing with osteophytes. Treatment to date has included physical therapy, a home exercise "
    "program, Meloxicam and three corticosteroid injections, without lasting relief. The "
    "treating physician requested a right total knee arthroplasty with a three day inpatient stay."
)
TKA = "Right total knee arthroplasty"
TKA_SERVICES = [
    "Associated surgical service: 3 day inpatient stay",
    "Associated surgical service: Pre-operative medical clearance",
    "Associated surgical service: Lovenox 40mg #14",
    "Associated surgical service: Front wheeled walker",
]


def test_a_knee_replacement_reads_the_standing_film_the_range_and_the_walking_limit() -> None:
    """ODG Knee & Leg, Knee joint replacement: osteoarthritis on a standing film (a lost joint
    space, 'bone-on-bone'), limited motion and function, failed care, over 50, BMI under 40."""
    got = _decide([TKA, *TKA_SERVICES], "3-1-2015@64", KNEE_OA.format(bmi=31), sex="female")
    assert got[TKA][0] == "overturned", got
    for service in TKA_SERVICES:
        assert got[service][0] == "overturned", (service, got[service])
    # prophylaxis after a knee replacement is for major joint surgery (ODG, Venous thrombosis)
    assert got["Associated surgical service: Lovenox 40mg #14"][1] == "odg.venous-thrombosis"
    got = _decide([TKA, *TKA_SERVICES], "3-1-2015@64", KNEE_OA.format(bmi=44), sex="female")
    assert [got[i][0] for i in (TKA, *TKA_SERVICES)] == ["upheld"] * 5, got
    # and the same patient at 46
    got = _decide([TKA], "3-1-2015@46", KNEE_OA.format(bmi=31), sex="female")
    assert got[TKA][0] == "upheld"


def test_a_knee_replacement_without_a_body_mass_index_is_not_established() -> None:
    """ODG's objective criteria include a body mass index under its limit; UR denied for want
    of one, and the records still give none."""
    text = KNEE_OA.format(bmi=31).replace(" Her body mass index is 31.", "") + (
        " The UR decision dated 11-3-16 non-certified the request, noting that the body mass "
        "index was not documented."
    )
    d = decide_letter_items([TKA], "3-1-2015@64", text, "female")[0]
    assert d.decision == "upheld", d.rationale
    assert "body mass index under 40" in d.rationale


def test_a_knee_replacement_needs_a_significant_loss_of_joint_space() -> None:
    """ODG Knee joint replacement: osteoarthritis on a standing film with a significant loss of
    the joint space in a compartment; mild narrowing is not that."""
    mild = KNEE_OA.format(bmi=31).replace(
        "bone-on-bone medial joint space narrowing with osteophytes",
        "mild medial joint space narrowing with small osteophytes",
    )
    d = decide_letter_items([TKA], "3-1-2015@64", mild, "female")[0]
    assert d.decision == "upheld", d.rationale
    marked = KNEE_OA.format(bmi=31).replace(
        "bone-on-bone medial joint space narrowing with osteophytes",
        "significant loss of the medial joint space with osteophytes",
    )
    assert _decide([TKA], "3-1-2015@64", marked, "female")[TKA][0] == "overturned"


def test_prophylaxis_after_an_arthroscopy_needs_a_risk_of_its_own() -> None:
    knee = "Right knee arthroscopy with partial medial meniscectomy"
    lovenox = "Associated surgical service: Lovenox 40mg #14"
    got = _decide([knee, lovenox], "3-1-2016@41", MENISCUS.format(history=""))
    assert got[knee][0] == "overturned"
    assert got[lovenox] == ("upheld", "odg.venous-thrombosis")


HIP_OA = (
    "Per the PR-2 dated 10-12-16, the injured worker reported left groin pain with walking and at "
    "night. Examination revealed internal rotation of the left hip limited to 5 degrees and "
    "flexion to 90 degrees, with an antalgic gait. His BMI is {bmi}. X-rays of the left hip dated "
    "8-1-16 revealed severe joint space narrowing with osteophytes consistent with advanced "
    "osteoarthritis. Treatment to date has included physical therapy, Meloxicam, a cane and an "
    "intra-articular hip injection without lasting relief. The treating physician requested a "
    "left total hip arthroplasty."
)


def test_a_hip_replacement_keeps_to_the_body_mass_index_limit() -> None:
    tha = "Left total hip arthroplasty"
    assert _decide([tha], "3-1-2015@63", HIP_OA.format(bmi=29))[tha][0] == "overturned"
    assert _decide([tha], "3-1-2015@63", HIP_OA.format(bmi=37))[tha][0] == "upheld"
    # groin pain and painful rotation with a film that shows only mild narrowing
    mild = HIP_OA.format(bmi=29).replace(
        "severe joint space narrowing with osteophytes consistent with advanced osteoarthritis",
        "mild joint space narrowing",
    )
    assert _decide([tha], "3-1-2015@63", mild)[tha][0] == "upheld"


IMPINGEMENT = (
    "Per the PR-2 dated 10-12-16, the injured worker reported right shoulder pain with overhead "
    "reaching for more than eight months. Examination of the right shoulder revealed a positive "
    "Neer sign, a positive Hawkins sign, abduction to 140 degrees and 4 out of 5 strength with "
    "external rotation. MRI of the right shoulder dated 6-2-16 revealed supraspinatus tendinosis "
    "with a type II acromion and subacromial bursitis. Treatment to date has included eighteen "
    "sessions of physical therapy, Naproxen and {injections}. The treating physician requested "
    "a right shoulder arthroscopy with subacromial decompression."
)
SAD = "Right shoulder arthroscopy with subacromial decompression"
SAD_SERVICES = [
    "Associated surgical service: Post-operative physical therapy x 12",
    "Associated surgical service: Shoulder sling",
]


def test_impingement_after_injections_whose_relief_did_not_last_is_decompressed() -> None:
    """ACOEM 2004 ch. 9 p. 211: three to six months of care, injections included."""
    done = "two subacromial corticosteroid injections, which gave only temporary relief"
    got = _decide([SAD, *SAD_SERVICES], "1-5-2016@47", IMPINGEMENT.format(injections=done))
    assert [got[i][0] for i in (SAD, *SAD_SERVICES)] == ["overturned"] * 3, got
    none = "no injection, as he declined one"
    got = _decide([SAD, *SAD_SERVICES], "1-5-2016@47", IMPINGEMENT.format(injections=none))
    assert [got[i][0] for i in (SAD, *SAD_SERVICES)] == ["upheld"] * 3, got


SLAP = (
    "Per the PR-2 dated 10-12-16, the injured worker reported deep right shoulder pain with "
    "clicking when throwing. Examination revealed {exam} of the right shoulder. MR arthrogram of "
    "the right shoulder dated 6-1-16 revealed a type II SLAP tear. Treatment to date has included "
    "twelve sessions of physical therapy and anti-inflammatory medication over four months "
    "without improvement. The treating physician requested a right shoulder arthroscopic SLAP "
    "repair."
)


def test_a_slap_repair_needs_the_labral_signs_beside_the_imaged_tear() -> None:
    """ODG Shoulder, Surgery for SLAP lesions (ACOEM 2004 ch. 9 p. 209: a lesion that clinical
    and imaging evidence agree on)."""
    slap = "Right shoulder arthroscopic SLAP repair"
    signs = "a positive O'Brien's test and a positive crank test"
    assert _decide([slap], "2-1-2016@29", SLAP.format(exam=signs))[slap][0] == "overturned"
    quiet = "full range of motion, 5 out of 5 strength and a negative O'Brien's test"
    assert _decide([slap], "2-1-2016@29", SLAP.format(exam=quiet))[slap][0] == "upheld"
    # the same signs two months after the injury: three months of care come first
    assert _decide([slap], "8-20-2016@29", SLAP.format(exam=signs))[slap][0] == "upheld"


CLAVICLE = (
    "Per the PR-2 dated 10-12-16, the injured worker reported pain over the top of the left "
    "shoulder with reaching across the body. Examination revealed {exam}. MRI of the left "
    "shoulder dated 6-10-16 revealed severe acromioclavicular joint arthrosis with edema of the "
    "distal clavicle. Treatment to date has included physical therapy and anti-inflammatory "
    "medication for four months without improvement. The treating physician requested a left "
    "shoulder arthroscopic distal clavicle excision."
)


def test_a_distal_clavicle_excision_needs_a_tender_arthritic_joint_after_care() -> None:
    """ODG Shoulder, Partial claviculectomy (Mumford procedure)."""
    dce = "Left shoulder arthroscopic distal clavicle excision"
    tender = (
        "tenderness over the acromioclavicular joint and a positive cross-body adduction test"
    )
    assert _decide([dce], "2-1-2016@52", CLAVICLE.format(exam=tender))[dce][0] == "overturned"
    quiet = "full range of motion of the left shoulder without focal tenderness"
    assert _decide([dce], "2-1-2016@52", CLAVICLE.format(exam=quiet))[dce][0] == "upheld"


TRIGGER = (
    "Per the PR-2 dated 10-12-16, the injured worker reported painful locking of the left middle "
    "finger. Examination revealed triggering of the left middle finger with a tender nodule over "
    "the A1 pulley. {care} The treating physician requested a left middle finger trigger finger "
    "release."
)


def test_a_trigger_finger_that_returned_after_an_injection_is_released() -> None:
    """ACOEM 2004 ch. 11 p. 271: a release after one or two injections into the sheath."""
    release = "Left middle finger trigger finger release"
    back = (
        "She received one corticosteroid injection into the flexor tendon sheath on 6-1-16 with "
        "relief for two weeks, after which the triggering returned."
    )
    got = _decide([release], "3-1-2016@55", TRIGGER.format(care=back), sex="female")
    assert got[release][0] == "overturned"
    gone = (
        "She received one corticosteroid injection into the flexor tendon sheath on 6-1-16, "
        "which resolved the triggering."
    )
    got = _decide([release], "3-1-2016@55", TRIGGER.format(care=gone), sex="female")
    assert got[release][0] == "upheld"


CHONDRAL = (
    "Per the PR-2 dated 10-12-16, the injured worker reported left knee pain and swelling with "
    "activity. Examination revealed a moderate effusion of the left knee, patellofemoral crepitus "
    "and flexion limited to 100 degrees. MRI of the left knee dated 7-22-16 revealed a focal "
    "grade III chondral defect of the medial femoral condyle. Treatment to date has included "
    "physical therapy, Ibuprofen and activity modification {outcome}. The treating physician "
    "requested a left knee arthroscopic chondroplasty."
)


def test_a_chondroplasty_after_care_that_gave_no_relief() -> None:
    """ACOEM 2004 ch. 13 pp. 344-345: findings beyond pain and an imaged lesion after a month of
    failed care ('activity modification without relief' is that failure)."""
    op = "Left knee arthroscopic chondroplasty"
    got = _decide([op], "3-1-2016@44", CHONDRAL.format(outcome="without relief"), "female")
    assert got[op][0] == "overturned"
    got = _decide([op], "3-1-2016@44", CHONDRAL.format(outcome="with steady improvement"), "female")
    assert got[op][0] == "upheld"


ULNAR = (
    "Per the PR-2 dated 10-12-16, the injured worker reported numbness of the left ring and small "
    "fingers. Examination revealed a positive Tinel's sign at the left cubital tunnel, a positive "
    "elbow flexion test and decreased sensation in the ulnar nerve distribution. EMG/NCS dated "
    "7-12-16 revealed {edx}. The symptoms have persisted despite more than four months of an "
    "elbow pad, night splinting and activity modification. The treating physician requested a "
    "left cubital tunnel release."
)


def test_a_cubital_tunnel_release_after_months_of_padding_and_splinting() -> None:
    """ACOEM Elbow Disorders (2007): entrapment confirmed by examination and electrodiagnosis,
    persisting through months of conservative care."""
    op = "Left cubital tunnel release"
    slow = "left ulnar neuropathy at the elbow with slowing across the elbow"
    assert _decide([op], "1-4-2016@49", ULNAR.format(edx=slow))[op][0] == "overturned"
    normal = "normal ulnar nerve conduction across the left elbow"
    assert _decide([op], "1-4-2016@49", ULNAR.format(edx=normal))[op][0] == "upheld"


ELBOW = (
    "Per the PR-2 dated 10-12-16, the injured worker reported right lateral elbow pain with "
    "gripping for over a year. Examination revealed {exam}. Treatment to date has included "
    "physical therapy, a counterforce brace, Naproxen and three corticosteroid injections, "
    "without lasting relief. The treating physician requested a right lateral epicondylar "
    "release."
)


def test_an_epicondylar_release_reads_the_diagnosis_from_the_examination() -> None:
    """ACOEM Elbow Disorders (2007): six months and more of varied care for epicondylalgia,
    which tenderness at the epicondyle with pain on resisted wrist extension diagnoses."""
    op = "Right lateral epicondylar release"
    exam = (
        "tenderness over the right lateral epicondyle and pain with resisted wrist extension"
    )
    assert _decide([op], "6-1-2015@51", ELBOW.format(exam=exam))[op][0] == "overturned"
    assert _decide([op], "8-20-2016@51", ELBOW.format(exam=exam))[op][0] == "upheld"


ANKLE = (
    "Per the PR-2 dated 10-12-16, the injured worker reported recurrent giving way of the right "
    "ankle on uneven ground since an inversion injury. Examination revealed {exam} of the right "
    "ankle. Stress x-rays dated 8-1-16 revealed 16 degrees of lateral talar tilt. MRI of the "
    "right ankle dated 8-1-16 revealed a complete tear of the anterior talofibular ligament. "
    "Treatment to date has included sixteen sessions of physical therapy and an ankle brace over "
    "five months, {outcome}. The treating physician requested a right ankle lateral ligament "
    "reconstruction (Brostrom)."
)
BROSTROM = "Right ankle lateral ligament reconstruction (Brostrom)"
ANKLE_SERVICES = [
    "Associated surgical service: Knee scooter",
    "Associated surgical service: Post-operative physical therapy x 17",
]


def test_an_ankle_ligament_reconstruction_with_its_scooter_and_therapy() -> None:
    """ACOEM 2004 ch. 14 pp. 374-375 (instability after a month of failed care, the lesion
    imaged); the Postsurgical Treatment Guidelines give 34 visits after an ankle ligament
    reconstruction, so 17 are the initial course; a knee scooter is for the foot or ankle."""
    signs = "a positive anterior drawer test and a positive talar tilt test"
    failed = ANKLE.format(exam=signs, outcome="without improvement")
    got = _decide([BROSTROM, *ANKLE_SERVICES, "Post-operative physical therapy x 24"],
                  "3-1-2016@36", failed)
    assert got[BROSTROM][0] == "overturned"
    assert got[ANKLE_SERVICES[0]] == ("overturned", "odg.postoperative-equipment")
    assert got[ANKLE_SERVICES[1]][0] == "overturned"
    assert got["Post-operative physical therapy x 24"][0] == "upheld"
    better = ANKLE.format(exam=signs, outcome="and he now walks on uneven ground without pain")
    got = _decide([BROSTROM, *ANKLE_SERVICES], "3-1-2016@36", better)
    assert [got[i][0] for i in (BROSTROM, *ANKLE_SERVICES)] == ["upheld"] * 3, got


HIP_LABRUM = (
    "Per the PR-2 dated 10-12-16, the injured worker reported right groin pain with clicking and "
    "catching. Examination revealed a positive FADIR impingement test and painful internal "
    "rotation of the right hip. MR arthrogram of the right hip dated 7-1-16 revealed {mra}. "
    "Treatment to date has included twelve sessions of physical therapy, anti-inflammatory "
    "medication and an intra-articular injection without lasting relief. The treating physician "
    "requested a right hip arthroscopy with labral repair."
)


def test_a_hip_arthroscopy_is_not_for_a_hip_with_advanced_osteoarthritis() -> None:
    """ODG Hip & Pelvis, Arthroscopy / Femoroacetabular impingement surgery; the labral tear of
    an MR arthrogram of the hip is the hip's, not the shoulder's."""
    op = "Right hip arthroscopy with labral repair"
    tear = "an anterior superior labral tear with cam-type femoroacetabular impingement"
    assert _decide([op], "2-1-2016@34", HIP_LABRUM.format(mra=tear), "female")[op][0] == (
        "overturned"
    )
    worn = "a degenerative labral tear with advanced osteoarthritis and joint space narrowing"
    d = decide_letter_items([op], "2-1-2016@59", HIP_LABRUM.format(mra=worn), "female")[0]
    assert d.decision == "upheld", d.rationale
    assert "advanced osteoarthritis" in d.rationale


MENISCUS_MRI = (
    "Per the PR-2 dated 10-12-16, the injured worker reported right knee pain with locking and "
    "catching. Physical examination of the right knee revealed medial joint line tenderness, a "
    "positive McMurray's test and flexion to 110 degrees. MRI of the right knee dated 8-4-16 "
    "revealed {mri}. Treatment to date has included twelve sessions of physical therapy, a home "
    "exercise program and Naproxen, without improvement. The treating physician requested a "
    "right knee arthroscopy with partial medial meniscectomy."
)


def test_a_meniscectomy_needs_the_tear_on_the_study() -> None:
    """ACOEM 2004 ch. 13 pp. 344-345: symptoms and signs, and an MRI consistent with the tear."""
    op = "Right knee arthroscopy with partial medial meniscectomy"
    tear = "a horizontal tear of the posterior horn of the medial meniscus"
    assert _decide([op], "3-1-2016@41", MENISCUS_MRI.format(mri=tear))[op][0] == "overturned"
    maybe = "intrasubstance degeneration of the medial meniscus; a tear cannot be excluded"
    d = decide_letter_items([op], "3-1-2016@41", MENISCUS_MRI.format(mri=maybe))[0]
    assert d.decision == "upheld", d.rationale
    assert "no record documents a meniscal tear" in d.rationale


def test_after_a_carpal_tunnel_release_a_cold_unit_for_a_week_but_no_splint() -> None:
    """ODG Carpal Tunnel Syndrome: continuous cold therapy for up to seven days after the
    release; splinting after it is not recommended."""
    text = (
        "Per the PR-2 dated 10-12-16, the injured worker reported numbness and tingling of the "
        "right thumb, index and middle fingers that wakes her at night. Examination revealed a "
        "positive Tinel's sign and a positive Phalen's test at the right wrist with decreased "
        "sensation in the median nerve distribution. EMG/NCS dated 8-3-16 revealed moderate "
        "right carpal tunnel syndrome. Treatment to date has included night splinting, Naproxen "
        "and a carpal tunnel corticosteroid injection, without lasting relief. The treating "
        "physician requested a right carpal tunnel release."
    )
    items = [
        "Right carpal tunnel release",
        "Associated surgical service: Cold therapy unit x 7 days",
        "Associated surgical service: Post-operative wrist splint",
        "Associated surgical service: Post-operative occupational therapy x 4",
    ]
    got = _decide(items, "1-4-2016@44", text, "female")
    assert [got[i][0] for i in items] == ["overturned", "overturned", "upheld", "overturned"], got
    assert got[items[2]][1] == "odg.postoperative-equipment"


PLATE = (
    "Per the PR-2 dated 10-12-16, the injured worker reported lateral right ankle pain over the "
    "plate. He is status post open reduction and internal fixation of a right distal fibula "
    "fracture on 1-20-16. X-rays of the right ankle dated 9-1-16 revealed {xray}. The treating "
    "physician requested removal of hardware of the right ankle."
)


def test_hardware_comes_out_for_pain_at_it_once_the_fracture_has_healed() -> None:
    """ODG (Ankle & Foot), Hardware implant removal: not routinely; for broken hardware, or
    persistent pain once nonunion and infection are ruled out."""
    op = "Removal of hardware, right ankle"
    healed = "a healed fracture with intact hardware"
    got = _decide([op], "1-15-2016@37", PLATE.format(xray=healed))
    assert got[op] == ("overturned", "odg.hardware-removal")
    early = "a fracture line still visible with intact hardware"
    assert _decide([op], "1-15-2016@37", PLATE.format(xray=early))[op] == (
        "upheld", "odg.hardware-removal"
    )
    broken = "a broken distal screw"
    assert _decide([op], "1-15-2016@37", PLATE.format(xray=broken))[op][0] == "overturned"


TLIF = (
    "Per the PR-2 dated 10-12-16, the injured worker reported low back pain radiating to both legs "
    "with walking. Examination revealed decreased sensation in the bilateral L5 dermatomes and 4 "
    "out of 5 strength of the extensor hallucis longus bilaterally. Flexion and extension x-rays "
    "dated 8-2-16 revealed a grade I spondylolisthesis at L4-L5 with 4 mm of translation. MRI "
    "revealed severe central stenosis at L4-L5. Treatment to date has included physical therapy, "
    "medications and two epidural steroid injections without lasting relief. He is a current "
    "smoker. The treating physician requested an L4-L5 transforaminal lumbar interbody fusion."
)
TLIF_ITEMS = [
    "L4-L5 transforaminal lumbar interbody fusion",
    "Associated surgical service: 3 day inpatient stay",
    "Associated surgical service: Assistant surgeon",
    "Associated surgical service: Bone growth stimulator",
    "Associated surgical service: LSO back brace",
]


def test_a_transforaminal_interbody_fusion_is_an_operation_not_an_injection() -> None:
    """A TLIF is decided by ACOEM 2004 ch. 12 (p. 307: a slip with instability), its services
    with it; in the first three months of symptoms a fusion waits (p. 307)."""
    got = _decide(TLIF_ITEMS, "1-5-2016@52", TLIF)
    assert got[TLIF_ITEMS[0]] == ("overturned", "acoem2004.low-back.surgery")
    for service in TLIF_ITEMS[1:]:
        assert got[service][0] == "overturned", (service, got[service])
    early = _decide(TLIF_ITEMS[:1], "9-1-2016@52", TLIF)
    assert early[TLIF_ITEMS[0]] == ("upheld", "acoem2004.low-back.surgery")


NECK = (
    "Per the PR-2 dated 10-12-16, the injured worker reported neck pain with tingling in the "
    "right hand. Examination revealed a positive Spurling's test on the right{deficit}. MRI of the "
    "cervical spine dated 7-20-16 revealed a right foraminal disc protrusion at C5-C6. EMG/NCS "
    "dated 8-10-16 {edx}. Treatment to date has included physical therapy and medications "
    "without improvement. The treating physician requested a C5-C6 anterior cervical discectomy "
    "and fusion."
)


def test_a_cervical_fusion_needs_the_studies_to_agree_with_the_examination() -> None:
    """ACOEM 2004 ch. 8 p. 180: clinical, imaging and electrophysiologic evidence consistently
    pointing to the same lesion; a provocative sign with an intact examination and a normal
    study is not that."""
    op = "C5-C6 anterior cervical discectomy and fusion"
    intact = ", with 5 out of 5 strength, intact sensation and symmetric reflexes"
    got = _decide([op], "1-5-2016@44", NECK.format(deficit=intact, edx="was normal"))
    assert got[op][0] == "upheld"
    deficit = " and decreased sensation in the right C6 dermatome"
    positive = NECK.format(deficit=deficit, edx="revealed a right C6 radiculopathy")
    got = _decide([op], "1-5-2016@44", positive)
    assert got[op][0] == "overturned"


def test_a_post_operative_antibiotic_is_weighed_only_when_the_drug_is_named() -> None:
    """ODG (Infectious Diseases, Cephalexin) supports a named first-line drug; 'antibiotics'
    names none. The upheld conclusion no longer says that no surgery is shown."""
    release = "Right carpal tunnel release"
    named = "Associated surgical service: Post-operative Keflex 500mg #20"
    unnamed = "Associated surgical service: Post-operative antibiotics #20"
    text = (
        "Per the PR-2 dated 10-12-16, the injured worker reported numbness of the right thumb, "
        "index and middle fingers at night. Examination revealed a positive Tinel's sign and a "
        "positive Phalen's test at the right wrist. EMG/NCS dated 8-3-16 revealed moderate right "
        "carpal tunnel syndrome. Treatment to date has included night splinting and a carpal "
        "tunnel corticosteroid injection, without lasting relief. The treating physician "
        "requested a right carpal tunnel release."
    )
    got = {d.item: d for d in decide_letter_items([release, named, unnamed], "1-4-2016@44", text)}
    assert got[release].decision == "overturned"
    assert got[named].decision == "overturned", got[named].rationale
    assert got[unnamed].decision == "upheld"
    assert "not the drug" in got[unnamed].rationale
    assert "do not show a planned surgery" not in got[unnamed].rationale
