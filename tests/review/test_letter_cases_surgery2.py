"""Surgery and its associated services in letter-style fictional cases (issue 12): the cases
that exposed a fault, each with the outcome the guideline gives and the one it withholds.

Mobility aids beside a lower-limb operation (ODG Knee & Leg, Walking aids, read with the
post-operative equipment topic); a reason clause after "evaluate for" (ConText scope); the
knee's own muscles (quadriceps weakness is a deficit of the knee); ODG's three provocative
tests for a sacroiliac block (Hip & Pelvis, Sacroiliac joint blocks); an injection whose
relief did not last (ACOEM Ch. 11 p. 271, trigger finger and de Quervain's release); an EKG
before an outpatient operation (ODG Low Back, Preoperative electrocardiogram); continuous
passive motion after a knee replacement only, up to 17 days (ODG Knee & Leg, CPM); a knee
brace after a ligament reconstruction, not a meniscectomy (ODG Knee & Leg, Knee brace); a back
brace after a fusion, not a discectomy (ODG Low Back, Back brace, post operative); an abduction
pillow sling after an open rotator cuff repair, not an arthroscopic one (ODG Shoulder); no
collar after a one-level anterior cervical fusion (ODG Neck); an
antiemetic beside a surgery is for the operation (ODG Pain, Antiemetics: ondansetron around
surgery); a bone growth stimulator beside a fusion at risk of failing (ODG Low Back, Bone growth
stimulators); a post-operative opioid supply beside an operation found necessary (MTUS 2016
Opioids: limited use after surgery).
"""

from __future__ import annotations

from _letter_case import decide_letter_case

import openimr
from openimr.domain import CaseBundle
from openimr.evidence import extract_text

HEAD = (
    "The injured worker is a {age} year old male, who sustained an industrial injury on "
    "3-1-2016. "
)
UR = " On 11-3-16, utilization review non-certified the request."


def _case(items: list[str], text: str, age: int = 48) -> dict[str, tuple[str, str | None]]:
    """Decide the items of one case: item -> (decision, topic)."""
    bundle = CaseBundle.model_validate(
        {
            "format": "openimr-case/1",
            "case_number": "CM00-0000091",
            "dates": {"ur_denial": "2016-11-03", "decision": "2016-12-10"},
            "patient": {"age": age, "sex": "male"},
            "claim": {"date_of_injury": "2016-03-01"},
            "records": [{"id": "r", "date": "2016-12-10", "kind": "clinical case summary",
                         "text": HEAD.format(age=age) + text + UR}],
            "requests": [{"id": str(i), "item": it} for i, it in enumerate(items, 1)],
        }
    )
    return {d.item: (d.decision, d.topic) for d in openimr.decide(bundle).items}


MENISCUS = (
    "He twisted his right knee at work. He reported right knee pain with locking and giving "
    "way. Examination on 10-12-16 revealed medial joint line tenderness, a positive McMurray "
    "test and a small effusion of the right knee. MRI of the right knee dated 7-20-16 revealed "
    "a complex tear of the posterior horn of the medial meniscus. He completed physical therapy "
    "and a home exercise program without improvement. The plan included a right knee "
    "arthroscopic partial medial meniscectomy."
)
NO_TEAR = (
    "He reported right knee pain. Examination on 10-12-16 revealed full range of motion of the "
    "right knee, no effusion and a negative McMurray test. MRI of the right knee dated 7-20-16 "
    "revealed degenerative signal in the medial meniscus without a tear. The plan included a "
    "right knee arthroscopic partial medial meniscectomy."
)
KNEE_SURGERY = "Right knee arthroscopic partial medial meniscectomy"


def test_crutches_beside_a_knee_operation_are_for_walking_after_it() -> None:
    supported = _case([KNEE_SURGERY, "Crutches", "Front wheeled walker"], MENISCUS)
    assert supported["Crutches"] == ("overturned", "odg.postoperative-equipment")
    assert supported["Front wheeled walker"] == ("overturned", "odg.postoperative-equipment")
    unsupported = _case([KNEE_SURGERY, "Crutches"], NO_TEAR)
    assert unsupported[KNEE_SURGERY][0] == "upheld"
    assert unsupported["Crutches"] == ("upheld", "acoem2004.knee.surgery")


CUFF = (
    "He fell on his outstretched right arm at work. He reported right shoulder pain and "
    "weakness. Examination on 10-12-16 revealed 3/5 weakness of abduction and external "
    "rotation of the right shoulder, a positive drop arm test and limited active elevation to "
    "90 degrees. MRI of the right shoulder dated 9-1-16 revealed a full-thickness tear of the "
    "supraspinatus tendon with 1.5 cm retraction. The plan included a right shoulder rotator "
    "cuff repair."
)


