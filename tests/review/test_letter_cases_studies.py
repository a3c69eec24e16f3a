"""Studies, electrodiagnosis, evaluations and consultations, drug screens and laboratory tests,
each written the way a Final Determination Letter's clinical case summary reports a case (third
person, dates like 10-20-16, treatment to date in one sentence), with its counterpart that lacks
exactly what the guideline asks for. Fictional. Decided as of late 2016: the MTUS (ACOEM 2004
chapters, the 2009 Chronic Pain Medical Treatment Guidelines and the 2016 updates), and ODG where
the MTUS is silent. The supported case is overturned; the counterpart is upheld with the
requesting physician's checklist (`needed`) filled in."""

from __future__ import annotations

import pytest
from _letter_case import Pair, decide_letter_case

from openimr.domain import ItemDecision


def _decide(item: str, injured: str, text: str, sex: str = "male") -> ItemDecision:
    return decide_letter_case(item, injured, text, sex, case_number="CM00-studies")


CASES = [
    # ---- imaging
    # lumbar MRI, nerve compromise after failed care with surgery considered: ACOEM 2004 ch. 12
    # pp. 303-304
    Pair(
        "MRI of the lumbar spine",
        "3-1-2016",
        "The diagnoses have included lumbar radiculopathy. Treatment to date has included "
        "medications and physical therapy; the injured worker has completed 12 sessions of "
        "physical therapy with minimal improvement. Per the progress report dated 10-20-16, the "
        "injured worker complained of low back pain radiating down the left leg to the foot. "
        "Examination revealed decreased sensation in the left L5 dermatome, weakness of the left "
        "extensor hallucis longus rated 4/5 and a positive straight leg raise on the left at 40 "
        "degrees. He wishes to consider surgery if a surgical lesion is found. The treatment plan "
        "included an MRI of the lumbar spine and referral to a spine surgeon.",
        "The diagnoses have included lumbar strain. Treatment to date has included medications "
        "and physical therapy; the injured worker has completed 12 sessions of physical therapy "
        "with minimal improvement. Per the progress report dated 10-20-16, the injured worker "
        "complained of low back pain without radiation. Examination revealed lumbar paraspinal "
        "tenderness with flexion to 50 degrees. Sensation, strength and reflexes in the lower "
        "extremities were intact and straight leg raise was negative. There were no red flags. "
        "The treatment plan included an MRI of the lumbar spine.",
    ),
    # lumbar MRI early, red flag (cauda equina) versus early without red flags: ACOEM 2004
    # ch. 12 p. 303 (special studies in the first month only for red flags)
    Pair(
        "MRI of the lumbar spine without contrast",
        "10-6-2016",
        "The diagnoses have included low back pain. Per the progress report dated 10-20-16, the "
        "injured worker complained of severe low back pain after lifting a pallet two weeks "
        "earlier, with new numbness in the groin and buttocks and difficulty starting urination "
        "since the day before. Examination revealed saddle anesthesia and decreased rectal tone. "
        "The treatment plan included an urgent MRI of the lumbar spine.",
        "The diagnoses have included low back pain. Per the progress report dated 10-20-16, the "
        "injured worker complained of low back pain after lifting a pallet two weeks earlier. "
        "Treatment to date has included medications and modified duty. Examination revealed "
        "lumbar paraspinal spasm with normal strength, sensation and reflexes. No red flags were "
        "noted. The treatment plan included an MRI of the lumbar spine.",
    ),
    # lumbar MRI, progressive neurologic deficit (a red flag): ACOEM 2004 ch. 12 p. 303
    Pair(
        "Lumbar spine MRI",
        "5-1-2016",
        "The diagnoses have included lumbar radiculopathy. Treatment to date has included "
        "medications and six sessions of physical therapy. Per the progress report dated "
        "10-20-16, the injured worker reported increasing weakness of the right foot. Examination "
        "revealed progressive weakness of right ankle dorsiflexion, now 3/5 where it had been 4/5"
        " on 9-15-16, and an absent right ankle reflex. The treatment plan included an MRI of "
        "the lumbar spine.",
        "The diagnoses have included lumbar sprain. Treatment to date has included medications "
        "and six sessions of physical therapy. Per the progress report dated 10-20-16, the "
        "injured worker complained of low back pain rated 5 out of 10, unchanged. Examination "
        "revealed lumbar tenderness and spasm, with a normal neurological examination of the "
        "lower extremities. The treatment plan included an MRI of the lumbar spine.",
    ),
    # repeat lumbar MRI only for a significant change: ODG Low Back, MRI (MTUS silent)
    Pair(
        "Repeat MRI of the lumbar spine",
        "3-1-2014",
        "The diagnoses have included lumbar disc protrusion and radiculopathy. A prior MRI dated "
        "2-10-15 showed a 3 mm L4-5 disc protrusion without nerve root compression. Per the "
        "progress report dated 10-20-16, the injured worker reported worsening of the left leg "
        "pain over the past month with new weakness of the left foot. Examination revealed new "
        "weakness of left ankle dorsiflexion rated 4-/5, which had been normal on the prior "
        "examination, and decreased sensation in the left L5 dermatome. The treatment plan "
        "included a repeat MRI of the lumbar spine.",
        "The diagnoses have included lumbar disc protrusion. A prior MRI dated 2-10-15 showed a "
        "3 mm L4-5 disc protrusion without nerve root compression. Per the progress report dated "
        "10-20-16, the injured worker complained of chronic low back pain, unchanged since the "
        "last visit. Examination revealed lumbar tenderness with flexion to 45 degrees; strength"
        " and sensation were unchanged from prior examinations. The treatment plan included a "
        "repeat MRI of the lumbar spine.",
    ),
    # cervical MRI, objective neurologic dysfunction: ACOEM 2004 ch. 8 pp. 177-178
    Pair(
        "MRI of the cervical spine",
        "4-1-2016",
        "The diagnoses have included cervical radiculopathy. Treatment to date has included "
        "medications and eight sessions of physical therapy without relief. Per the progress "
        "report dated 10-20-16, the injured worker complained of neck pain radiating to the "
        "right thumb with numbness. Examination revealed a positive Spurling's test on the right,"
        " decreased sensation in the right C6 dermatome and weakness of the right wrist "
        "extensors rated 4/5. The treatment plan included an MRI of the cervical spine.",
        "The diagnoses have included cervical strain. Treatment to date has included medications"
        " and eight sessions of physical therapy. Per the progress report dated 10-20-16, the "
        "injured worker complained of neck pain rated 5 out of 10 without radiation. Examination"
        " revealed cervical paraspinal tenderness with rotation to 60 degrees bilaterally. "
        "Spurling's test was negative and the neurological examination of the upper extremities"
        " was normal. There were no red flags. The treatment plan included an MRI of the "
        "cervical spine.",
        "female",
    ),
    # cervical MRI in the first weeks: ACOEM 2004 ch. 8 p. 177 (special studies wait for three
    # to four weeks of conservative care unless a red flag emerges); a suspected fracture is one
    Pair(
        "Cervical spine MRI",
        "10-10-2016@63",
        "The diagnoses have included cervical contusion. Per the progress report dated 10-20-16,"
        " the injured worker complained of severe neck pain since falling from a scaffold onto "
        "his head and shoulders on 10-10-16. Examination revealed point tenderness over the C6 "
        "spinous process. X-rays of the cervical spine dated 10-12-16 were indeterminate, and a "
        "C6 fracture could not be excluded. The treatment plan included an MRI of the cervical "
        "spine.",
        "The diagnoses have included cervical strain. Per the progress report dated 10-20-16, the"
        " injured worker complained of neck pain and stiffness since lifting a box ten days "
        "earlier. Examination revealed cervical paraspinal spasm with decreased rotation. The "
        "neurological examination was normal and there were no red flags. The treatment plan "
        "included an MRI of the cervical spine.",
    ),
    # shoulder MRI, failed conservative care with surgery considered: ACOEM 2004 ch. 9
    # pp. 207-209
    Pair(
        "MRI of the right shoulder",
        "5-1-2016",
        "The diagnoses have included right shoulder rotator cuff syndrome. Treatment to date has "
        "included medications, a subacromial corticosteroid injection, and ten sessions of "
        "physical therapy without improvement. Per the progress report dated 10-20-16, the "
        "injured worker complained of right shoulder pain and weakness with overhead reaching. "
        "Examination revealed right shoulder abduction to 90 degrees, weakness of the right "
        "supraspinatus rated 4-/5 and a positive drop arm test. The treatment plan included an "
        "MRI of the right shoulder to evaluate for a rotator cuff tear and possible surgical "
        "repair.",
        "The diagnoses have included right shoulder strain. Per the progress report dated "
        "10-20-16, the injured worker complained of right shoulder pain since lifting a box three"
        " weeks earlier. Treatment to date has included medications; physical therapy has been "
        "authorized but not started. Examination revealed tenderness of the right shoulder with "
        "full range of motion and 5/5 strength. The treatment plan included an MRI of the right "
        "shoulder.",
        "female",
    ),
    # knee MRI, mechanical symptoms after failed care with surgery considered: ACOEM 2004 ch. 13
    # pp. 341-343
    Pair(
        "MRI of the left knee",
        "6-1-2016",
        "The diagnoses have included left knee internal derangement. Treatment to date has "
        "included medications and eight sessions of physical therapy with no improvement. Per "
        "the progress report dated 10-20-16, the injured worker complained of left knee pain with"
        " locking and catching. Examination revealed medial joint line tenderness, a small "
        "effusion and a positive McMurray's test on the left. The treating physician is "
        "considering arthroscopic surgery. The treatment plan included an MRI of the left knee.",
        "The diagnoses have included left knee sprain. Treatment to date has included medications"
        " and eight sessions of physical therapy, with improvement in pain and walking tolerance."
        " Per the progress report dated 10-20-16, the injured worker complained of mild left knee"
        " pain without locking, catching or giving way. Examination revealed mild tenderness, no "
        "effusion, flexion to 130 degrees and a negative McMurray's test. The treatment plan "
        "included an MRI of the left knee.",
    ),
    # lumbar x-rays: trauma with a suspected fracture is a red flag; chronic pain without red
    # flags is not an indication: ACOEM 2004 ch. 12 pp. 303-304
    Pair(
        "X-rays of the lumbar spine",
        "10-5-2016@66",
        "The diagnoses have included low back contusion. Per the progress report dated 10-20-16, "
        "the injured worker complained of severe mid to low back pain after falling from a ladder"
        " onto his back on 10-5-16. Examination revealed point tenderness over the L1 spinous "
        "process; a compression fracture was suspected. The treatment plan included x-rays of the"
        " lumbar spine.",
        "The diagnoses have included chronic low back pain. Treatment to date has included "
        "medications and physical therapy. Per the progress report dated 10-20-16, the injured "
        "worker complained of low back pain, unchanged for months. Examination revealed lumbar "
        "paraspinal tenderness and a normal neurological examination. There were no red flags. "
        "The treatment plan included x-rays of the lumbar spine.",
    ),
    # knee x-rays after acute trauma with an effusion and inability to bear weight: ACOEM 2004
    # ch. 13 pp. 341-343
    Pair(
        "X-ray of the right knee, 3 views",
        "10-12-2016",
        "The diagnoses have included right knee contusion. Per the progress report dated "
        "10-20-16, the injured worker complained of right knee pain after falling onto the knee "
        "from a loading dock on 10-12-16. He was unable to bear weight. Examination revealed a "
        "large effusion and tenderness over the patella; a fracture was suspected. The treatment"
        " plan included x-rays of the right knee.",
        "The diagnoses have included right knee pain. Per the progress report dated 10-20-16, the"
        " injured worker complained of right knee pain after kneeling at work for a week, with no"
        " fall or twisting injury. He walks without a limp. Examination revealed mild anterior "
        "knee tenderness without effusion and full range of motion. The treatment plan included "
        "x-rays of the right knee.",
    ),
    # CT of the lumbar spine for a suspected fracture on plain films: ACOEM 2004 ch. 12 p. 303
    Pair(
        "CT scan of the lumbar spine",
        "9-20-2016@61",
        "The diagnoses have included lumbar contusion. Per the progress report dated 10-20-16, "
        "the injured worker complained of severe low back pain since a fall from a truck bed on "
        "9-20-16. X-rays of the lumbar spine dated 10-1-16 showed possible loss of height of the "
        "L2 vertebral body, suspicious for a compression fracture. The treatment plan included a"
        " CT scan of the lumbar spine to evaluate the suspected fracture.",
        "The diagnoses have included lumbar sprain. Per the progress report dated 10-20-16, the "
        "injured worker complained of low back pain since lifting boxes on 9-20-16, improving "
        "with medications. X-rays of the lumbar spine dated 10-1-16 were normal. Examination "
        "revealed lumbar paraspinal tenderness with a normal neurological examination. The "
        "treatment plan included a CT scan of the lumbar spine.",
    ),
    # lumbar MRI with a history of cancer (a red flag for a tumor, any time): ACOEM 2004 ch. 12
    # p. 303 (Table 12-1)
    Pair(
        "MRI of the lumbar spine with and without contrast",
        "9-26-2016@64",
        "The diagnoses have included low back pain and a history of prostate cancer treated in "
        "2012. Per the progress report dated 10-20-16, the injured worker complained of low back "
        "pain since lifting a box on 9-26-16, worse at night and not relieved by rest, with an "
        "unexplained weight loss of twelve pounds over two months. The treatment plan included "
        "an MRI of the lumbar spine with and without contrast.",
        "The diagnoses have included low back pain. Per the progress report dated 10-20-16, the "
        "injured worker complained of low back pain since lifting a box on 9-26-16. He denied "
        "fever, weight loss or a history of cancer. Examination revealed lumbar paraspinal "
        "tenderness with a normal neurological examination. The treatment plan included an MRI "
        "of the lumbar spine with and without contrast.",
    ),
    # cervical x-rays after a fall with midline tenderness (a suspected fracture): ACOEM 2004
    # ch. 8 pp. 177-178
    Pair(
        "X-rays of the cervical spine",
        "10-14-2016@58",
        "The diagnoses have included neck contusion. Per the progress report dated 10-20-16, the "
        "injured worker complained of neck pain since falling down a flight of stairs at work on "
        "10-14-16 and striking his head. Examination revealed midline tenderness over the C5 and"
        " C6 spinous processes; a cervical fracture could not be ruled out. The treatment plan "
        "included x-rays of the cervical spine.",
        "The diagnoses have included chronic cervical strain. Treatment to date has included "
        "medications and physical therapy. Per the progress report dated 10-20-16, the injured "
        "worker complained of neck pain rated 4 out of 10, unchanged for a year. Examination "
        "revealed paraspinal tenderness, a negative Spurling's test and a normal neurological "
        "examination. There were no red flags. The treatment plan included x-rays of the "
        "cervical spine.",
    ),
    # knee MRI after an acute twisting injury with giving way and an effusion: ODG Knee, MRI
    # (ACOEM 2004 ch. 13 pp. 341-343 for red flags and the period of conservative care)
    Pair(
        "MRI of the right knee",
        "10-3-2016",
        "The diagnoses have included right knee sprain, rule out anterior cruciate ligament tear."
        " Per the progress report dated 10-20-16, the injured worker reported that the right knee"
        " twisted and gave way when he stepped off a forklift on 10-3-16, and it has given way "
        "twice since. Examination revealed a moderate effusion and a positive Lachman test on "
        "the right. The treatment plan included an MRI of the right knee.",
        "The diagnoses have included right knee contusion. Per the progress report dated "
        "10-20-16, the injured worker complained of anterior right knee pain after bumping the "
        "knee on a pallet on 10-3-16. He denied giving way, locking or swelling. Examination "
        "revealed mild tenderness over the patella without effusion, full range of motion and a "
        "negative Lachman test. The treatment plan included an MRI of the right knee.",
    ),
    # ---- electrodiagnosis
    # EMG of the lower extremities, focal deficit beyond three to four weeks: ACOEM 2004 ch. 12
    # p. 303
    Pair(
        "EMG of the bilateral lower extremities",
        "4-1-2016",
        "The diagnoses have included lumbar radiculopathy. Treatment to date has included "
        "medications and physical therapy. Per the progress report dated 10-20-16, the injured "
        "worker complained of low back pain radiating to the left calf with numbness of the left"
        " foot. Examination revealed decreased sensation in the left S1 dermatome, a diminished "
        "left Achilles reflex and a positive straight leg raise on the left. MRI of the lumbar "
        "spine dated 8-1-16 showed a broad-based L5-S1 disc bulge, equivocal for contact with the"
        " left S1 nerve root. The treatment plan included an EMG of the bilateral lower "
        "extremities.",
        "The diagnoses have included lumbar strain. Treatment to date has included medications "
        "and physical therapy. Per the progress report dated 10-20-16, the injured worker "
        "complained of low back pain without radiation into the legs. Examination revealed lumbar"
        " tenderness and spasm. Sensation, motor strength and reflexes of the lower extremities "
        "were normal and straight leg raise was negative bilaterally. The treatment plan "
        "included an EMG of the bilateral lower extremities.",
    ),
    # NCV of the lower extremities: a suspected peripheral entrapment is its indication; when
    # the radiculopathy is already clear on examination and MRI it adds nothing: ODG Low Back,
    # Nerve conduction studies (ACOEM 2004 ch. 12 p. 303 for the duration)
    Pair(
        "NCV of the left lower extremity",
        "4-1-2016",
        "The diagnoses have included left knee contusion and left peroneal neuropathy. Per the "
        "progress report dated 10-20-16, the injured worker complained of numbness over the top "
        "of the left foot since striking the outside of the left knee on 4-1-16. Examination "
        "revealed decreased sensation over the dorsum of the left foot, weakness of left ankle "
        "dorsiflexion rated 4/5 and a positive Tinel's sign at the left fibular head, suggesting"
        " a peroneal nerve entrapment. The lumbar spine was nontender with a negative straight "
        "leg raise. The treatment plan included a nerve conduction study of the left lower "
        "extremity.",
        "The diagnoses have included left L5 radiculopathy. Treatment to date has included "
        "medications and physical therapy. Per the progress report dated 10-20-16, the injured "
        "worker complained of low back pain radiating down the left leg. Examination revealed "
        "decreased sensation in the left L5 dermatome, weakness of the left extensor hallucis "
        "longus rated 4/5 and a positive straight leg raise on the left. MRI of the lumbar spine "
        "dated 8-1-16 showed an L4-5 disc extrusion compressing the traversing left L5 nerve "
        "root. The treatment plan included a nerve conduction study of the left lower "
        "extremity.",
    ),
    # EMG/NCS of the upper extremities for carpal tunnel syndrome: ACOEM 2004 ch. 11 p. 261
    Pair(
        "EMG/NCS of the bilateral upper extremities",
        "2-1-2016",
        "The diagnoses have included bilateral carpal tunnel syndrome. Treatment to date has "
        "included night splints for six weeks and medications without relief. Per the progress "
        "report dated 10-20-16, the injured worker complained of numbness and tingling of the "
        "thumb, index and middle fingers of both hands that wakes her at night. Examination "
        "revealed a positive Tinel's sign and a positive Phalen's test at both wrists. The "
        "treatment plan included EMG/NCS of the bilateral upper extremities.",
        "The diagnoses have included bilateral wrist sprain. Treatment to date has included "
        "medications. Per the progress report dated 10-20-16, the injured worker complained of "
        "aching of both wrists with typing. She denied numbness or tingling. Examination revealed"
        " mild dorsal wrist tenderness; Tinel's sign and Phalen's test were negative bilaterally"
        " and sensation was intact. The treatment plan included EMG/NCS of the bilateral upper "
        "extremities.",
        "female",
    ),
    # EMG of the upper extremities for a suspected cervical radiculopathy: ACOEM 2004 ch. 8
    # p. 178
    Pair(
        "EMG of the right upper extremity",
        "3-1-2016",
        "The diagnoses have included cervical radiculopathy. Treatment to date has included "
        "medications and six sessions of physical therapy. Per the progress report dated "
        "10-20-16, the injured worker complained of neck pain radiating to the right forearm. "
        "Examination revealed a positive Spurling's test on the right, decreased sensation in the"
        " right C6 dermatome and a diminished right biceps reflex. The treatment plan included "
        "an EMG of the right upper extremity.",
        "The diagnoses have included cervical strain. Treatment to date has included medications"
        " and six sessions of physical therapy. Per the progress report dated 10-20-16, the "
        "injured worker complained of neck pain without radiation. Examination revealed cervical"
        " tenderness; Spurling's test was negative, and sensation, strength and reflexes in the "
        "upper extremities were normal. The treatment plan included an EMG of the right upper "
        "extremity.",
    ),
    # nerve conduction study for an ulnar neuropathy at the elbow: ACOEM Elbow Disorders 2007
    # (diagnostic criteria) and ACOEM 2004 ch. 11 p. 261
    Pair(
        "NCS of the left upper extremity",
        "3-1-2016",
        "The diagnoses have included left cubital tunnel syndrome. Treatment to date has included"
        " an elbow pad and activity modification for two months. Per the progress report dated "
        "10-20-16, the injured worker complained of numbness of the left ring and little fingers."
        " Examination revealed a positive Tinel's sign at the left cubital tunnel, a positive "
        "elbow flexion test and decreased sensation in the left little finger. The treatment plan"
        " included a nerve conduction study of the left upper extremity.",
        "The diagnoses have included left lateral epicondylitis. Treatment to date has included a"
        " counterforce brace and medications. Per the progress report dated 10-20-16, the "
        "injured worker complained of lateral left elbow pain with gripping and denied numbness "
        "or tingling. Examination revealed tenderness over the lateral epicondyle with intact "
        "sensation and a negative Tinel's sign at the elbow. The treatment plan included a nerve"
        " conduction study of the left upper extremity.",
        "female",
    ),
    # ---- evaluations and consultations
    # spine surgeon consultation with a surgical lesion: ACOEM 2004 ch. 7 p. 127 (complex case,
    # plan of care benefits from additional expertise)
    Pair(
        "Consultation with an orthopedic spine surgeon",
        "2-1-2016",
        "The diagnoses have included L5-S1 disc herniation with left S1 radiculopathy. Treatment "
        "to date has included medications, twelve sessions of physical therapy and a lumbar "
        "epidural steroid injection without lasting relief. Per the progress report dated "
        "10-20-16, the injured worker complained of low back and left leg pain. Examination "
        "revealed decreased sensation in the left S1 dermatome and an absent left Achilles "
        "reflex. MRI of the lumbar spine dated 7-1-16 revealed a left L5-S1 disc herniation "
        "compressing the left S1 nerve root. The treatment plan included a consultation with a "
        "spine surgeon.",
        "The diagnoses have included lumbar strain. Treatment to date has included medications "
        "and six sessions of physical therapy, with steady improvement. Per the progress report "
        "dated 10-20-16, the injured worker reported that his low back pain had decreased to 2 "
        "out of 10 and he had returned to full duty. Examination revealed mild lumbar tenderness "
        "and a normal neurological examination. MRI of the lumbar spine dated 7-1-16 was normal."
        " The treatment plan included a consultation with a spine surgeon.",
    ),
    # orthopedic consultation for the knee with a surgical lesion: ACOEM 2004 ch. 7 p. 127 and
    # ch. 13 p. 343 (referral for surgical consultation with a lesion and failed care)
    Pair(
        "Orthopedic surgeon consultation for the right knee",
        "5-1-2016",
        "The diagnoses have included right knee medial meniscus tear. Treatment to date has "
        "included medications and eight sessions of physical therapy without improvement. Per "
        "the progress report dated 10-20-16, the injured worker complained of right knee pain "
        "with locking. Examination revealed medial joint line tenderness and a positive "
        "McMurray's test. MRI of the right knee dated 8-10-16 revealed a complex tear of the "
        "posterior horn of the medial meniscus. The treatment plan included referral to an "
        "orthopedic surgeon.",
        "The diagnoses have included right knee sprain. Treatment to date has included "
        "medications and physical therapy, with improvement. Per the progress report dated "
        "10-20-16, the injured worker reported mild right knee pain, rated 2 out of 10. "
        "Examination revealed full range of motion without effusion or instability. MRI of the "
        "right knee dated 8-10-16 was normal. The treatment plan included referral to an "
        "orthopedic surgeon.",
        "female",
    ),
    # pain management consultation: ACOEM 2004 ch. 7 p. 127 (complex course of care)
    Pair(
        "Pain management consultation",
        "6-1-2014",
        "The diagnoses have included lumbar post-laminectomy syndrome and chronic pain. Treatment"
        " to date has included lumbar surgery, physical therapy, epidural steroid injections and"
        " medications, all without lasting relief. Per the progress report dated 10-20-16, the "
        "injured worker complained of persistent low back and bilateral leg pain rated 8 out of "
        "10. Examination revealed decreased sensation in the bilateral L5 dermatomes. The "
        "treatment plan included a pain management consultation.",
        "The diagnoses have included lumbar strain. Treatment to date has included ibuprofen and "
        "physical therapy, with improvement. Per the progress report dated 10-20-16, the injured"
        " worker reported that his low back pain had largely resolved, rated 1 out of 10, and he"
        " was working full duty. Examination was normal. The treatment plan included a pain "
        "management consultation.",
    ),
    # psychological evaluation: CPMTG 2009 pp. 100-101
    Pair(
        "Psychological evaluation",
        "1-10-2015",
        "The diagnoses have included chronic low back pain. Treatment to date has included "
        "medications, physical therapy and acupuncture. Per the progress report dated 10-20-16, "
        "the injured worker reported depressed mood, frequent crying spells, anxiety about "
        "losing his job, and poor sleep because of pain. The treatment plan included a "
        "psychological evaluation.",
        "The diagnoses have included lumbar strain. Per the progress report dated 10-20-16, the "
        "injured worker complained of low back pain since lifting a box on 9-1-16, improving with"
        " medications and a home exercise program. He denied depression, anxiety or sleep "
        "problems. The treatment plan included a psychological evaluation.",
    ),
    # functional capacity evaluation: ACOEM 2004 ch. 7 pp. 137-138, ODG Fitness for Duty
    Pair(
        "Functional capacity evaluation",
        "3-1-2014",
        "The diagnoses have included lumbar disc herniation. Treatment to date has included "
        "medications, physical therapy and epidural steroid injections. Per the progress report"
        " dated 10-20-16, the injured worker was declared permanent and stationary, at maximal "
        "medical improvement, with no further treatment planned. An attempt to return to his "
        "usual job as a warehouse loader failed after two days. His employer has asked for "
        "specific work restrictions. The treatment plan included a functional capacity "
        "evaluation to determine his ability to return to work.",
        "The diagnoses have included lumbar disc herniation. Treatment to date has included "
        "medications and physical therapy. Per the progress report dated 10-20-16, the injured "
        "worker continues physical therapy and is scheduled for an epidural steroid injection. "
        "He is temporarily totally disabled. The treatment plan included a functional capacity "
        "evaluation.",
    ),
    # functional restoration program evaluation: CPMTG 2009 pp. 30-32
    Pair(
        "Functional restoration program evaluation",
        "5-1-2013",
        "The diagnoses have included chronic low back pain and lumbar degenerative disc disease."
        " Treatment to date has included medications, physical therapy, chiropractic care, "
        "acupuncture and epidural steroid injections, all without lasting benefit. Per the "
        "progress report dated 10-20-16, the injured worker complained of low back pain rated 7 "
        "out of 10. He is unable to sit longer than twenty minutes or lift more than ten pounds "
        "and has not worked since 2013. A spine surgeon found that he is not a surgical "
        "candidate. He is motivated to return to work. The treatment plan included an evaluation"
        " for a functional restoration program.",
        "The diagnoses have included chronic low back pain and L4-5 spondylolisthesis. Treatment "
        "to date has included medications, physical therapy and epidural steroid injections "
        "without lasting benefit. Per the progress report dated 10-20-16, the injured worker "
        "complained of low back pain rated 7 out of 10 and is unable to sit longer than twenty "
        "minutes. The spine surgeon has recommended an L4-5 fusion, and the injured worker "
        "wishes to proceed with the surgery. The treatment plan included an evaluation for a "
        "functional restoration program.",
    ),
    # follow-up office visit: CPMTG 2016 / ODG Pain, Office visits (medications that require
    # monitoring, ongoing symptoms)
    Pair(
        "Follow-up visit with the treating physician",
        "3-1-2015",
        "The diagnoses have included chronic low back pain. Treatment to date has included "
        "physical therapy and medications, including Norco 10/325 mg twice daily. Per the "
        "progress report dated 10-20-16, the injured worker complained of low back pain rated 6 "
        "out of 10. The treatment plan included a follow-up visit in four weeks to monitor his "
        "medications.",
        "The diagnoses have included lumbar strain, resolved. Per the progress report dated "
        "10-20-16, the injured worker reported no pain, takes no medications, and has returned to"
        " full duty without restrictions. He was discharged from care at maximal medical "
        "improvement with no further treatment needed. The treatment plan included a follow-up "
        "visit.",
    ),
    # pain management consultation for a high opioid dose: CPMTG 2009 Opioids, dosing (a pain
    # specialist's consultation at or above 120 mg oral morphine equivalents a day) and ACOEM 2004
    # ch. 7 p. 127
    Pair(
        "Pain management consultation for medication management",
        "6-1-2012",
        "The diagnoses have included chronic low back pain. Treatment to date has included "
        "physical therapy and medications. Per the progress report dated 10-20-16, the injured "
        "worker is taking OxyContin 40 mg three times a day and oxycodone 15 mg four times a day,"
        " a morphine equivalent dose of 270 mg per day, for low back pain rated 7 out of 10. The "
        "treatment plan included a pain management consultation for opioid management.",
        "The diagnoses have included lumbar strain. Treatment to date has included six sessions "
        "of physical therapy, with improvement. Per the progress report dated 10-20-16, the "
        "injured worker takes tramadol 50 mg twice a day, reports low back pain of 2 out of 10 "
        "and is working full duty. Examination was unremarkable. The treatment plan included a "
        "pain management consultation for medication management.",
    ),
    # psychological evaluation before a spinal cord stimulator trial: CPMTG 2009 pp. 100-101
    # (and p. 101, psychological evaluation before an implanted device)
    Pair(
        "Psychological clearance evaluation",
        "5-1-2013",
        "The diagnoses have included lumbar post-laminectomy syndrome with persistent left leg "
        "radicular pain. Treatment to date has included lumbar fusion in 2014, physical therapy, "
        "epidural steroid injections and medications. Per the progress report dated 10-20-16, "
        "the injured worker continued to complain of burning left leg pain. The pain management"
        " physician recommended a spinal cord stimulator trial, for which a psychological "
        "evaluation is required. The treatment plan included a psychological evaluation.",
        "The diagnoses have included lumbar strain. Per the progress report dated 10-20-16, the "
        "injured worker complained of low back pain since a lifting injury on 8-1-16, improving "
        "with medications and therapy. No procedure is planned. He denied depression, anxiety or"
        " sleep problems. The treatment plan included a psychological clearance evaluation.",
    ),
    # ---- drug screens and laboratory tests
    # urine drug screen on opioids, no test yet: MTUS Opioids 2016 pp. 5-9 (CPMTG 2009 p. 43)
    Pair(
        "Urine drug screen",
        "3-1-2015",
        "The diagnoses have included chronic low back pain. Treatment to date has included "
        "physical therapy and medications. Per the progress report dated 10-20-16, the injured "
        "worker is taking Norco 10/325 mg three times a day. No urine drug screen has been "
        "documented. The treatment plan included a urine drug screen.",
        "The diagnoses have included chronic low back pain. Treatment to date has included "
        "physical therapy and medications. Per the progress report dated 10-20-16, the injured "
        "worker takes naproxen and uses a lidocaine patch; he takes no opioids. The treatment "
        "plan included a urine drug screen.",
    ),
    # repeat urine drug screen: frequency by risk, more often with aberrant behaviour: MTUS
    # Opioids 2016 pp. 5-9; ODG Pain, Urine drug testing
    Pair(
        "Urine toxicology screen",
        "3-1-2013",
        "The diagnoses have included chronic neck pain. Treatment to date has included physical "
        "therapy and medications. Per the progress report dated 10-20-16, the injured worker is "
        "taking oxycodone 10 mg four times a day. A urine drug screen dated 8-1-16 was negative "
        "for the prescribed oxycodone. He has requested early refills twice and reported his "
        "medication lost. The treatment plan included a urine toxicology screen.",
        "The diagnoses have included chronic neck pain. Treatment to date has included physical "
        "therapy and medications. Per the progress report dated 10-20-16, the injured worker is "
        "taking oxycodone 10 mg four times a day. A urine drug screen dated 8-1-16 was consistent"
        " with the prescribed medications. There were no aberrant drug behaviors, and he was "
        "considered at low risk. The treatment plan included a urine toxicology screen.",
    ),
    # a retrospective drug screen on the day opioids were started: MTUS Opioids 2016 pp. 5-9
    # (a test before starting chronic opioid therapy)
    Pair(
        "Retrospective urine drug screen (DOS 10-20-16)",
        "3-1-2016",
        "The diagnoses have included lumbar radiculopathy. Treatment to date has included "
        "physical therapy, NSAIDs and gabapentin without adequate relief. Per the progress "
        "report dated 10-20-16, the injured worker complained of low back and left leg pain "
        "rated 8 out of 10. Tramadol 50 mg twice a day was started, and a urine drug screen "
        "was collected before the first dose. No earlier drug screen was documented.",
        "The diagnoses have included lumbar strain. Treatment to date has included physical "
        "therapy and medications. Per the progress report dated 10-20-16, the injured worker "
        "complained of low back pain rated 3 out of 10, controlled with ibuprofen. He has never "
        "been prescribed opioids. A urine drug screen was collected at the visit.",
    ),
    # laboratory monitoring of a long-term NSAID: CPMTG 2009 p. 70 (periodic blood count and
    # chemistry profile)
    Pair(
        "CBC and comprehensive metabolic panel",
        "3-1-2014",
        "The diagnoses have included chronic right knee pain. Treatment to date has included "
        "physical therapy and medications. Per the progress report dated 10-20-16, the injured "
        "worker has taken naproxen 550 mg twice daily for two years. No laboratory tests have "
        "been documented. The treatment plan included a CBC and comprehensive metabolic panel "
        "to monitor for NSAID side effects.",
        "The diagnoses have included chronic right knee pain. Treatment to date has included "
        "physical therapy and a home exercise program. Per the progress report dated 10-20-16, "
        "the injured worker takes no medications. The treatment plan included a CBC and "
        "comprehensive metabolic panel.",
    ),
    # laboratory tests for a suspected infection (a red flag): ACOEM 2004 ch. 12 p. 303
    Pair(
        "Lab tests: ESR and CRP",
        "3-1-2015",
        "The diagnoses have included lumbar radiculopathy, status post lumbar epidural steroid "
        "injection on 10-10-16. Per the progress report dated 10-20-16, the injured worker "
        "complained of worsening low back pain since the injection with fevers and chills. "
        "Examination revealed a temperature of 101.2 F and tenderness over the lumbar spine; an "
        "epidural infection was suspected. The treatment plan included laboratory tests "
        "including an ESR and CRP.",
        "The diagnoses have included lumbar radiculopathy. Per the progress report dated "
        "10-20-16, the injured worker complained of chronic low back pain, unchanged. He denied "
        "fever, chills or weight loss. Examination revealed lumbar tenderness. The treatment "
        "plan included laboratory tests including an ESR and CRP.",
    ),
]


