"""Procedures, injections, equipment and associated surgical services, each written the way a
Final Determination Letter's clinical case summary reports a case (third person, dates like
10-20-16, treatment to date in one sentence), with its counterpart that lacks what the guideline
asks for. Fictional. The supported case is overturned and the counterpart upheld; where several
items are disputed, the last one is decided (an associated service follows its surgery)."""

from __future__ import annotations

from typing import NamedTuple

import pytest

import openimr
from openimr.domain import CaseBundle, ItemDecision

HEAD = "The injured worker is a {age} year old female, who sustained an industrial injury on {on}. "
UR = " On 11-3-16, utilization review non-certified the request."


class Pair(NamedTuple):
    items: str | list[str]
    injured: str  # m-d-yyyy, with "@age" when the age matters (default 45)
    supported: str
    unsupported: str


def _decide(items: str | list[str], injured: str, text: str) -> ItemDecision:
    on, _, years = injured.partition("@")
    age = int(years or 45)
    m, d, y = on.split("-")
    wanted = [items] if isinstance(items, str) else items
    bundle = CaseBundle.model_validate(
        {
            "format": "openimr-case/1",
            "case_number": "CM00-procedure",
            "dates": {"ur_denial": "2016-11-03", "decision": "2016-12-10"},
            "patient": {"age": age, "sex": "female"},
            "claim": {"date_of_injury": f"{y}-{int(m):02d}-{int(d):02d}"},
            "records": [
                {
                    "id": "clinical-case-summary",
                    "date": "2016-12-10",
                    "kind": "clinical case summary (from the Final Determination Letter)",
                    "text": HEAD.format(age=age, on=on) + text + UR,
                }
            ],
            "requests": [{"id": str(i + 1), "item": it} for i, it in enumerate(wanted)],
        }
    )
    return openimr.decide(bundle).items[-1]