def test_crutches_beside_a_shoulder_operation_stand_alone() -> None:
    got = _case(["Right shoulder arthroscopic rotator cuff repair", "Crutches"], CUFF)
    assert got["Right shoulder arthroscopic rotator cuff repair"][0] == "overturned"
    assert got["Crutches"] == ("upheld", "odg.mobility-aids")


def _assertions(text: str) -> dict[str, str]:
    return {f.code: f.assertion for f in extract_text(text)}


def test_a_reason_clause_ends_the_scope_of_evaluate_for() -> None:
    said = _assertions(
        "The treating physician requested an MRI of the right knee to evaluate for a meniscal "
        "tear, as he may be a candidate for arthroscopic surgery."
    )
    assert said["dx.meniscus_tear"] == "negated"  # what the study is to rule out
    assert said["surgery.planned"] == "present"
    said = _assertions(
        "The treating physician requested an MRI of the right knee to evaluate for a meniscal "
        "tear and whether he is a candidate for arthroscopic surgery."
    )  # no reason clause: what is to be evaluated
    assert said["surgery.planned"] == "negated"


QUADRICEPS = (
    "Per the progress note dated 11-1-16, he reported right knee pain. Examination of the "
    "right knee revealed {exam}. He has not had physical therapy for the knee. The plan "
    "included physical therapy for the right knee."
)


def test_quadriceps_weakness_is_a_deficit_of_the_knee() -> None:
    item = "Physical therapy 2x4 for the right knee"
    weak = decide_letter_case(item, "8-1-2016", QUADRICEPS.format(exam="quadriceps weakness"))
    assert weak.decision == "overturned", weak.rationale
    assert "quadriceps weakness" in weak.rationale
    none = decide_letter_case(item, "8-1-2016", QUADRICEPS.format(exam="no swelling"))
    assert none.decision == "upheld", none.rationale


SI_JOINT = (
    "Per the progress note dated 10-12-16, she reported right buttock pain over the sacroiliac "
    "joint without radiation. Examination revealed {exam}. She completed six weeks of physical "
    "therapy and anti-inflammatory medication without lasting relief. The plan included a "
    "right sacroiliac joint injection."
)


def test_a_sacroiliac_block_asks_for_three_positive_provocative_tests() -> None:
    item = "Right sacroiliac joint injection"
    three = SI_JOINT.format(
        exam="a positive Gaenslen test, a positive thigh thrust test and a positive Fortin "
        "finger test on the right"
    )
    d = decide_letter_case(item, "6-1-2016", three, sex="female")
    assert d.decision == "overturned", d.rationale
    tender = SI_JOINT.format(
        exam="tenderness over the right sacroiliac joint and a positive Gaenslen test"
    )
    d = decide_letter_case(item, "6-1-2016", tender, sex="female")
    assert d.decision == "upheld", d.rationale


TRIGGER = (
    "She reported catching and locking of the right ring finger. Examination on 10-12-16 "
    "revealed a palpable nodule at the A1 pulley with triggering of the right ring finger. "
    "{care} The plan included a right ring finger trigger finger release."
)


def test_a_trigger_finger_whose_injections_gave_only_temporary_relief_is_released() -> None:
    item = "Right ring finger trigger finger release"
    care = "Two corticosteroid injections into the tendon sheath gave only temporary relief."
    d = decide_letter_case(item, "3-1-2016", TRIGGER.format(care=care), sex="female")
    assert d.decision == "overturned", d.rationale
    d = decide_letter_case(
        item, "3-1-2016", TRIGGER.format(care="She has not had an injection."), sex="female"
    )
    assert d.decision == "upheld", d.rationale


DE_QUERVAIN = (
    "She reported radial-sided left wrist pain with difficulty gripping and lifting at work. "
    "Examination on 10-12-16 revealed tenderness over the first dorsal compartment and a "
    "positive Finkelstein test. {care} The plan included a left de Quervain release."
)


def test_de_quervain_after_injections_without_lasting_relief_is_released() -> None:
    item = "Left first dorsal compartment release for de Quervain's tenosynovitis"
    care = (
        "She used a thumb spica splint and had two corticosteroid injections into the first "
        "dorsal compartment without lasting relief over six months."
    )
    d = decide_letter_case(item, "3-1-2016", DE_QUERVAIN.format(care=care), sex="female")
    assert d.decision == "overturned", d.rationale
    d = decide_letter_case(
        item, "3-1-2016", DE_QUERVAIN.format(care="She has not had a splint or an injection."),
        sex="female",
    )
    assert d.decision == "upheld", d.rationale


