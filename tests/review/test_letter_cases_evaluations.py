"""Evaluations, consultations and visits, each written the way a Final Determination Letter's
clinical case summary reports a case (third person, dates like 10-20-16, treatment to date in one
sentence, a UR sentence), with its counterpart that lacks exactly what the guideline asks for.
Fictional. Decided as of late 2016: the MTUS (ACOEM 2004 Chapter 7 for referrals and functional
capacity evaluations, the 2009 Chronic Pain Medical Treatment Guidelines for psychological
evaluations and programs, the 2016 Office visits section) and ODG where the MTUS is silent. The
supported case is overturned; the counterpart is upheld with the requesting physician's checklist
(`needed`) filled in. The easier contrasts (a surgical lesion against a resolved strain) are in
test_letter_cases_studies.py; these are the ones a reviewer has to think about: a referral for a
diagnosis that is uncertain, or beyond the treating physician's expertise, against a routine one;
an initial examination by a new provider; an evaluation for a program or a job when the case is
settled or still in active treatment."""

from __future__ import annotations

import pytest
from _letter_case import Pair, decide_letter_case, decide_letter_items

from openimr.domain import ItemDecision


def _decide(item: str, injured: str, text: str, sex: str = "male") -> ItemDecision:
    return decide_letter_case(item, injured, text, sex, case_number="CM00-evaluations")