CASES = [
    # lumbar microdiscectomy: ACOEM 2004 ch12 pp. 305-306
    Pair(
        "Left L5-S1 microdiscectomy",
        "2-1-2016",
        "The diagnoses have included lumbar disc herniation with left S1 radiculopathy. Treatment "
        "to date has included physical therapy, medications, and an epidural steroid injection "
        "without lasting relief. Per the progress report dated 10-20-16, the injured worker "
        "complained of severe low back pain radiating down the left leg to the foot, and was "
        "unable to work. Examination revealed decreased sensation in the left S1 dermatome, an "
        "absent left Achilles reflex, weakness of left plantar flexion rated 4 out of 5, and a "
        "positive straight leg raise on the left. MRI of the lumbar spine dated 5-10-16 revealed a"
        " left paracentral L5-S1 disc extrusion compressing the traversing left S1 nerve root. The"
        " treatment plan included left L5-S1 microdiscectomy.",
        "The diagnoses have included lumbar strain. Treatment to date has included physical "
        "therapy and medications. Per the progress report dated 10-20-16, the injured worker "
        "complained of low back pain rated 6 out of 10 without radiation. Examination revealed "
        "lumbar paraspinal tenderness. Sensation, strength and reflexes were intact and straight "
        "leg raise was negative. MRI of the lumbar spine dated 5-10-16 revealed a 2 mm L5-S1 disc "
        "bulge without stenosis or nerve root impingement. The treatment plan included L5-S1 "
        "microdiscectomy.",
    ),
    # lumbar fusion: ACOEM 2004 ch12 p. 307
    Pair(
        "L4-5 posterior lumbar interbody fusion",
        "2-1-2015",
        "The diagnoses have included L4-5 spondylolisthesis with instability and lumbar "
        "radiculopathy. Treatment to date has included physical therapy, medications, and epidural"
        " steroid injections without lasting relief. Per the progress report dated 10-20-16, the "
        "injured worker complained of low back pain radiating to both legs. Examination revealed "
        "decreased sensation in the bilateral L5 dermatomes and weakness of the left extensor "
        "hallucis longus. Flexion and extension x-rays of the lumbar spine dated 9-1-16 revealed "
        "grade II spondylolisthesis at L4-5 with 5 mm of translation between flexion and "
        "extension. MRI of the lumbar spine dated 6-1-16 revealed severe central canal stenosis at"
        " L4-5. The treatment plan included L4-5 posterior lumbar interbody fusion.",
        "The diagnoses have included lumbar degenerative disc disease. Treatment to date has "
        "included physical therapy and medications. Per the progress report dated 10-20-16, the "
        "injured worker complained of axial low back pain. Examination revealed lumbar tenderness "
        "with intact sensation, strength and reflexes. Flexion and extension x-rays of the lumbar "
        "spine dated 9-1-16 revealed no instability. MRI of the lumbar spine dated 6-1-16 revealed"
        " L4-5 disc desiccation without stenosis. The treatment plan included L4-5 posterior "
        "lumbar interbody fusion.",
    ),
    # ACDF: ACOEM 2004 ch8 p. 180
    Pair(
        "Anterior cervical discectomy and fusion at C5-6",
        "2-1-2016",
        "The diagnoses have included cervical disc herniation with right C6 radiculopathy. "
        "Treatment to date has included physical therapy, medications, and a cervical epidural "
        "steroid injection without lasting relief. Per the progress report dated 10-20-16, the "
        "injured worker complained of neck pain radiating to the right arm and thumb with "
        "numbness. Examination revealed decreased sensation in the right C6 dermatome, weakness of"
        " the right biceps and wrist extensors rated 4 out of 5, a diminished right "
        "brachioradialis reflex and a positive Spurling's test on the right. MRI of the cervical "
        "spine dated 6-1-16 revealed a right C5-6 disc herniation compressing the exiting right C6"
        " nerve root. Electromyography dated 8-1-16 revealed a right C6 radiculopathy. The "
        "treatment plan included anterior cervical discectomy and fusion at C5-6.",
        "The diagnoses have included cervical strain. Treatment to date has included physical "
        "therapy and medications. Per the progress report dated 10-20-16, the injured worker "
        "complained of neck pain without radiation. Examination revealed cervical paraspinal "
        "tenderness. Neurological examination of the upper extremities was intact. MRI of the "
        "cervical spine dated 6-1-16 revealed mild multilevel degenerative disc disease without "
        "nerve root compromise. The treatment plan included anterior cervical discectomy and "
        "fusion at C5-6.",
    ),
    # shoulder arthroscopy SAD: ACOEM 2004 ch9 pp. 209-211
    Pair(
        "Right shoulder arthroscopy with subacromial decompression",
        "9-1-2015",
        "The diagnoses have included right shoulder impingement syndrome. Treatment to date has "
        "included physical therapy for six months, two subacromial corticosteroid injections and "
        "medications. Symptoms persisted despite physical therapy and the injections. Per the "
        "progress report dated 10-20-16, the injured worker complained of right shoulder pain with"
        " overhead activity and at night. Examination revealed a painful arc and positive Neer and"
        " Hawkins impingement signs on the right. MRI of the right shoulder dated 7-1-16 revealed "
        "a type II acromion with supraspinatus tendinosis and subacromial bursitis. The treatment "
        "plan included right shoulder arthroscopy with subacromial decompression.",
        "The diagnoses have included right shoulder strain. Per the progress report dated "
        "10-20-16, the injured worker complained of right shoulder pain that began two weeks "
        "earlier. Treatment to date has included medications. Examination revealed mild tenderness"
        " of the right shoulder with full range of motion. The treatment plan included right "
        "shoulder arthroscopy with subacromial decompression.",
    ),
    # rotator cuff repair: ACOEM 2004 ch9 pp. 209-211
    Pair(
        "Right shoulder arthroscopic rotator cuff repair",
        "6-1-2016",
        "The diagnoses have included right shoulder full thickness rotator cuff tear. Treatment to"
        " date has included physical therapy, a subacromial corticosteroid injection and "
        "medications. Per the progress report dated 10-20-16, the injured worker complained of "
        "right shoulder pain and weakness with overhead activities. Examination revealed weakness "
        "of the right supraspinatus rated 3 out of 5, a positive drop arm test and positive "
        "impingement signs. MRI of the right shoulder dated 8-1-16 revealed a full thickness tear "
        "of the supraspinatus tendon with 1.5 cm of retraction. The treatment plan included right "
        "shoulder arthroscopic rotator cuff repair.",
        "The diagnoses have included right shoulder pain. Per the progress report dated 10-20-16, "
        "the injured worker complained of right shoulder pain. Examination revealed full strength "
        "of the rotator cuff and full range of motion. MRI of the right shoulder dated 8-1-16 "
        "revealed mild supraspinatus tendinosis without a tear. The treatment plan included right "
        "shoulder arthroscopic rotator cuff repair.",
    ),
    # carpal tunnel release: ACOEM 2004 ch11 p. 270
    Pair(
        "Right carpal tunnel release",
        "3-1-2016",
        "The diagnoses have included right carpal tunnel syndrome. Treatment to date has included "
        "night splinting, medications and a corticosteroid injection into the right carpal tunnel "
        "with temporary relief. Per the progress report dated 10-20-16, the injured worker "
        "complained of numbness and tingling in the right thumb, index and middle fingers that "
        "woke her at night. Examination revealed a positive Tinel's sign and a positive Phalen's "
        "test at the right wrist with decreased sensation in the median nerve distribution. Nerve "
        "conduction studies dated 8-1-16 revealed moderate right carpal tunnel syndrome. The "
        "treatment plan included right carpal tunnel release.",
        "The diagnoses have included right wrist pain. Treatment to date has included medications."
        " Per the progress report dated 10-20-16, the injured worker complained of right wrist "
        "pain with occasional tingling of the hand. Examination revealed tenderness of the right "
        "wrist; Tinel's sign and Phalen's test were negative. No electrodiagnostic studies were "
        "documented. The treatment plan included right carpal tunnel release.",
    ),
    # trigger finger release: ACOEM 2004 ch11 p. 271
    Pair(
        "Right middle finger trigger finger release",
        "3-1-2016",
        "The diagnoses have included right middle finger trigger finger. Treatment to date has "
        "included two corticosteroid injections into the right middle finger flexor tendon sheath,"
        " the last on 7-1-16, and medications. Triggering persisted despite the injections. Per "
        "the progress report dated 10-20-16, the injured worker complained of painful catching and"
        " locking of the right middle finger. Examination revealed a tender nodule at the A1 "
        "pulley with triggering of the right middle finger. The treatment plan included right "
        "middle finger trigger finger release.",
        "The diagnoses have included right middle finger trigger finger. Treatment to date has "
        "included medications. Per the progress report dated 10-20-16, the injured worker "
        "complained of catching of the right middle finger. Examination revealed tenderness at the"
        " A1 pulley with triggering. No injections have been performed. The treatment plan "
        "included right middle finger trigger finger release.",
    ),
    # ACL reconstruction: ACOEM 2004 ch13 pp. 344-345
    Pair(
        "Right knee anterior cruciate ligament reconstruction",
        "6-1-2016",
        "The diagnoses have included right knee anterior cruciate ligament tear. Treatment to date"
        " has included physical therapy, bracing and medications. Instability persisted despite "
        "physical therapy and bracing. Per the progress report dated 10-20-16, the injured worker "
        "complained of the right knee giving way with pivoting and on stairs. Examination revealed"
        " a positive Lachman test and a positive pivot shift test on the right. MRI of the right "
        "knee dated 7-1-16 revealed a complete tear of the anterior cruciate ligament. The "
        "treatment plan included right knee anterior cruciate ligament reconstruction.",
        "The diagnoses have included right knee sprain. Treatment to date has included "
        "medications. Per the progress report dated 10-20-16, the injured worker complained of "
        "right knee pain without instability. Examination revealed a negative Lachman test and a "
        "stable knee. MRI of the right knee dated 7-1-16 revealed a low grade sprain of the "
        "anterior cruciate ligament without a tear. The treatment plan included right knee "
        "anterior cruciate ligament reconstruction.",
    ),
    # total knee arthroplasty: ODG knee arthroplasty
    Pair(
        "Right total knee arthroplasty",
        "6-1-2012@62",
        "The diagnoses have included severe right knee osteoarthritis. Treatment to date has "
        "included physical therapy, anti-inflammatory medications, a home exercise program, "
        "corticosteroid injections and a series of viscosupplementation injections without lasting"
        " relief. Per the progress report dated 10-20-16, the injured worker complained of right "
        "knee pain at night and difficulty walking more than one block. Examination revealed right"
        " knee flexion limited to 85 degrees with crepitus. Her body mass index was 29. Standing "
        "x-rays of the right knee dated 9-1-16 revealed bone on bone medial compartment joint "
        "space narrowing with osteophytes. The treatment plan included right total knee "
        "arthroplasty.",
        "The diagnoses have included right knee pain. Treatment to date has included medications. "
        "Per the progress report dated 10-20-16, the injured worker complained of right knee pain."
        " Examination revealed full range of motion of the right knee. X-rays of the right knee "
        "dated 9-1-16 revealed mild joint space narrowing. The treatment plan included right total"
        " knee arthroplasty.",
    ),
    # cervical ESI: CPMTG p. 46
    Pair(
        "Cervical epidural steroid injection at C5-6",
        "3-1-2016",
        "The diagnoses have included cervical radiculopathy. Treatment to date has included "
        "physical therapy, medications and a home exercise program without lasting relief. Per the"
        " progress report dated 10-20-16, the injured worker complained of neck pain radiating to "
        "the left arm with numbness of the left thumb. Examination revealed decreased sensation in"
        " the left C6 dermatome, a diminished left biceps reflex and a positive Spurling's test on"
        " the left. MRI of the cervical spine dated 7-1-16 revealed a left C5-6 disc protrusion "
        "with severe left foraminal stenosis impinging the left C6 nerve root. The treatment plan "
        "included cervical epidural steroid injection at C5-6.",
        "The diagnoses have included cervical strain. Treatment to date has included physical "
        "therapy and medications. Per the progress report dated 10-20-16, the injured worker "
        "complained of neck pain without radiation. Examination revealed cervical tenderness. "
        "Sensation, strength and reflexes of the upper extremities were normal and Spurling's test"
        " was negative. MRI of the cervical spine dated 7-1-16 revealed mild degenerative changes "
        "without foraminal stenosis. The treatment plan included cervical epidural steroid "
        "injection at C5-6.",
    ),
    # repeat ESI: CPMTG p. 46
    Pair(
        "Repeat lumbar epidural steroid injection at left L5-S1",
        "3-1-2015",
        "The diagnoses have included lumbar radiculopathy. Treatment to date has included physical"
        " therapy, medications and a left L5-S1 epidural steroid injection on 4-1-16. Per the "
        "progress report dated 10-20-16, the injured worker reported 60% relief of her leg pain "
        "for eight weeks after the epidural steroid injection, with a reduction of her pain "
        "medication and improved walking tolerance, and the pain had since returned. Examination "
        "revealed decreased sensation in the left S1 dermatome and a positive straight leg raise "
        "on the left. MRI of the lumbar spine dated 2-1-16 revealed a left L5-S1 disc protrusion "
        "compressing the left S1 nerve root. The treatment plan included repeat lumbar epidural "
        "steroid injection at left L5-S1.",
        "The diagnoses have included lumbar radiculopathy. Treatment to date has included physical"
        " therapy, medications and a left L5-S1 epidural steroid injection on 4-1-16. Per the "
        "progress report dated 10-20-16, the injured worker reported 20% relief for one week after"
        " the epidural steroid injection. Examination revealed decreased sensation in the left S1 "
        "dermatome and a positive straight leg raise on the left. MRI of the lumbar spine dated "
        "2-1-16 revealed a left L5-S1 disc protrusion compressing the left S1 nerve root. The "
        "treatment plan included repeat lumbar epidural steroid injection at left L5-S1.",
    ),
    # lumbar medial branch block: ODG facet joint diagnostic blocks
    Pair(
        "Bilateral L4-5 and L5-S1 medial branch blocks",
        "3-1-2016",
        "The diagnoses have included lumbar facet arthropathy. Treatment to date has included "
        "physical therapy, anti-inflammatory medications and a home exercise program for more than"
        " three months without lasting relief. Per the progress report dated 10-20-16, the injured"
        " worker complained of axial low back pain without radiation to the legs, worse with "
        "extension and rotation. Examination revealed tenderness over the L4-5 and L5-S1 facet "
        "joints bilaterally and pain with facet loading. Sensation, strength and reflexes were "
        "intact and straight leg raise was negative bilaterally. MRI of the lumbar spine dated "
        "7-1-16 revealed facet hypertrophy at L4-5 and L5-S1. The treatment plan included "
        "bilateral L4-5 and L5-S1 medial branch blocks.",
        "The diagnoses have included lumbar radiculopathy. Treatment to date has included physical"
        " therapy and medications. Per the progress report dated 10-20-16, the injured worker "
        "complained of low back pain radiating down the right leg. Examination revealed decreased "
        "sensation in the right L5 dermatome and a positive straight leg raise on the right. MRI "
        "of the lumbar spine dated 7-1-16 revealed a right L4-5 disc protrusion. The treatment "
        "plan included bilateral L4-5 and L5-S1 medial branch blocks.",
    ),
    # lumbar RFA after a positive block: ACOEM 2004 ch12 pp. 300-301 / ODG
    Pair(
        "Right L4-5 and L5-S1 radiofrequency ablation",
        "3-1-2015",
        "The diagnoses have included lumbar facet syndrome. Treatment to date has included "
        "physical therapy, medications and right L4-5 and L5-S1 medial branch blocks on 8-1-16, "
        "which gave 80% relief of her low back pain for six hours. Per the progress report dated "
        "10-20-16, the injured worker complained of axial right sided low back pain without "
        "radiation. Examination revealed right lumbar facet tenderness with pain on extension and "
        "rotation. Neurological examination was normal. The treatment plan included right L4-5 and"
        " L5-S1 radiofrequency ablation.",
        "The diagnoses have included lumbar facet syndrome. Treatment to date has included "
        "physical therapy and medications. Per the progress report dated 10-20-16, the injured "
        "worker complained of axial right sided low back pain without radiation. Examination "
        "revealed right lumbar facet tenderness with pain on extension and rotation. No diagnostic"
        " medial branch blocks have been performed. The treatment plan included right L4-5 and "
        "L5-S1 radiofrequency ablation.",
    ),
    # SI joint injection: ODG hip & pelvis
    Pair(
        "Right sacroiliac joint injection",
        "3-1-2016",
        "The diagnoses have included right sacroiliac joint dysfunction. Treatment to date has "
        "included physical therapy, a home exercise program and anti-inflammatory medications for "
        "more than three months without improvement. Per the progress report dated 10-20-16, the "
        "injured worker complained of right buttock pain. Examination revealed tenderness over the"
        " right sacroiliac joint with a positive FABER test, a positive Gaenslen's test and a "
        "positive thigh thrust test on the right. Straight leg raise was negative and the "
        "neurological examination was normal. The treatment plan included right sacroiliac joint "
        "injection.",
        "The diagnoses have included low back pain. Treatment to date has included medications. "
        "Per the progress report dated 10-20-16, the injured worker complained of low back pain. "
        "Examination revealed lumbar paraspinal tenderness. Provocative sacroiliac joint tests "
        "were not documented. The treatment plan included right sacroiliac joint injection.",
    ),
    # trigger point injections: CPMTG p. 122
    Pair(
        "Trigger point injections to the bilateral upper trapezius",
        "3-1-2015",
        "The diagnoses have included myofascial pain syndrome of the cervical spine. Treatment to "
        "date has included physical therapy, stretching, a home exercise program, anti-"
        "inflammatory medications and muscle relaxants for more than three months without lasting "
        "relief. Per the progress report dated 10-20-16, the injured worker complained of neck and"
        " upper back pain. Examination revealed circumscribed trigger points in the bilateral "
        "upper trapezius with a twitch response and referred pain on palpation. There was no "
        "evidence of radiculopathy, and the neurological examination was normal. The treatment "
        "plan included trigger point injections to the bilateral upper trapezius.",
        "The diagnoses have included cervical radiculopathy. Treatment to date has included "
        "medications. Per the progress report dated 10-20-16, the injured worker complained of "
        "neck pain radiating to the right arm. Examination revealed tenderness of the upper "
        "trapezius and decreased sensation in the right C6 dermatome. The treatment plan included "
        "trigger point injections to the bilateral upper trapezius.",
    ),
    # shoulder corticosteroid injection: ACOEM 2004 ch9 p. 213
    Pair(
        "Right shoulder subacromial corticosteroid injection",
        "6-1-2016",
        "The diagnoses have included right shoulder impingement syndrome. Treatment to date has "
        "included physical therapy and anti-inflammatory medications. Per the progress report "
        "dated 10-20-16, the injured worker complained of right shoulder pain with difficulty "
        "reaching overhead at work. Examination revealed positive Neer and Hawkins impingement "
        "signs with a painful arc on the right. No prior shoulder injections were documented. The "
        "treatment plan included right shoulder subacromial corticosteroid injection to facilitate"
        " the home exercise program.",
        "The diagnoses have included right shoulder impingement syndrome. Treatment to date has "
        "included physical therapy, medications and three right subacromial corticosteroid "
        "injections, the most recent on 8-1-16, which provided no relief. Per the progress report "
        "dated 10-20-16, the injured worker complained of right shoulder pain with difficulty "
        "reaching overhead at work. Examination revealed positive impingement signs on the right. "
        "The treatment plan included right shoulder subacromial corticosteroid injection.",
    ),
    # knee hyaluronic acid: ODG knee
    Pair(
        "Synvisc injections to the right knee, series of 3",
        "6-1-2013",
        "The diagnoses have included severe right knee osteoarthritis. Treatment to date has "
        "included physical therapy, anti-inflammatory medications, a home exercise program and a "
        "corticosteroid injection on 5-1-16 with only two weeks of relief. Per the progress report"
        " dated 10-20-16, the injured worker complained of right knee pain limiting walking and "
        "stairs. Examination revealed bony enlargement, crepitus and medial joint line tenderness "
        "of the right knee. Standing x-rays of the right knee dated 9-1-16 revealed severe medial "
        "compartment joint space narrowing with osteophytes. The treatment plan included Synvisc "
        "injections to the right knee.",
        "The diagnoses have included right knee chondromalacia patellae. Treatment to date has "
        "included medications. Per the progress report dated 10-20-16, the injured worker "
        "complained of anterior right knee pain. Examination revealed patellofemoral crepitus. "
        "X-rays of the right knee dated 9-1-16 were normal. The treatment plan included Synvisc "
        "injections to the right knee.",
    ),
    # TENS purchase after a one-month trial: CPMTG pp. 114-116
    Pair(
        "TENS unit purchase",
        "3-1-2015",
        "The diagnoses have included lumbar radiculopathy. Treatment to date has included physical"
        " therapy, medications and a home exercise program without lasting relief. Per the "
        "progress report dated 10-20-16, the injured worker had completed a one month home trial "
        "of a TENS unit, using it twice a day, with pain decreasing from 7 out of 10 to 4 out of "
        "10, a reduction in her use of pain medication, and she was able to walk longer and do "
        "household chores. She continues her home exercise program. The treatment plan included "
        "purchase of a TENS unit.",
        "The diagnoses have included lumbar radiculopathy. Treatment to date has included physical"
        " therapy, medications and a home exercise program without lasting relief. Per the "
        "progress report dated 10-20-16, the injured worker complained of low back pain radiating "
        "to the left leg. She continues her home exercise program. There was no documentation of a"
        " trial of TENS. The treatment plan included purchase of a TENS unit.",
    ),
    # H-wave: CPMTG pp. 117-118
    Pair(
        "H-wave unit one month home trial",
        "3-1-2015",
        "The diagnoses have included chronic right shoulder tendinitis. Treatment to date has "
        "included physical therapy, medications, a home exercise program and a one month trial of "
        "a TENS unit without lasting relief. Per the progress report dated 10-20-16, the injured "
        "worker complained of persistent right shoulder pain. She continues her home exercise "
        "program. The treatment plan included a one month home trial of an H-wave unit as an "
        "adjunct to her home exercise program.",
        "The diagnoses have included chronic right shoulder tendinitis. Treatment to date has "
        "included physical therapy, medications and a home exercise program without lasting "
        "relief. Per the progress report dated 10-20-16, the injured worker complained of "
        "persistent right shoulder pain. She continues her home exercise program. There was no "
        "documentation of a trial of TENS. The treatment plan included a one month home trial of "
        "an H-wave unit.",
    ),
    # knee brace: ACOEM 2004 ch13 p. 340
    Pair(
        "Right knee hinged brace",
        "8-1-2016",
        "The diagnoses have included right knee medial collateral ligament sprain with "
        "instability. Per the progress report dated 10-20-16, the injured worker complained of the"
        " right knee giving way while walking at work. Examination revealed medial joint line "
        "tenderness and laxity to valgus stress at 30 degrees on the right. The treatment plan "
        "included a right knee hinged brace.",
        "The diagnoses have included right knee osteoarthritis. Per the progress report dated "
        "10-20-16, the injured worker complained of right knee pain. Examination revealed a stable"
        " right knee without laxity. The treatment plan included a right knee hinged brace.",
    ),
    # walker/cane: ODG walking aids
    Pair(
        "Single point cane",
        "3-1-2016",
        "The diagnoses have included right knee osteoarthritis. Per the progress report dated "
        "10-20-16, the injured worker complained of right knee pain with walking. Examination "
        "revealed an antalgic gait favoring the right leg and right knee crepitus. The treatment "
        "plan included a single point cane.",
        "The diagnoses have included lumbar strain. Per the progress report dated 10-20-16, the "
        "injured worker complained of low back pain. Examination revealed a normal gait and lumbar"
        " tenderness. The treatment plan included a single point cane.",
    ),
    # wrist splint for CTS: ACOEM 2004 ch11 pp. 264-265
    Pair(
        "Right wrist splint",
        "9-1-2016",
        "The diagnoses have included right carpal tunnel syndrome. Per the progress report dated "
        "10-20-16, the injured worker complained of numbness and tingling in the right thumb, "
        "index and middle fingers at night. Examination revealed a positive Tinel's sign and a "
        "positive Phalen's test at the right wrist. The treatment plan included a right wrist "
        "splint for night use.",
        "The diagnoses have included right shoulder strain. Per the progress report dated "
        "10-20-16, the injured worker complained of right shoulder pain. Examination revealed "
        "right shoulder tenderness; the wrist and hand examination was normal. The treatment plan "
        "included a right wrist splint.",
    ),
    # assistant surgeon with fusion vs CTR: ODG surgical assistant
    Pair(
        ["L4-5 posterior lumbar interbody fusion", "Assistant surgeon"],
        "2-1-2015",
        "The diagnoses have included L4-5 spondylolisthesis with instability and lumbar "
        "radiculopathy. Treatment to date has included physical therapy, medications, and epidural"
        " steroid injections without lasting relief. Per the progress report dated 10-20-16, the "
        "injured worker complained of low back pain radiating to both legs. Examination revealed "
        "decreased sensation in the bilateral L5 dermatomes and weakness of the left extensor "
        "hallucis longus. Flexion and extension x-rays of the lumbar spine dated 9-1-16 revealed "
        "grade II spondylolisthesis at L4-5 with 5 mm of translation between flexion and "
        "extension. MRI of the lumbar spine dated 6-1-16 revealed severe central canal stenosis at"
        " L4-5. The treatment plan included L4-5 posterior lumbar interbody fusion with an "
        "assistant surgeon.",
        "The diagnoses have included lumbar degenerative disc disease. Treatment to date has "
        "included physical therapy and medications. Per the progress report dated 10-20-16, the "
        "injured worker complained of axial low back pain. Examination revealed lumbar tenderness "
        "with intact sensation, strength and reflexes. Flexion and extension x-rays of the lumbar "
        "spine dated 9-1-16 revealed no instability. MRI of the lumbar spine dated 6-1-16 revealed"
        " L4-5 disc desiccation without stenosis. The treatment plan included L4-5 posterior "
        "lumbar interbody fusion with an assistant surgeon.",
    ),
    # post-op PT after meniscectomy: Postsurgical guidelines
    Pair(
        [
            "Right knee arthroscopy with partial medial meniscectomy",
            "Post-operative physical therapy 2 times a week for 3 weeks for the right knee",
        ],
        "6-1-2016",
        "The diagnoses have included right knee medial meniscus tear. Treatment to date has "
        "included physical therapy, a cortisone injection and medications. Per the progress report"
        " dated 10-20-16, the injured worker complained of right knee pain with locking and "
        "catching. Examination revealed medial joint line tenderness and a positive McMurray's "
        "test. MRI of the right knee dated 8-1-16 revealed a tear of the posterior horn of the "
        "medial meniscus. Symptoms persisted despite physical therapy and injection. The treatment"
        " plan included right knee arthroscopy with partial medial meniscectomy and post-operative"
        " physical therapy.",
        "The diagnoses have included right knee osteoarthritis. Treatment to date has included "
        "medications. Per the progress report dated 10-20-16, the injured worker complained of "
        "right knee pain. Examination revealed diffuse tenderness; McMurray test was negative. MRI"
        " of the right knee dated 8-1-16 revealed a degenerative tear of the medial meniscus with "
        "severe osteoarthritis. The treatment plan included right knee arthroscopy with partial "
        "medial meniscectomy and post-operative physical therapy.",
    ),
    # cold therapy unit 7-day rental after shoulder surgery
    Pair(
        ["Right shoulder arthroscopic rotator cuff repair", "Cold therapy unit rental for 7 days"],
        "6-1-2016",
        "The diagnoses have included right shoulder full thickness rotator cuff tear. Treatment to"
        " date has included physical therapy, a subacromial corticosteroid injection and "
        "medications. Per the progress report dated 10-20-16, the injured worker complained of "
        "right shoulder pain and weakness with overhead activities. Examination revealed weakness "
        "of the right supraspinatus rated 3 out of 5, a positive drop arm test and positive "
        "impingement signs. MRI of the right shoulder dated 8-1-16 revealed a full thickness tear "
        "of the supraspinatus tendon with 1.5 cm of retraction. The treatment plan included right "
        "shoulder arthroscopic rotator cuff repair and a cold therapy unit for postoperative use.",
        "The diagnoses have included right shoulder pain. Per the progress report dated 10-20-16, "
        "the injured worker complained of right shoulder pain. Examination revealed full strength "
        "of the rotator cuff and full range of motion. MRI of the right shoulder dated 8-1-16 "
        "revealed mild supraspinatus tendinosis without a tear. The treatment plan included right "
        "shoulder arthroscopic rotator cuff repair and a cold therapy unit.",
    ),
    # pre-op EKG and labs with fusion
    Pair(
        [
            "L4-5 posterior lumbar interbody fusion",
            "Pre-operative medical clearance with EKG and labs",
        ],
        "2-1-2015",
        "The diagnoses have included L4-5 spondylolisthesis with instability, lumbar "
        "radiculopathy, hypertension and diabetes mellitus. Treatment to date has included "
        "physical therapy, medications, and epidural steroid injections without lasting relief. "
        "Per the progress report dated 10-20-16, the injured worker complained of low back pain "
        "radiating to both legs. Examination revealed decreased sensation in the bilateral L5 "
        "dermatomes and weakness of the left extensor hallucis longus. Flexion and extension "
        "x-rays of the lumbar spine dated 9-1-16 revealed grade II spondylolisthesis at L4-5 with "
        "5 mm of translation between flexion and extension. MRI of the lumbar spine dated 6-1-16 "
        "revealed severe central canal stenosis at L4-5. The treatment plan included L4-5 "
        "posterior lumbar interbody fusion and pre-operative medical clearance.",
        "The diagnoses have included lumbar degenerative disc disease. Treatment to date has "
        "included physical therapy and medications. Per the progress report dated 10-20-16, the "
        "injured worker complained of axial low back pain. Examination revealed lumbar tenderness "
        "with intact sensation, strength and reflexes. Flexion and extension x-rays of the lumbar "
        "spine dated 9-1-16 revealed no instability. MRI of the lumbar spine dated 6-1-16 revealed"
        " L4-5 disc desiccation without stenosis. The treatment plan included L4-5 posterior "
        "lumbar interbody fusion and pre-operative medical clearance.",
    ),
    # lumbar laminectomy for stenosis: ACOEM 2004 ch12 pp. 305-307
    Pair(
        "Bilateral L4-5 laminectomy and foraminotomy",
        "1-15-2016",
        "The diagnoses have included lumbar spinal stenosis with neurogenic claudication. "
        "Treatment to date has included physical therapy, medications and two epidural steroid "
        "injections without lasting relief. Per the progress report dated 10-20-16, the injured "
        "worker complained of bilateral leg pain and numbness after walking one block, relieved by"
        " sitting. Examination revealed decreased sensation in the bilateral L5 dermatomes and "
        "weakness of ankle dorsiflexion rated 4 out of 5 bilaterally. MRI of the lumbar spine "
        "dated 7-1-16 revealed severe central and bilateral foraminal stenosis at L4-5 with "
        "compression of the L5 nerve roots. The treatment plan included bilateral L4-5 laminectomy"
        " and foraminotomy.",
        "The diagnoses have included lumbar sprain. Treatment to date has included medications. "
        "Per the progress report dated 10-20-16, the injured worker complained of low back pain. "
        "Examination revealed lumbar tenderness; sensation, strength and reflexes were normal. MRI"
        " of the lumbar spine dated 7-1-16 revealed mild degenerative changes without stenosis. "
        "The treatment plan included bilateral L4-5 laminectomy and foraminotomy.",
    ),
    # cervical RFA after a positive block: ACOEM 2004 ch8 p. 175
    Pair(
        "Right C4-5 and C5-6 radiofrequency ablation",
        "3-1-2015",
        "The diagnoses have included cervical facet syndrome. Treatment to date has included "
        "physical therapy, medications and right C4-5 and C5-6 medial branch blocks on 8-1-16, "
        "which gave 90% relief of her neck pain for five hours. Per the progress report dated "
        "10-20-16, the injured worker complained of axial right sided neck pain without radiation."
        " Examination revealed right cervical facet tenderness. The neurological examination of "
        "the upper extremities was normal. The treatment plan included right C4-5 and C5-6 "
        "radiofrequency ablation.",
        "The diagnoses have included cervical radiculopathy. Treatment to date has included "
        "physical therapy and medications. Per the progress report dated 10-20-16, the injured "
        "worker complained of neck pain radiating to the right hand. Examination revealed "
        "decreased sensation in the right C6 dermatome. No medial branch blocks have been "
        "performed. The treatment plan included right C4-5 and C5-6 radiofrequency ablation.",
    ),
    # knee corticosteroid injection: ACOEM 2004 ch13 p. 346 / ODG
    Pair(
        "Right knee intra-articular corticosteroid injection",
        "3-1-2015",
        "The diagnoses have included right knee osteoarthritis. Treatment to date has included "
        "physical therapy, a home exercise program and anti-inflammatory medications without "
        "lasting relief. Per the progress report dated 10-20-16, the injured worker complained of "
        "right knee pain that limited walking and stairs. Examination revealed crepitus, bony "
        "enlargement and medial joint line tenderness of the right knee. X-rays of the right knee "
        "dated 9-1-16 revealed moderate medial compartment joint space narrowing with osteophytes."
        " No prior knee injections were documented. The treatment plan included right knee intra-"
        "articular corticosteroid injection.",
        "The diagnoses have included right knee sprain. Per the progress report dated 10-20-16, "
        "the injured worker complained of right knee pain that began one week earlier. Examination"
        " revealed mild tenderness of the right knee with full range of motion. Treatment to date "
        "has included medications. The treatment plan included right knee intra-articular "
        "corticosteroid injection.",
    ),
    # lumbar brace after fusion (post-op DME) vs chronic LBP brace: ACOEM 2004 ch12 p. 301
    Pair(
        ["L4-5 posterior lumbar interbody fusion", "Lumbar brace"],
        "2-1-2015",
        "The diagnoses have included L4-5 spondylolisthesis with instability and lumbar "
        "radiculopathy. Treatment to date has included physical therapy, medications, and epidural"
        " steroid injections without lasting relief. Per the progress report dated 10-20-16, the "
        "injured worker complained of low back pain radiating to both legs. Examination revealed "
        "decreased sensation in the bilateral L5 dermatomes and weakness of the left extensor "
        "hallucis longus. Flexion and extension x-rays of the lumbar spine dated 9-1-16 revealed "
        "grade II spondylolisthesis at L4-5 with 5 mm of translation between flexion and "
        "extension. MRI of the lumbar spine dated 6-1-16 revealed severe central canal stenosis at"
        " L4-5. The treatment plan included L4-5 posterior lumbar interbody fusion and a "
        "postoperative lumbar brace.",
        "The diagnoses have included lumbar degenerative disc disease. Treatment to date has "
        "included physical therapy and medications. Per the progress report dated 10-20-16, the "
        "injured worker complained of axial low back pain. Examination revealed lumbar tenderness "
        "with intact sensation, strength and reflexes. Flexion and extension x-rays of the lumbar "
        "spine dated 9-1-16 revealed no instability. MRI of the lumbar spine dated 6-1-16 revealed"
        " L4-5 disc desiccation without stenosis. The treatment plan included L4-5 posterior "
        "lumbar interbody fusion and a lumbar brace.",
    ),
    # length of stay after fusion: ODG hospital length of stay
    Pair(
        ["L4-5 posterior lumbar interbody fusion", "Inpatient stay for 3 days"],
        "2-1-2015",
        "The diagnoses have included L4-5 spondylolisthesis with instability and lumbar "
        "radiculopathy. Treatment to date has included physical therapy, medications, and epidural"
        " steroid injections without lasting relief. Per the progress report dated 10-20-16, the "
        "injured worker complained of low back pain radiating to both legs. Examination revealed "
        "decreased sensation in the bilateral L5 dermatomes and weakness of the left extensor "
        "hallucis longus. Flexion and extension x-rays of the lumbar spine dated 9-1-16 revealed "
        "grade II spondylolisthesis at L4-5 with 5 mm of translation between flexion and "
        "extension. MRI of the lumbar spine dated 6-1-16 revealed severe central canal stenosis at"
        " L4-5. The treatment plan included L4-5 posterior lumbar interbody fusion with a three "
        "day inpatient stay.",
        "The diagnoses have included lumbar degenerative disc disease. Treatment to date has "
        "included physical therapy and medications. Per the progress report dated 10-20-16, the "
        "injured worker complained of axial low back pain. Examination revealed lumbar tenderness "
        "with intact sensation, strength and reflexes. Flexion and extension x-rays of the lumbar "
        "spine dated 9-1-16 revealed no instability. MRI of the lumbar spine dated 6-1-16 revealed"
        " L4-5 disc desiccation without stenosis. The treatment plan included L4-5 posterior "
        "lumbar interbody fusion with a three day inpatient stay.",
    ),
    # pre-op labs: ODG preoperative lab testing
    Pair(
        ["Right carpal tunnel release", "Pre-operative labs: CBC and CMP"],
        "3-1-2016@64",
        "The diagnoses have included right carpal tunnel syndrome, diabetes mellitus and chronic "
        "kidney disease. Treatment to date has included night splinting, medications and a "
        "corticosteroid injection into the right carpal tunnel with temporary relief. Per the "
        "progress report dated 10-20-16, the injured worker complained of numbness and tingling in"
        " the right thumb, index and middle fingers that woke her at night. Examination revealed a"
        " positive Tinel's sign and a positive Phalen's test at the right wrist with decreased "
        "sensation in the median nerve distribution. Nerve conduction studies dated 8-1-16 "
        "revealed moderate right carpal tunnel syndrome. The treatment plan included right carpal "
        "tunnel release with pre-operative labs.",
        "The diagnoses have included right wrist pain. Treatment to date has included medications."
        " Per the progress report dated 10-20-16, the injured worker complained of right wrist "
        "pain with occasional tingling of the hand. Examination revealed tenderness of the right "
        "wrist; Tinel's sign and Phalen's test were negative. No electrodiagnostic studies were "
        "documented. The treatment plan included right carpal tunnel release with pre-operative "
        "labs.",
    ),
    # post-op sling after RCR
    Pair(
        ["Right shoulder arthroscopic rotator cuff repair", "Post-operative shoulder sling"],
        "6-1-2016",
        "The diagnoses have included right shoulder full thickness rotator cuff tear. Treatment to"
        " date has included physical therapy, a subacromial corticosteroid injection and "
        "medications. Per the progress report dated 10-20-16, the injured worker complained of "
        "right shoulder pain and weakness with overhead activities. Examination revealed weakness "
        "of the right supraspinatus rated 3 out of 5, a positive drop arm test and positive "
        "impingement signs. MRI of the right shoulder dated 8-1-16 revealed a full thickness tear "
        "of the supraspinatus tendon with 1.5 cm of retraction. The treatment plan included right "
        "shoulder arthroscopic rotator cuff repair and a postoperative sling.",
        "The diagnoses have included right shoulder pain. Per the progress report dated 10-20-16, "
        "the injured worker complained of right shoulder pain. Examination revealed full strength "
        "of the rotator cuff and full range of motion. MRI of the right shoulder dated 8-1-16 "
        "revealed mild supraspinatus tendinosis without a tear. The treatment plan included right "
        "shoulder arthroscopic rotator cuff repair and a sling.",
    ),
    # lumbar ESI corroborated by EMG only
    Pair(
        "Left L5 transforaminal epidural steroid injection",
        "3-1-2016",
        "The diagnoses have included left L5 radiculopathy. Treatment to date has included "
        "physical therapy, a home exercise program, anti-inflammatory medications and muscle "
        "relaxants without lasting relief. Per the progress report dated 10-20-16, the injured "
        "worker complained of low back pain radiating to the left foot. Examination revealed "
        "decreased sensation over the dorsum of the left foot, weakness of the left extensor "
        "hallucis longus and a positive straight leg raise on the left. Electromyography of the "
        "lower extremities dated 8-15-16 revealed an acute left L5 radiculopathy. The treatment "
        "plan included a left L5 transforaminal epidural steroid injection.",
        "The diagnoses have included lumbar sprain. Treatment to date has included physical "
        "therapy and medications without lasting relief. Per the progress report dated 10-20-16, "
        "the injured worker complained of low back pain radiating to the left buttock. Examination"
        " revealed lumbar tenderness; sensation, strength and reflexes were intact and straight "
        "leg raise was negative. Electromyography of the lower extremities dated 8-15-16 was "
        "normal. The treatment plan included a left L5 transforaminal epidural steroid injection.",
    ),
    # de Quervain release
    Pair(
        "Right de Quervain's release",
        "3-1-2016",
        "The diagnoses have included right de Quervain's tenosynovitis. Treatment to date has "
        "included a thumb spica splint, anti-inflammatory medications and two corticosteroid "
        "injections into the first dorsal compartment. Symptoms persisted despite the splint and "
        "the injections. Per the progress report dated 10-20-16, the injured worker complained of "
        "radial sided right wrist pain with difficulty gripping. Examination revealed tenderness "
        "and swelling over the first dorsal compartment and a positive Finkelstein's test on the "
        "right. The treatment plan included right de Quervain's release.",
        "The diagnoses have included right de Quervain's tenosynovitis. Per the progress report "
        "dated 10-20-16, the injured worker complained of radial sided right wrist pain that began"
        " three weeks earlier. Treatment to date has included medications. No splinting or "
        "injection has been tried. Examination revealed a positive Finkelstein's test on the "
        "right. The treatment plan included right de Quervain's release.",
    ),
    # front-wheeled walker after TKA (post-op DME)
    Pair(
        ["Right total knee arthroplasty", "Front wheeled walker"],
        "6-1-2012@62",
        "The diagnoses have included severe right knee osteoarthritis. Treatment to date has "
        "included physical therapy, anti-inflammatory medications, a home exercise program, "
        "corticosteroid injections and a series of viscosupplementation injections without lasting"
        " relief. Per the progress report dated 10-20-16, the injured worker complained of right "
        "knee pain at night and difficulty walking more than one block. Examination revealed right"
        " knee flexion limited to 85 degrees with crepitus and an antalgic gait. Her body mass "
        "index was 29. Standing x-rays of the right knee dated 9-1-16 revealed bone on bone medial"
        " compartment joint space narrowing with osteophytes. The treatment plan included right "
        "total knee arthroplasty and a front wheeled walker for use after surgery.",
        "The diagnoses have included right knee pain. Treatment to date has included medications. "
        "Per the progress report dated 10-20-16, the injured worker complained of right knee pain."
        " Examination revealed full range of motion of the right knee and a normal gait. X-rays of"
        " the right knee dated 9-1-16 revealed mild joint space narrowing. The treatment plan "
        "included right total knee arthroplasty and a front wheeled walker.",
    ),
    # post-op PT after CTR already done: Postsurgical guidelines (CTR 3-8 visits; initial half)
    Pair(
        "Post-operative occupational therapy 2 times a week for 2 weeks for the right wrist",
        "3-1-2016",
        "The diagnoses have included right carpal tunnel syndrome, status post right carpal tunnel"
        " release on 10-10-16. Per the progress report dated 10-20-16, the injured worker reported"
        " improving numbness but stiffness of the right hand and weakness of grip. Examination "
        "revealed a healing incision, decreased right grip strength and limited finger flexion. No"
        " post-operative therapy has been provided. The treatment plan included post-operative "
        "occupational therapy 2 times a week for 2 weeks.",
        "The diagnoses have included right carpal tunnel syndrome, status post right carpal tunnel"
        " release on 10-10-15. Treatment to date has included 12 sessions of post-operative "
        "occupational therapy. Per the progress report dated 10-20-16, the injured worker reported"
        " mild residual hand pain. There was no documentation of functional improvement with the "
        "prior therapy. The treatment plan included post-operative occupational therapy 2 times a "
        "week for 2 weeks.",
    ),
    # cold therapy unit after a surgery already performed
    Pair(
        "Cold therapy unit rental for 7 days for the right knee",
        "6-1-2016",
        "The diagnoses have included right knee medial meniscus tear. The injured worker underwent"
        " right knee arthroscopy with partial medial meniscectomy on 11-1-16. Per the progress "
        "report dated 11-2-16, she complained of right knee pain and swelling after the surgery. "
        "The treatment plan included a cold therapy unit for the first week after surgery.",
        "The diagnoses have included right knee strain. Per the progress report dated 10-20-16, "
        "the injured worker complained of right knee pain. No surgery has been performed or "
        "requested. The treatment plan included a cold therapy unit for home use.",
    ),
    # repeat cervical ESI with documented response: CPMTG p. 46
    Pair(
        "Repeat cervical epidural steroid injection at C6-7",
        "3-1-2015",
        "The diagnoses have included cervical radiculopathy. Treatment to date has included "
        "physical therapy, medications and a C6-7 cervical epidural steroid injection on 3-1-16. "
        "Per the progress report dated 10-20-16, the injured worker reported 70% relief of her arm"
        " pain for two months after the injection with reduced use of pain medication, and the "
        "pain had since returned. Examination revealed decreased sensation in the left C7 "
        "dermatome and a diminished left triceps reflex. MRI of the cervical spine dated 1-10-16 "
        "revealed a left C6-7 disc protrusion compressing the left C7 nerve root. The treatment "
        "plan included repeat cervical epidural steroid injection at C6-7.",
        "The diagnoses have included cervical radiculopathy. Treatment to date has included "
        "physical therapy, medications and a C6-7 cervical epidural steroid injection on 3-1-16. "
        "Per the progress report dated 10-20-16, the injured worker reported that the injection "
        "did not help. Examination revealed decreased sensation in the left C7 dermatome and a "
        "diminished left triceps reflex. MRI of the cervical spine dated 1-10-16 revealed a left "
        "C6-7 disc protrusion compressing the left C7 nerve root. The treatment plan included "
        "repeat cervical epidural steroid injection at C6-7.",
    ),
    # repeat Synvisc series: ODG (repeat series after 6 months of significant improvement)
    Pair(
        "Repeat Synvisc injection series of 3 to the right knee",
        "6-1-2012",
        "The diagnoses have included severe right knee osteoarthritis. Treatment to date has "
        "included physical therapy, anti-inflammatory medications, a corticosteroid injection "
        "without lasting relief, and a series of Synvisc injections in 2015. Per the progress "
        "report dated 10-20-16, the injured worker reported that the prior Synvisc series gave 60%"
        " relief of her knee pain for eight months and allowed her to walk two miles, and the pain"
        " had returned. Examination revealed crepitus and medial joint line tenderness of the "
        "right knee. X-rays of the right knee dated 9-1-16 revealed severe medial joint space "
        "narrowing with osteophytes. The treatment plan included a repeat Synvisc series.",
        "The diagnoses have included severe right knee osteoarthritis. Treatment to date has "
        "included physical therapy, anti-inflammatory medications, a corticosteroid injection "
        "without lasting relief, and a series of Synvisc injections in 2015. Per the progress "
        "report dated 10-20-16, the injured worker reported that the prior Synvisc series did not "
        "help. Examination revealed crepitus and medial joint line tenderness of the right knee. "
        "X-rays of the right knee dated 9-1-16 revealed severe medial joint space narrowing with "
        "osteophytes. The treatment plan included a repeat Synvisc series.",
    ),
    # interferential unit: CPMTG pp. 118-120
    Pair(
        "Interferential unit one month home trial",
        "3-1-2015",
        "The diagnoses have included chronic low back pain. Treatment to date has included "
        "physical therapy, a home exercise program and medications. Pain was ineffectively "
        "controlled by medications, which caused gastrointestinal side effects, and was "
        "unresponsive to conservative measures. Per the progress report dated 10-20-16, the "
        "injured worker complained of persistent low back pain. She continues her home exercise "
        "program. The treatment plan included a one month home trial of an interferential unit.",
        "The diagnoses have included chronic low back pain. Treatment to date has included "
        "medications, which control her pain. Per the progress report dated 10-20-16, the injured "
        "worker complained of low back pain. The treatment plan included purchase of an "
        "interferential unit.",
    ),
    # lumbar brace for an acute compression fracture
    Pair(
        "Lumbar support brace",
        "10-1-2016",
        "The diagnoses have included L1 compression fracture. Per the progress report dated "
        "10-20-16, the injured worker complained of severe mid back pain after a fall from a "
        "ladder on 10-1-16. X-rays of the lumbar spine dated 10-2-16 revealed an acute L1 "
        "compression fracture with 20% loss of height. The treatment plan included a lumbar "
        "support brace.",
        "The diagnoses have included chronic lumbar strain. Per the progress report dated "
        "10-20-16, the injured worker complained of chronic low back pain. Examination revealed "
        "lumbar tenderness. X-rays of the lumbar spine dated 10-2-16 revealed no fracture. The "
        "treatment plan included a lumbar support brace.",
    ),
    # knee arthroscopy with chondroplasty: ODG
    Pair(
        "Right knee arthroscopy with chondroplasty",
        "6-1-2015",
        "The diagnoses have included right knee chondral defect of the medial femoral condyle. "
        "Treatment to date has included physical therapy, medications and a corticosteroid "
        "injection without lasting relief. Per the progress report dated 10-20-16, the injured "
        "worker complained of right knee pain with swelling and catching. Examination revealed a "
        "right knee effusion, crepitus and medial joint line tenderness. MRI of the right knee "
        "dated 8-1-16 revealed a full thickness chondral defect of the medial femoral condyle. The"
        " treatment plan included right knee arthroscopy with chondroplasty.",
        "The diagnoses have included right knee pain. Treatment to date has included medications. "
        "Per the progress report dated 10-20-16, the injured worker complained of right knee pain."
        " Examination revealed no effusion and full range of motion. MRI of the right knee dated "
        "8-1-16 was normal. The treatment plan included right knee arthroscopy with chondroplasty.",
    ),
]