RISK = " Past medical history: hypertension and type 2 diabetes."
STENOSIS = (
    "He reported low back pain with bilateral leg pain and numbness when walking more than one "
    "block, relieved by sitting. Examination on 10-12-16 revealed decreased sensation in the "
    "bilateral L5 dermatomes and 4/5 weakness of the extensor hallucis longus bilaterally. MRI "
    "of the lumbar spine dated 7-20-16 revealed severe central canal stenosis at L4-L5. He "
    "completed physical therapy and epidural steroid injections without lasting relief. The "
    "plan included an L4-L5 laminectomy."
)


def test_an_ekg_is_for_an_inpatient_operation_in_a_patient_at_risk() -> None:
    spine = _case(["L4-L5 laminectomy", "Pre-operative EKG"], STENOSIS + RISK)
    assert spine["L4-L5 laminectomy"][0] == "overturned"
    assert spine["Pre-operative EKG"] == ("overturned", "odg.preoperative-testing")
    # the same patient before an arthroscopy, a low-risk outpatient operation
    knee = _case([KNEE_SURGERY, "Pre-operative EKG"], MENISCUS + RISK)
    assert knee[KNEE_SURGERY][0] == "overturned"
    assert knee["Pre-operative EKG"] == ("upheld", "odg.preoperative-testing")


KNEE_OA = (
    "He reported right knee pain with walking and at night. Examination on 10-12-16 revealed "
    "decreased range of motion of the right knee with crepitus. He has difficulty walking more "
    "than one block. His body mass index is 33. Standing x-rays of the right knee dated 7-20-16 "
    "revealed bone-on-bone "
    "medial compartment osteoarthritis. He completed physical therapy, NSAIDs and "
    "corticosteroid injections without relief. The plan included a right total knee "
    "arthroplasty."
)
ACL = (
    "He injured his left knee landing from a truck step. He has recurrent giving way despite "
    "eight weeks of physical therapy and a hinged knee brace. Examination on 10-12-16 revealed "
    "a positive Lachman test and a positive pivot shift test on the left. MRI of the left knee "
    "dated 8-1-16 revealed a complete tear of the anterior cruciate ligament. The plan included "
    "a left knee ACL reconstruction."
)


def test_continuous_passive_motion_follows_a_knee_replacement_for_up_to_17_days() -> None:
    tka = "Right total knee arthroplasty"
    got = _case([tka, "CPM rental for 14 days", "Continuous passive motion x 21 days"],
                KNEE_OA, age=62)
    assert got[tka][0] == "overturned"
    assert got["CPM rental for 14 days"] == ("overturned", "odg.postoperative-equipment")
    assert got["Continuous passive motion x 21 days"][0] == "upheld"
    # after an outpatient ligament reconstruction CPM at home is not on ODG's list
    acl = "Left knee ACL reconstruction"
    got = _case([acl, "CPM rental for 14 days", "Crutches"], ACL)
    assert got[acl][0] == "overturned"
    assert got["CPM rental for 14 days"] == ("upheld", "odg.postoperative-equipment")
    assert got["Crutches"] == ("overturned", "odg.postoperative-equipment")


def test_a_knee_brace_follows_a_ligament_reconstruction_not_a_meniscectomy() -> None:
    got = _case(["Left knee ACL reconstruction", "Hinged knee brace"], ACL)
    assert got["Hinged knee brace"] == ("overturned", "odg.postoperative-equipment")
    got = _case([KNEE_SURGERY, "Hinged knee brace"], MENISCUS)
    assert got[KNEE_SURGERY][0] == "overturned"
    assert got["Hinged knee brace"] == ("upheld", "odg.postoperative-equipment")


DISC = (
    "He reported low back pain radiating down the left leg to the foot with numbness. "
    "Examination on 10-12-16 revealed a positive straight leg raise on the left at 40 degrees, "
    "decreased sensation in the left S1 dermatome, an absent left Achilles reflex and 4/5 "
    "plantar flexion weakness. MRI of the lumbar spine dated 7-20-16 revealed a left "
    "paracentral disc extrusion at L5-S1 compressing the left S1 nerve root. He completed 12 "
    "sessions of physical therapy and a left L5-S1 epidural steroid injection without lasting "
    "relief. The treatment plan included a left L5-S1 microdiscectomy."
)
SLIP = (
    "He reported low back pain and bilateral leg pain. Flexion and extension x-rays of the "
    "lumbar spine dated 8-2-16 revealed a grade II spondylolisthesis at L4-L5 with 5 mm of "
    "translation on flexion, consistent with instability. MRI revealed severe central and "
    "foraminal stenosis at L4-L5. Examination on 10-12-16 revealed decreased sensation in the "
    "bilateral L5 dermatomes and 4/5 extensor hallucis longus weakness bilaterally. He failed "
    "physical therapy, medications and epidural steroid injections. The plan included an "
    "L4-L5 fusion."
)