@pytest.mark.parametrize("pair", CASES, ids=[p.item for p in CASES])
def test_supported_case_is_overturned(pair: Pair) -> None:
    got = _decide(pair.item, pair.injured, pair.supported, pair.sex)
    assert got.decision == "overturned", got.rationale


@pytest.mark.parametrize("pair", CASES, ids=[p.item for p in CASES])
def test_counterpart_is_upheld_with_what_is_needed(pair: Pair) -> None:
    got = _decide(pair.item, pair.injured, pair.unsupported, pair.sex)
    assert got.decision == "upheld", got.rationale
    assert got.needed, got.rationale


def _pair(item: str) -> Pair:
    return next(p for p in CASES if p.item == item)


LUMBAR = _pair("MRI of the lumbar spine")
REPEAT = _pair("Repeat MRI of the lumbar spine")
EMG_LOW = _pair("EMG of the bilateral lower extremities")
CTS = _pair("EMG/NCS of the bilateral upper extremities")
VISIT = _pair("Follow-up visit with the treating physician")
UDS = _pair("Urine toxicology screen")
SHOULDER = _pair("MRI of the right shoulder")
VARIANTS = [
    # ACOEM 2004 ch. 12 pp. 303-304 applies through the subacute period: nine weeks after the
    # injury, the same nerve compromise after failed care is decided by the chapter
    ("lumbar MRI nine weeks after the injury", LUMBAR.item, "8-18-2016", LUMBAR.supported,
     "overturned"),
    # ACOEM 2004 ch. 12 p. 303: in the first month, without a red flag, a radicular deficit is
    # not yet a reason to image; conservative care and observation come first
    ("lumbar MRI three weeks after the injury, no red flags", LUMBAR.item, "10-13-2016",
     "The diagnoses have included lumbar radiculopathy. Per the progress report dated 10-20-16,"
     " the injured worker complained of low back pain radiating to the left foot since lifting"
     " a crate on 10-13-16. Examination revealed decreased sensation in the left L5 dermatome "
     "and a positive straight leg raise on the left at 50 degrees. There were no red flags. "
     "Treatment to date has included medications and modified duty. The treatment plan "
     "included an MRI of the lumbar spine.", "upheld"),
    # ODG: a prior study in the narrative with a significant change since (a new motor deficit)
    # supports the study, whatever the item's wording
    ("lumbar MRI after a prior MRI with a new deficit, item not worded repeat",
     "MRI of the lumbar spine", REPEAT.injured,
     REPEAT.supported.replace("a repeat MRI", "an MRI"), "overturned"),
    # ODG: a narrative prior study makes the request a repeat even when the item does not say
    # "repeat"; with nothing changed it is upheld
    ("lumbar MRI after a prior MRI, item not worded repeat", "MRI of the lumbar spine",
     REPEAT.injured, REPEAT.unsupported.replace("a repeat MRI", "an MRI"), "upheld"),
    # ACOEM 2004 ch. 12 p. 303: electrodiagnosis waits for three to four weeks of symptoms
    ("lower EMG ten days after the injury", EMG_LOW.item, "10-24-2016",
     "The diagnoses have included lumbar strain with left leg radiation. Per the progress report"
     " dated 10-28-16, the injured worker complained of low back pain radiating to the left calf"
     " since lifting a crate on 10-24-16. Examination revealed decreased sensation in the left S1"
     " dermatome and a positive straight leg raise on the left. The treatment plan included an "
     "EMG of the bilateral lower extremities.", "upheld"),
    # ACOEM 2004 ch. 11 p. 261: the same hand findings ten days after the onset are too early
    ("upper EDX ten days after the injury", CTS.item, "10-24-2016",
     "The diagnoses have included bilateral carpal tunnel syndrome. Per the progress report "
     "dated 10-28-16, the injured worker complained of numbness and tingling of the thumb, index"
     " and middle fingers of both hands since a week of heavy keyboard work ending on 10-24-16. "
     "Examination revealed a positive Tinel's sign and a positive Phalen's test at both wrists. "
     "The treatment plan included EMG/NCS of the bilateral upper extremities.", "upheld"),
    # CPMTG 2016 office visits: each visit's need is judged at the time, not a block of six
    ("six follow-up visits", "Follow-up visits x 6", VISIT.injured, VISIT.supported, "upheld"),
    # counts in words: "ten sessions ... without improvement" is failed care
    ("shoulder MRI, failed care counted in words", SHOULDER.item, SHOULDER.injured,
     SHOULDER.supported.replace("ten sessions", "twelve sessions"), "overturned"),
    # MTUS Opioids 2016 pp. 5-9: a year since the last test of a patient at low risk
    ("yearly urine drug screen at low risk", UDS.item, UDS.injured,
     UDS.unsupported.replace("dated 8-1-16", "dated 7-1-15"), "overturned"),
]