CASES = [
    # ---- consultations and referrals: ACOEM 2004 ch. 7 p. 127 (a referral when the diagnosis
    # is uncertain or extremely complex, when psychosocial factors are present, or when the plan
    # or course of care may benefit from additional expertise)
    # the diagnosis is uncertain: symptoms the work-up has not explained
    Pair(
        "Neurology consultation",
        "8-29-2016",
        "The diagnoses have included head contusion and cervical strain. Treatment to date has "
        "included medications and six sessions of physical therapy. Per the progress report dated"
        " 10-20-16, the injured worker complained of daily headaches, dizziness and difficulty "
        "remembering instructions since striking his head on a beam on 8-29-16. CT of the head "
        "dated 9-2-16 was normal. The treating physician stated that the cause of the persistent "
        "headaches and memory complaints remained unclear. The treatment plan included a "
        "neurology consultation.",
        "The diagnoses have included head contusion and cervical strain. Treatment to date has "
        "included medications and six sessions of physical therapy. Per the progress report dated"
        " 10-20-16, the injured worker reported that the headaches that followed striking his "
        "head on a beam on 8-29-16 had decreased to once a week and were relieved by ibuprofen. "
        "CT of the head dated 9-2-16 was normal. Examination revealed a normal neurological "
        "examination. The treatment plan included a neurology consultation.",
    ),
    # the plan of care needs expertise the treating provider does not have: the treating
    # chiropractor refers the management of medications to a physician
    Pair(
        "Referral to a pain management physician for medication management",
        "4-12-2015",
        "The diagnoses have included chronic lumbar strain and lumbar facet syndrome. Treatment to"
        " date has included chiropractic care, acupuncture and medications prescribed by a "
        "physician who has since retired. Per the progress report dated 10-20-16, the injured "
        "worker complained of low back pain rated 6 out of 10 and asked for help with his "
        "medications. The primary treating physician, a chiropractor, noted that medication "
        "management is outside the scope of his practice. The treatment plan included a referral "
        "to a pain management physician for medication management.",
        "The diagnoses have included chronic lumbar strain. Treatment to date has included "
        "physical therapy and medications. Per the progress report dated 10-20-16, the injured "
        "worker complained of low back pain rated 3 out of 10, stable on naproxen, which the "
        "primary treating physician prescribes and continues. He is working full duty. "
        "Examination revealed mild lumbar tenderness. The treatment plan included a referral to a"
        " pain management physician for medication management.",
    ),
    # an extremely complex case: a confirmed radiculopathy is not by itself a reason to refer
    # when it is improving on the current care and the treating physician states no question
    Pair(
        "Orthopedic spine consultation",
        "6-15-2016",
        "The diagnoses have included L4-5 disc herniation with left L5 radiculopathy. Treatment "
        "to date has included medications, twelve sessions of physical therapy and an epidural "
        "steroid injection on 9-1-16 with two weeks of relief. Per the progress report dated "
        "10-20-16, the injured worker complained of worsening left leg pain with new numbness "
        "of the left foot. Examination revealed decreased sensation in the left L5 dermatome "
        "and weakness of the left extensor hallucis longus rated 4/5. MRI of the lumbar spine "
        "dated 8-1-16 revealed a left L4-5 disc extrusion compressing the traversing L5 nerve "
        "root. The treatment plan included an orthopedic spine consultation to discuss surgical "
        "options.",
        "The diagnoses have included L4-5 disc herniation with left L5 radiculopathy. Treatment "
        "to date has included medications and eight sessions of physical therapy, with steady "
        "improvement. Per the progress report dated 10-20-16, the injured worker reported that "
        "the left leg pain had decreased from 7 to 2 out of 10 and the numbness of the left foot "
        "had resolved. He declined any surgical intervention. Examination revealed a normal "
        "neurological examination of the lower extremities and a negative straight leg raise. "
        "The treatment plan included continued home exercise and an orthopedic spine "
        "consultation.",
    ),
    # a confirmed radiculopathy: referral once the radicular symptoms persist after conservative
    # care (ACOEM 2004 ch. 8 p. 180), not while they resolve on it with no question asked
    Pair(
        "Neurosurgical consultation for the cervical spine",
        "7-11-2016",
        "The diagnoses have included cervical radiculopathy at C6. Treatment to date has included"
        " medications and twelve sessions of physical therapy without improvement. Per the "
        "progress report dated 10-20-16, the injured worker complained of persistent right arm "
        "pain and numbness of the right thumb that keep him from working. Examination revealed "
        "decreased sensation in the right C6 dermatome and a diminished right brachioradialis "
        "reflex. MRI of the cervical spine dated 9-1-16 revealed a right C5-6 foraminal disc "
        "protrusion. The treatment plan included a neurosurgical consultation.",
        "The diagnoses have included cervical radiculopathy at C6. Treatment to date has included"
        " medications and eight sessions of physical therapy, with steady improvement. Per the "
        "progress report dated 10-20-16, the injured worker reported that the right arm pain had "
        "decreased from 7 to 3 out of 10 and he had returned to modified duty. Examination "
        "revealed slightly decreased sensation in the right C6 dermatome, improved since the "
        "last visit, with full strength. MRI of the cervical spine dated 9-1-16 revealed mild "
        "degenerative changes without nerve root compression. The treatment plan included "
        "continued physical therapy and a neurosurgical consultation.",
    ),
    # referral for spine surgery consultation: leg symptoms limiting activity for more than a
    # month with a matching lesion and failed conservative care (ACOEM 2004 ch. 12 pp. 305-306);
    # the same lesion and signs resolving on therapy are not yet a reason
    Pair(
        "Spine surgeon consultation",
        "7-25-2016",
        "The diagnoses have included L5-S1 disc herniation with right S1 radiculopathy. "
        "Treatment to date has included medications, modified duty and ten sessions of physical "
        "therapy without improvement. Per the progress report dated 10-20-16, the injured worker"
        " complained of right leg pain to the heel that keeps him from walking more than a "
        "block. Examination revealed an absent right Achilles reflex and decreased sensation "
        "over the lateral right foot. MRI of the lumbar spine dated 9-6-16 revealed a right "
        "L5-S1 disc extrusion compressing the S1 nerve root. The treatment plan included a spine"
        " surgeon consultation.",
        "The diagnoses have included L5-S1 disc herniation with right S1 radiculopathy. "
        "Treatment to date has included medications, modified duty and six sessions of physical "
        "therapy, with steady improvement. Per the progress report dated 10-20-16, the injured "
        "worker reported that the right leg pain had decreased from 8 to 4 out of 10 and he was "
        "walking a mile. Examination revealed a diminished right Achilles reflex and decreased "
        "sensation over the lateral right foot, improved since the last visit. MRI of the lumbar"
        " spine dated 9-6-16 revealed a right L5-S1 disc extrusion contacting the S1 nerve root."
        " The treatment plan included six more sessions of physical therapy and a spine surgeon "
        "consultation.",
    ),
    # surgical consultation for the shoulder: a full-thickness tear with weakness after failed
    # care (ACOEM 2004 ch. 9 pp. 209-211, referral for surgical consultation) versus tendinosis
    # improving on therapy
    Pair(
        "Orthopedic surgical consultation for the right shoulder",
        "3-2-2016",
        "The diagnoses have included right shoulder rotator cuff tear. Treatment to date has "
        "included medications, a subacromial corticosteroid injection and twelve sessions of "
        "physical therapy without improvement. Per the progress report dated 10-20-16, the "
        "injured worker complained of right shoulder pain and weakness lifting the arm. "
        "Examination revealed weakness of the right supraspinatus rated 3+/5 and a positive drop "
        "arm test. MRI of the right shoulder dated 8-5-16 revealed a full-thickness tear of the "
        "supraspinatus tendon. The treatment plan included an orthopedic surgical consultation.",
        "The diagnoses have included right shoulder supraspinatus tendinosis. Treatment to date "
        "has included medications and eight sessions of physical therapy, with improvement. Per "
        "the progress report dated 10-20-16, the injured worker reported that the right shoulder "
        "pain had decreased to 2 out of 10 and she was able to reach overhead. Examination "
        "revealed full range of motion and 5/5 strength. MRI of the right shoulder dated 8-5-16 "
        "revealed tendinosis without a tear. The treatment plan included an orthopedic surgical "
        "consultation.",
        "female",
    ),
    # ---- psychological evaluation and testing: CPMTG 2009 pp. 100-101
    # testing with documented psychological symptoms against testing with none: the same chronic
    # pain, improving on therapy, with or without depression and anxiety
    Pair(
        "Psychological testing",
        "2-16-2016",
        "The diagnoses have included right knee internal derangement, status post arthroscopy "
        "on 5-10-16. Treatment to date has included surgery and sixteen sessions of postoperative "
        "physical therapy, with improving strength. Per the progress report dated 10-20-16, the "
        "injured worker reported feeling depressed and hopeless about returning to work, with "
        "panic attacks when he thinks about the accident and waking at night with nightmares. "
        "The treatment plan included psychological testing as part of a psychological "
        "evaluation.",
        "The diagnoses have included right knee internal derangement, status post arthroscopy "
        "on 5-10-16. Treatment to date has included surgery and sixteen sessions of postoperative "
        "physical therapy, with improving strength. Per the progress report dated 10-20-16, the "
        "injured worker reported that his mood was good and he was looking forward to returning "
        "to work. He denied depression, anxiety or sleep problems. The treatment plan included "
        "psychological testing as part of a psychological evaluation.",
    ),
    # in the subacute period: fear of movement that holds back recovery is a psychosocial
    # factor to evaluate (CPMTG 2009 p. 23, screening for risk factors for delayed recovery,
    # including fear-avoidance beliefs; pp. 100-101); recovery on course is not
    Pair(
        "Psychological evaluation",
        "8-15-2016",
        "The diagnoses have included lumbar strain. Treatment to date has included medications "
        "and eight sessions of physical therapy, with little progress. Per the progress report "
        "dated 10-20-16, the injured worker reported that he is afraid to bend or lift for fear "
        "of reinjuring his back and has stopped his home exercises. His score on the "
        "fear-avoidance beliefs questionnaire was elevated. The treatment plan included a "
        "psychological evaluation.",
        "The diagnoses have included lumbar strain. Treatment to date has included medications "
        "and eight sessions of physical therapy, with steady progress. Per the progress report "
        "dated 10-20-16, the injured worker reported that he does his home exercises daily and "
        "has resumed lifting at modified duty. He denied depression or anxiety. The treatment "
        "plan included a psychological evaluation.",
    ),
    # a psychiatric consultation for depression that has not answered an antidepressant, against
    # a consultation requested with no psychiatric symptoms at all
    Pair(
        "Psychiatric consultation",
        "9-9-2014",
        "The diagnoses have included chronic cervical pain and major depressive disorder. "
        "Treatment to date has included physical therapy, cervical epidural steroid injections "
        "and medications, including sertraline 100 mg daily since 3-1-16 without improvement of "
        "mood. Per the progress report dated 10-20-16, the injured worker reported worsening "
        "depression, crying spells and passive thoughts of death. The treatment plan included a "
        "psychiatric consultation.",
        "The diagnoses have included chronic cervical pain. Treatment to date has included "
        "physical therapy, cervical epidural steroid injections and medications. Per the progress"
        " report dated 10-20-16, the injured worker complained of neck pain rated 4 out of 10. "
        "He denied depressed mood, anxiety or sleep disturbance, and his mood and affect were "
        "normal on examination. The treatment plan included a psychiatric consultation.",
        "female",
    ),
    # ---- visits
    # an initial examination by a new provider: justified when care is transferred to a new
    # treating physician; not when the patient's treating physician examines and treats him and
    # no reason for a new provider is given (CPMTG 2016 Office visits: each visit's need is
    # individual)
    Pair(
        "Initial exam",
        "8-22-2016",
        "The diagnoses have included lumbar sprain and strain. Treatment to date has included "
        "medications and six sessions of physical therapy. Per the progress report dated "
        "10-20-16, the injured worker's primary treating physician has left the practice, and "
        "the injured worker has designated a new primary treating physician, who has not yet "
        "examined him. He complained of low back pain rated 6 out of 10. The treatment plan "
        "included an initial examination with the new primary treating physician.",
        "The diagnoses have included lumbar sprain and strain. Treatment to date has included "
        "medications and six sessions of physical therapy. Per the progress report dated "
        "10-20-16, the injured worker was seen by his primary treating physician for an "
        "evaluation of low back pain rated 6 out of 10. Examination revealed lumbar paraspinal "
        "spasm and a positive straight leg raise on the left at 60 degrees. He continues physical"
        " therapy. The treatment plan included an initial exam.",
    ),
    # a re-evaluation after a treatment: a follow-up to judge the response to a new medication
    # the physician started; not once the patient has been discharged from care at maximal
    # improvement, even with some pain remaining
    Pair(
        "Follow-up re-evaluation in 4 weeks",
        "8-1-2016",
        "The diagnoses have included left carpal tunnel syndrome. Treatment to date has included "
        "a wrist splint and medications. Per the progress report dated 10-20-16, the injured "
        "worker complained of numbness of the left hand at night, rated 5 out of 10. Gabapentin "
        "300 mg at bedtime was started. The treatment plan included a re-evaluation in four "
        "weeks to assess the response to gabapentin.",
        "The diagnoses have included left wrist strain. Treatment to date has included a wrist "
        "splint, medications and eight sessions of occupational therapy. Per the progress report"
        " dated 10-20-16, the injured worker reported occasional mild left wrist soreness after "
        "long shifts, which needs no medication. She was declared permanent and stationary and "
        "discharged from care with no further treatment planned. The treatment plan included a "
        "follow-up re-evaluation.",
        "female",
    ),
    # ---- functional capacity evaluation: ACOEM 2004 ch. 7 pp. 137-138; ODG Fitness for Duty
    # near maximal improvement with a question about a job, against a worker who has already
    # returned to his usual job without restrictions (no question for the test to answer)
    Pair(
        "Functional capacity evaluation",
        "1-20-2015",
        "The diagnoses have included right shoulder impingement, status post arthroscopic "
        "subacromial decompression on 2-1-16. Treatment to date has included surgery, "
        "twenty-four sessions of postoperative physical therapy and a home exercise program. Per"
        " the progress report dated 10-20-16, the injured worker has plateaued and is expected to"
        " be declared permanent and stationary. His employer has offered modified work but needs "
        "to know what weight he can lift overhead. The treatment plan included a functional "
        "capacity evaluation to define permanent work restrictions.",
        "The diagnoses have included right shoulder impingement, status post arthroscopic "
        "subacromial decompression on 2-1-16. Treatment to date has included surgery, "
        "twenty-four sessions of postoperative physical therapy and a home exercise program. Per"
        " the progress report dated 10-20-16, the injured worker was declared permanent and "
        "stationary. He returned to his usual job at full duty without restrictions on 9-1-16 "
        "and has worked without difficulty since. The treatment plan included a functional "
        "capacity evaluation.",
    ),
    # the same question about work, while treatment is still under way: the worker is not near
    # maximal improvement, so the results would not last
    Pair(
        "FCE",
        "7-5-2016",
        "The diagnoses have included lumbar strain and left sacroiliac joint dysfunction. "
        "Treatment to date has included medications, twelve sessions of physical therapy and a "
        "sacroiliac joint injection. Per the progress report dated 10-20-16, the injured worker "
        "has reached a plateau in his recovery and has been declared at maximal medical "
        "improvement, with no further treatment recommended. His employer has asked whether he "
        "can return to his job as a delivery driver. The treatment plan included an FCE.",
        "The diagnoses have included lumbar strain and left sacroiliac joint dysfunction. "
        "Treatment to date has included medications and six sessions of physical therapy. Per "
        "the progress report dated 10-20-16, the injured worker continues to improve with "
        "physical therapy and is not yet at maximal medical improvement. Six more sessions of "
        "physical therapy have been requested. His employer has asked whether he can return to "
        "his job as a delivery driver. The treatment plan included an FCE.",
    ),
    # ODG Fitness for Duty, FCE: not when its sole purpose is to judge the worker's effort or
    # compliance
    Pair(
        "Functional capacity evaluation for the lumbar spine",
        "2-3-2015",
        "The diagnoses have included lumbar disc herniation. Treatment to date has included "
        "medications, physical therapy, two epidural steroid injections and a home exercise "
        "program. Per the progress report dated 10-20-16, the injured worker has been declared "
        "permanent and stationary. He remains off work, and his employer has asked whether he can"
        " return to his job as a forklift operator. The treatment plan included a functional "
        "capacity evaluation to determine his safe lifting capacity.",
        "The diagnoses have included lumbar disc herniation. Treatment to date has included "
        "medications, physical therapy, two epidural steroid injections and a home exercise "
        "program. Per the progress report dated 10-20-16, the injured worker has been declared "
        "permanent and stationary. He remains off work. The physician noted inconsistent effort "
        "during the examination, and the treatment plan included a functional capacity "
        "evaluation to determine whether he is giving full effort.",
    ),
    # ---- functional restoration program evaluation: CPMTG 2009 pp. 30-32 (the criteria include
    # a patient motivated to change, p. 32)
    Pair(
        "Evaluation for a functional restoration program",
        "11-2-2013",
        "The diagnoses have included chronic cervical and lumbar pain. Treatment to date has "
        "included medications, physical therapy, acupuncture and epidural steroid injections, "
        "without lasting benefit. Per the progress report dated 10-20-16, the injured worker "
        "complained of neck and low back pain rated 7 out of 10, is unable to lift more than ten"
        " pounds and needs help with household chores. A spine surgeon found no surgical lesion. "
        "She is motivated to return to work and willing to participate in a program. The "
        "treatment plan included an evaluation for a functional restoration program.",
        "The diagnoses have included chronic cervical and lumbar pain. Treatment to date has "
        "included medications, physical therapy, acupuncture and epidural steroid injections, "
        "without lasting benefit. Per the progress report dated 10-20-16, the injured worker "
        "complained of neck and low back pain rated 7 out of 10, is unable to lift more than ten"
        " pounds and needs help with household chores. A spine surgeon found no surgical lesion. "
        "She stated that she has no intention of returning to work and is not willing to "
        "participate in a program. The treatment plan included an evaluation for a functional "
        "restoration program.",
        "female",
    ),
    # ---- sleep study: ODG Pain, Polysomnography (the MTUS is silent)
    # signs of a sleep-related breathing disorder, against insomnia from pain whose treatment
    # (physical therapy) failed but which has had no behavioural or sleep-medication trial
    Pair(
        "Polysomnography",
        "5-20-2015",
        "The diagnoses have included chronic low back pain and obesity. Treatment to date has "
        "included physical therapy and medications. Per the progress report dated 10-20-16, the "
        "injured worker's wife reported loud snoring and witnessed pauses in his breathing at "
        "night, and he reported excessive daytime sleepiness, having fallen asleep at a red "
        "light. The treatment plan included a sleep study.",
        "The diagnoses have included chronic low back pain. Treatment to date has included "
        "physical therapy and medications without lasting relief. Per the progress report dated "
        "10-20-16, the injured worker complained of difficulty falling asleep because of low "
        "back pain. He takes no sleep medication and has not tried sleep hygiene measures. He "
        "denied snoring or daytime sleepiness. The treatment plan included a sleep study.",
    ),
    # insomnia: at least six months, four nights a week, despite behavioural measures and sleep
    # medication, once a psychiatric cause is excluded (ODG Pain, Polysomnography); not insomnia
    # from pain and worry whose only failed care is the care of the injury
    Pair(
        "Sleep study",
        "5-20-2015",
        "The diagnoses have included chronic low back pain and insomnia. Treatment to date has "
        "included physical therapy and medications. Per the progress report dated 10-20-16, the"
        " injured worker complained of insomnia at least five nights a week since 2015. Sleep "
        "hygiene measures, cognitive behavioral therapy for insomnia, zolpidem and trazodone have"
        " all failed. A psychological evaluation on 8-1-16 found no psychiatric disorder. The "
        "treatment plan included a sleep study.",
        "The diagnoses have included chronic low back pain, depression and insomnia. Treatment to"
        " date has included physical therapy and medications without lasting relief. Per the "
        "progress report dated 10-20-16, the injured worker complained of difficulty falling "
        "asleep and staying asleep for more than a year because of low back pain and worry. He "
        "takes zolpidem 10 mg at bedtime with partial benefit. He denied snoring or daytime "
        "sleepiness. The treatment plan included a sleep study.",
    ),
]