def test_a_back_brace_follows_a_fusion_not_a_discectomy() -> None:
    fusion = "L4-L5 posterior lumbar interbody fusion"
    got = _case([fusion, "LSO back brace"], SLIP)
    assert got[fusion][0] == "overturned"
    assert got["LSO back brace"] == ("overturned", "odg.postoperative-equipment")
    disc = "L5-S1 microdiscectomy"
    got = _case([disc, "LSO back brace"], DISC)
    assert got[disc][0] == "overturned"
    assert got["LSO back brace"] == ("upheld", "odg.postoperative-equipment")


def test_an_antiemetic_beside_a_surgery_goes_with_the_operation() -> None:
    disc = "L5-S1 microdiscectomy"
    got = _case([disc, "Zofran 4mg #10"], DISC)
    assert got[disc][0] == "overturned"
    assert got["Zofran 4mg #10"] == ("overturned", "cpmtg2016.antiemetics")
    no_lesion = (
        "He reported low back pain without radiation. Examination on 10-12-16 revealed lumbar "
        "tenderness and a negative straight leg raise bilaterally; sensation, strength and "
        "reflexes were intact. The treatment plan included an L5-S1 microdiscectomy."
    )
    got = _case([disc, "Zofran 4mg #10"], no_lesion)
    assert got[disc][0] == "upheld"
    assert got["Zofran 4mg #10"] == ("upheld", "acoem2004.low-back.surgery")


def test_a_post_operative_opioid_supply_follows_the_operation() -> None:
    disc = "L5-S1 microdiscectomy"
    norco = "Post-operative Norco 10/325mg #60"
    got = _case([disc, norco, "Norco 10/325mg #60"], DISC)
    assert got[disc][0] == "overturned"
    assert got[norco] == ("overturned", "opioids2016.opioids")
    # the same drug not tied to the operation, absent from the treating records
    assert got["Norco 10/325mg #60"] == ("upheld", "opioids2016.opioids")


def test_an_abduction_sling_follows_an_open_cuff_repair_not_an_arthroscopic_one() -> None:
    got = _case(["Right shoulder open rotator cuff repair", "Ultrasling"], CUFF)
    assert got["Right shoulder open rotator cuff repair"][0] == "overturned"
    assert got["Ultrasling"] == ("overturned", "odg.postoperative-equipment")
    arthroscopic = "Right shoulder arthroscopic rotator cuff repair"
    got = _case([arthroscopic, "Ultrasling", "Shoulder sling"], CUFF)
    assert got[arthroscopic][0] == "overturned"
    assert got["Ultrasling"] == ("upheld", "odg.postoperative-equipment")
    assert got["Shoulder sling"] == ("overturned", "odg.postoperative-equipment")


def test_a_bone_growth_stimulator_goes_with_a_fusion_at_risk_of_failing() -> None:
    fusion = "L4-L5 posterior lumbar interbody fusion"
    got = _case([fusion, "Bone growth stimulator"], SLIP + " He is a current smoker.")
    assert got[fusion][0] == "overturned"
    assert got["Bone growth stimulator"] == ("overturned", "odg.bone-growth-stimulator")
    got = _case([fusion, "Bone growth stimulator"], SLIP + " He does not smoke.")
    assert got["Bone growth stimulator"] == ("upheld", "odg.bone-growth-stimulator")


RADICULOPATHY = (
    "He reported neck pain radiating into the right arm to the thumb. Examination on 10-12-16 "
    "revealed decreased sensation in the right C6 dermatome, 4/5 right wrist extension weakness "
    "and a diminished right brachioradialis reflex. MRI of the cervical spine dated 7-20-16 "
    "revealed a right foraminal disc herniation at {levels} compressing the right C6 nerve "
    "root. EMG dated 8-10-16 revealed a right C6 radiculopathy. He failed physical therapy and "
    "a cervical epidural steroid injection. The plan included an ACDF."
)


def test_a_collar_does_not_follow_a_one_level_anterior_cervical_fusion() -> None:
    one = "C5-C6 anterior cervical discectomy and fusion"
    got = _case([one, "Cervical collar"], RADICULOPATHY.format(levels="C5-C6"))
    assert got[one][0] == "overturned"
    assert got["Cervical collar"] == ("upheld", "odg.postoperative-equipment")
    two = "C4-C6 anterior cervical discectomy and fusion"
    got = _case([two, "Cervical collar"], RADICULOPATHY.format(levels="C4-C5 and C5-C6"))
    assert got[two][0] == "overturned"
    assert got["Cervical collar"] == ("overturned", "odg.postoperative-equipment")