@pytest.mark.parametrize(
    ("item", "injured", "text", "expected"),
    [v[1:] for v in VARIANTS],
    ids=[v[0] for v in VARIANTS],
)
def test_variant(item: str, injured: str, text: str, expected: str) -> None:
    got = _decide(item, injured, text)
    assert got.decision == expected, got.rationale
    if expected == "upheld":
        assert got.needed, got.rationale


def _variant(name: str) -> ItemDecision:
    v = next(v for v in VARIANTS if v[0] == name)
    return _decide(v[1], v[2], v[3])


def test_an_unmet_requirement_does_not_deny_what_the_records_show() -> None:
    # upheld on the duration alone (ACOEM 2004 ch. 12 p. 303): the deficit itself is documented,
    # so the conclusion may not say that none is
    early = _variant("lower EMG ten days after the injury")
    said = "persistent focal neurologic deficit lasting more than three to four weeks"
    assert said in early.rationale, early.rationale
    assert "no persistent focal neurologic deficit" not in early.rationale
    assert "1 week before the UR decision" in early.rationale, early.rationale
    # upheld on the block of six (CPMTG 2016 office visits): symptoms and opioids are documented
    block = _variant("six follow-up visits")
    assert "do not show symptoms or medications" not in block.rationale, block.rationale