@pytest.mark.parametrize("pair", CASES, ids=[p.item for p in CASES])
def test_supported_case_is_overturned(pair: Pair) -> None:
    got = _decide(pair.item, pair.injured, pair.supported, pair.sex)
    assert got.decision == "overturned", got.rationale


# known gaps, left for a follow-up: ACOEM 2004 ch. 12 pp. 305-306 (and ch. 8 p. 180) refer a
# lesion with matching signs for surgical consultation once conservative care has failed to
# resolve the radicular symptoms; that criterion now asks for the failure, as the pages say,
# but the nerve compromise beyond the first month still meets the "uncertain or complex"
# indication, and the engine cannot yet read "steady improvement" as care that is working
GAPS = {"Spine surgeon consultation"}


@pytest.mark.parametrize(
    "pair",
    [
        pytest.param(p, marks=pytest.mark.xfail(strict=True, reason="known gap"))
        if p.item in GAPS
        else p
        for p in CASES
    ],
    ids=[p.item for p in CASES],
)
def test_counterpart_is_upheld_with_what_is_needed(pair: Pair) -> None:
    got = _decide(pair.item, pair.injured, pair.unsupported, pair.sex)
    assert got.decision == "upheld", got.rationale
    assert got.needed, got.rationale


def _pair(item: str) -> Pair:
    return next(p for p in CASES if p.item == item)