def _name(p: Pair) -> str:
    return p.items if isinstance(p.items, str) else p.items[-1]


@pytest.mark.parametrize("pair", CASES, ids=[_name(p) for p in CASES])
def test_supported_case_is_overturned(pair: Pair) -> None:
    got = _decide(pair.items, pair.injured, pair.supported)
    assert got.decision == "overturned", got.rationale


@pytest.mark.parametrize("pair", CASES, ids=[_name(p) for p in CASES])
def test_counterpart_is_upheld(pair: Pair) -> None:
    got = _decide(pair.items, pair.injured, pair.unsupported)
    assert got.decision == "upheld", got.rationale


def _pair(name: str) -> Pair:
    return next(p for p in CASES if _name(p) == name)


RFA = _pair("Right L4-5 and L5-S1 radiofrequency ablation")
TKA = _pair("Right total knee arthroplasty")
TENS = _pair("TENS unit purchase")
COLD = _pair("Cold therapy unit rental for 7 days")
VARIANTS = [
    # ODG: the diagnostic block answers with 70% relief or more; half is not enough
    (
        "RFA after a block with 50% relief",
        RFA.items,
        RFA.injured,
        RFA.supported.replace("80% relief", "50% relief"),
        "upheld",
    ),
    # ODG: a first neurotomy follows a block with 70% relief; improved function after the
    # block without that relief is the test of a repeat procedure, not of a first one
    (
        "RFA after a block with improved function but no percentage",
        RFA.items,
        RFA.injured,
        RFA.supported.replace(
            "which gave 80% relief of her low back pain for six hours",
            "after which she had improved function, walking longer",
        ),
        "upheld",
    ),
    # ODG knee replacement: over 50
    (
        "knee replacement at 45",
        TKA.items,
        TKA.injured.split("@")[0] + "@45",
        TKA.supported,
        "upheld",
    ),
    # CPMTG p. 116: a first one-month rental trial needs no earlier trial; a purchase does
    (
        "TENS one-month rental trial",
        "TENS unit one month rental trial",
        TENS.injured,
        TENS.unsupported.replace("purchase of a TENS unit", "a one month TENS rental trial"),
        "overturned",
    ),
    # ODG: the unit after surgery for up to seven days
    (
        "cold therapy unit for 30 days",
        [COLD.items[0], "Cold therapy unit rental for 30 days"],
        COLD.injured,
        COLD.supported,
        "upheld",
    ),
]


@pytest.mark.parametrize(
    ("items", "injured", "text", "expected"),
    [v[1:] for v in VARIANTS],
    ids=[v[0] for v in VARIANTS],
)
def test_variant(items: str | list[str], injured: str, text: str, expected: str) -> None:
    got = _decide(items, injured, text)
    assert got.decision == expected, got.rationale