NEURO = _pair("Neurology consultation")
PAIN = _pair("Referral to a pain management physician for medication management")
EXAM = _pair("Initial exam")
FCE = _pair("Functional capacity evaluation")
SPINE = _pair("Spine surgeon consultation")
SHOULDER = _pair("Orthopedic surgical consultation for the right shoulder")
VARIANTS = [
    # ACOEM 2004 ch. 7 p. 127: the uncertainty is the treating physician's; a utilization
    # reviewer's remark about the cause is an administrative sentence, not clinical evidence
    ("uncertain cause said only by the UR reviewer", NEURO.item, NEURO.injured,
     NEURO.unsupported + " Utilization review stated that the cause of the headaches remained "
     "unclear.", "upheld"),
    # the same referral two years after the injury: the ground does not expire
    ("medication management beyond the chiropractor's scope, years later", PAIN.item,
     "4-12-2013", PAIN.supported, "overturned"),
    # the same ground in other words: the treating chiropractor cannot prescribe
    ("medication management a chiropractor cannot prescribe", PAIN.item, PAIN.injured,
     PAIN.supported.replace("noted that medication management is outside the scope of his "
                            "practice", "noted that he cannot prescribe medications"),
     "overturned"),
    # the scope statement negated: the treating physician manages the medications himself
    ("medication management within the physician's own practice", PAIN.item, PAIN.injured,
     PAIN.supported.replace("noted that medication management is outside the scope of his "
                            "practice", "continues to manage the medications"), "upheld"),
    # a new patient examination is an initial examination by its wording
    ("new patient exam with no reason for a new provider", "New patient exam", EXAM.injured,
     EXAM.unsupported.replace("an initial exam", "a new patient exam"), "upheld"),
    # a retrospective initial examination is the first visit itself, on its date of service
    ("retrospective initial exam", "Retrospective initial exam (DOS 10-20-16)", EXAM.injured,
     EXAM.unsupported.replace("The treatment plan included an initial exam.",
                              "A request for authorization for the initial exam of 10-20-16 "
                              "was submitted."), "overturned"),
    # a follow-up visit is not an initial examination: the same record supports it
    ("follow-up visit for the patient who is already examined", "Follow-up visit",
     EXAM.injured, EXAM.unsupported.replace("an initial exam", "a follow-up visit"),
     "overturned"),
    # ACOEM 2004 ch. 12 pp. 305-306: two weeks after the injury, without a red flag, a lesion
    # with matching signs calls for conservative care first, not a surgeon
    ("spine surgeon two weeks after the injury, no red flags", SPINE.item, "10-17-2016",
     "The diagnoses have included L5-S1 disc herniation with right S1 radiculopathy. Per the "
     "progress report dated 10-20-16, the injured worker complained of right leg pain to the "
     "heel since lifting a crate on 10-17-16. Treatment to date has included medications and "
     "modified duty; physical therapy has been authorized and starts next week. Examination "
     "revealed a diminished right Achilles reflex and decreased sensation over the lateral right"
     " foot, with normal strength. There were no red flags. MRI of the lumbar spine dated "
     "10-19-16 revealed a right L5-S1 disc extrusion contacting the S1 nerve root. The treatment"
     " plan included a spine surgeon consultation.", "upheld"),
    # a consultation the records report authorized in this episode duplicates the request (our
    # reading of medical necessity, guidelines/shared/course.yaml); one that was refused does not
    ("surgical consultation already authorized", SHOULDER.item, SHOULDER.injured,
     SHOULDER.supported + " An orthopedic consultation was authorized on 10-1-16 and is "
     "scheduled for 11-20-16.", "upheld"),
    ("surgical consultation refused before", SHOULDER.item, SHOULDER.injured,
     SHOULDER.supported + " An orthopedic consultation requested on 9-1-16 was "
     "non-certified.", "overturned"),
    ("a consultation with another specialty authorized", SHOULDER.item, SHOULDER.injured,
     SHOULDER.supported + " A neurology consultation was authorized on 10-1-16.", "overturned"),
    # ACOEM 2004 ch. 7 pp. 137-138: a worker who has retired has no job for the FCE to measure
    ("FCE for a retired worker", FCE.item, FCE.injured,
     FCE.unsupported.replace("He returned to his usual job at full duty without restrictions on "
                             "9-1-16 and has worked without difficulty since", "He retired from "
                             "his job in 2015 and does not plan to return to work"), "upheld"),
    # ODG Fitness for Duty, FCE: back at work with restrictions still leaves the question
    ("FCE at maximal improvement, back at work with restrictions", FCE.item, FCE.injured,
     FCE.unsupported.replace("at full duty without restrictions", "with a 20 pound lifting "
                             "restriction").replace(" and has worked without difficulty since",
                                                    "; his employer needs to know whether he "
                                                    "can return to his usual overhead work"),
     "overturned"),
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


# ---- a visit that follows up a treatment requested beside it (CPMTG 2016 Office visits: each
# visit's need is individual, judged on what it is for): it follows that treatment's decision.
# The injection is decided by CPMTG 2009 p. 46 (radiculopathy on examination, corroborated by
# imaging, after failed conservative care)
INJECTION = "Left L4-5 transforaminal epidural steroid injection"
AFTER = "Follow-up visit after the epidural steroid injection"
WITH_INJECTION = [
    ("injection supported", "overturned",
     "The diagnoses have included L4-5 disc herniation with left L5 radiculopathy. Treatment to "
     "date has included medications and twelve sessions of physical therapy without lasting "
     "relief. Per the progress report dated 10-20-16, the injured worker complained of low back"
     " pain radiating down the left leg to the foot. Examination revealed decreased sensation in"
     " the left L5 dermatome and a positive straight leg raise on the left. MRI of the lumbar "
     "spine dated 8-1-16 revealed a left L4-5 disc protrusion compressing the L5 nerve root. The"
     " treatment plan included a left L4-5 transforaminal epidural steroid injection and a "
     "follow-up visit two weeks after the injection."),
    ("injection not supported", "upheld",
     "The diagnoses have included lumbar strain. Treatment to date has included medications and"
     " six sessions of physical therapy. Per the progress report dated 10-20-16, the injured "
     "worker complained of axial low back pain rated 5 out of 10 without radiation. Examination"
     " revealed lumbar paraspinal tenderness with a normal neurological examination and a "
     "negative straight leg raise. MRI of the lumbar spine dated 8-1-16 revealed mild disc "
     "desiccation without nerve root compromise. The treatment plan included a lumbar epidural "
     "steroid injection and a follow-up visit after the injection."),
]


def _decide_case(items: list[str], injured: str, text: str) -> list[ItemDecision]:
    return decide_letter_items(items, injured, text, case_number="CM00-evaluations")


@pytest.mark.parametrize(
    ("expected", "text"), [c[1:] for c in WITH_INJECTION], ids=[c[0] for c in WITH_INJECTION]
)
def test_a_follow_up_visit_follows_the_treatment_it_names(expected: str, text: str) -> None:
    # listed visit first: it is still decided after the injection it names
    visit, injection = _decide_case([AFTER, INJECTION], "3-1-2016", text)
    assert injection.decision == expected, injection.rationale
    assert visit.decision == expected, visit.rationale
    if expected == "upheld":
        assert "nothing for it to follow up" in visit.rationale, visit.rationale
        assert visit.needed, visit.rationale


def test_a_follow_up_visit_with_monitored_medication_keeps_its_own_reason() -> None:
    # the injection is not necessary, but the opioid the visit also monitors is a reason of
    # its own (CPMTG 2016 Office visits: medications that require monitoring)
    text = WITH_INJECTION[1][2].replace(
        "Treatment to date has included medications", "Treatment to date has included Norco "
        "10/325 mg twice daily"
    )
    visit, injection = _decide_case([AFTER, INJECTION], "3-1-2016", text)
    assert injection.decision == "upheld", injection.rationale
    assert visit.decision == "overturned", visit.rationale


def test_a_follow_up_visit_alone_is_judged_on_its_own() -> None:
    # the same records without the injection disputed beside it: ongoing symptoms decide
    (visit,) = _decide_case([AFTER], "3-1-2016", WITH_INJECTION[1][2])
    assert visit.decision == "overturned", visit.rationale


# ---- a psychological evaluation asked for as the clearance of a procedure it names (CPMTG 2009
# p. 101, before a spinal cord stimulator), disputed beside it: it follows the procedure. The
# stimulator is decided by CPMTG 2009 pp. 105-107 (failed back surgery syndrome or CRPS)
STIMULATOR = "Spinal cord stimulator trial"
CLEARANCE = "Psychological evaluation for the spinal cord stimulator trial"
WITH_STIMULATOR = [
    ("stimulator supported", "overturned",
     "The diagnoses have included lumbar post-laminectomy syndrome with persistent left leg "
     "radicular pain. Treatment to date has included lumbar fusion in 2014, physical therapy, "
     "epidural steroid injections and medications, without lasting relief. Per the progress "
     "report dated 10-20-16, the injured worker continued to complain of burning left leg pain."
     " The treatment plan included a spinal cord stimulator trial and a psychological evaluation"
     " for the trial."),
    ("stimulator not supported", "upheld",
     "The diagnoses have included chronic lumbar strain. Treatment to date has included "
     "physical therapy and medications, without lasting relief. Per the progress report dated "
     "10-20-16, the injured worker complained of axial low back pain without radiation; he has "
     "had no spine surgery and no complex regional pain syndrome. The treatment plan included a"
     " spinal cord stimulator trial and a psychological evaluation for the trial."),
]


@pytest.mark.parametrize(
    ("expected", "text"), [c[1:] for c in WITH_STIMULATOR], ids=[c[0] for c in WITH_STIMULATOR]
)
def test_a_clearance_follows_the_procedure_it_names(expected: str, text: str) -> None:
    clearance, stimulator = _decide_case([CLEARANCE, STIMULATOR], "5-1-2013", text)
    assert stimulator.decision == expected, stimulator.rationale
    assert clearance.decision == expected, clearance.rationale
    if expected == "upheld":
        assert "nothing for it to clear" in clearance.rationale, clearance.rationale


def test_an_exclusion_that_decides_is_the_conclusion() -> None:
    # the FCE for effort meets the guideline's setting (permanent and stationary, off work), so
    # the conclusion names the exclusion and does not deny the settled condition
    effort = _pair("Functional capacity evaluation for the lumbar spine")
    got = _decide(effort.item, effort.injured, effort.unsupported)
    assert got.decision == "upheld", got.rationale
    assert "Because the evaluation is requested to judge the worker's effort" in got.rationale
    assert "do not show a settled condition" not in got.rationale, got.rationale
