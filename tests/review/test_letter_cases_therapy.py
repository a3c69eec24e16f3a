"""Therapy, rehabilitation programs, electrical stimulation and home equipment, each written the
way a Final Determination Letter's clinical case summary reports a case (third person, dates like
10-20-16, counts in words or digits), with its counterpart that lacks exactly what the guideline
asks for. Fictional. Decided as of late 2016: the MTUS (ACOEM 2004 chapters through the subacute
period, the 2009 Chronic Pain Medical Treatment Guidelines and 8 CCR 9792.24.1 acupuncture), and
ODG where the MTUS is silent. The supported case is overturned; the counterpart is upheld with the
requesting physician's checklist (`needed`) filled in."""

from __future__ import annotations

import pytest
from _letter_case import Pair, decide_letter_case

from openimr.domain import ItemDecision


def _decide(item: str, injured: str, text: str, sex: str = "male") -> ItemDecision:
    return decide_letter_case(item, injured, text, sex, case_number="CM00-therapy")


CASES = [
    # ---- physical therapy
    # a first course of active therapy for chronic pain with objective deficits, versus more of
    # the same after twelve sessions without functional improvement: CPMTG 2009 pp. 98-99
    Pair(
        "Physical therapy 2 times a week for 4 weeks for the lumbar spine",
        "3-1-2015",
        "The diagnoses have included lumbar strain and chronic low back pain. Treatment to date "
        "has included medications and modified duty; he has not had physical therapy for this "
        "injury. Per the progress report dated 10-20-16, the injured worker complained of low "
        "back pain rated 6 out of 10 with difficulty bending and lifting. Examination revealed "
        "lumbar paraspinal tenderness and lumbar flexion limited to 40 degrees. The treatment "
        "plan included physical therapy to instruct a home exercise program.",
        "The diagnoses have included lumbar strain and chronic low back pain. Treatment to date "
        "has included medications and 12 sessions of physical therapy completed in September "
        "2016. Per the progress report dated 10-20-16, the injured worker complained of low "
        "back pain rated 6 out of 10, unchanged since before therapy. Examination revealed "
        "lumbar paraspinal tenderness and lumbar flexion limited to 40 degrees, the same as on "
        "8-1-16. The treatment plan included more physical therapy.",
    ),
    # counts written in words: twelve sessions already given without objective improvement make
    # the request a continuation (CPMTG 2009 pp. 98-99)
    Pair(
        "Physical therapy twice weekly for four weeks, right knee",
        "3-1-2015",
        "The diagnoses have included right knee chondromalacia patella. Treatment to date has "
        "included medications and a knee injection; no physical therapy has been provided. Per "
        "the progress report dated 10-20-16, the injured worker complained of right knee pain "
        "with stairs and squatting. Examination revealed quadriceps weakness rated 4/5 and knee "
        "flexion limited to 110 degrees. The treatment plan included a course of physical "
        "therapy for strengthening.",
        "The diagnoses have included right knee chondromalacia patella. Treatment to date has "
        "included medications, a knee injection and twelve sessions of physical therapy. Per "
        "the progress report dated 10-20-16, the injured worker complained of right knee pain "
        "with stairs and squatting, no better after therapy. Examination revealed quadriceps "
        "weakness rated 4/5 and knee flexion limited to 110 degrees. The treatment plan "
        "included more physical therapy.",
    ),
    # continuation on objective functional improvement versus a bare "therapy helped", within
    # the 9-10 visit course: CPMTG 2009 pp. 98-99 (functional improvement, p. 1)
    Pair(
        "Additional physical therapy x 4 for the right shoulder",
        "3-1-2016",
        "The diagnoses have included right shoulder impingement syndrome. Treatment to date has "
        "included medications and six sessions of physical therapy. Per the progress report "
        "dated 10-20-16, the injured worker reported that with therapy shoulder abduction "
        "improved from 90 to 140 degrees and she is now able to lift 10 pounds and has returned "
        "to modified duty. Examination revealed abduction limited to 140 degrees and "
        "supraspinatus weakness rated 4/5. The treatment plan included four more sessions of "
        "physical therapy to transition to a home exercise program.",
        "The diagnoses have included right shoulder impingement syndrome. Treatment to date has "
        "included medications and six sessions of physical therapy. Per the progress report "
        "dated 10-20-16, the injured worker stated that physical therapy helped. Examination "
        "revealed abduction limited to 140 degrees and supraspinatus weakness rated 4/5. The "
        "treatment plan included four more sessions of physical therapy.",
        sex="female",
    ),
    # ---- chiropractic manipulation
    # a trial of six visits for chronic low back pain versus more after twelve visits (counted
    # in words) without functional improvement: CPMTG 2009 pp. 58-59
    Pair(
        "Chiropractic treatment 6 visits",
        "3-1-2015",
        "The diagnoses have included chronic lumbar sprain. Treatment to date has included "
        "medications and physical therapy; he has never had chiropractic care. Per the progress "
        "report dated 10-20-16, the injured worker complained of low back pain rated 6 out of 10"
        " limiting his sitting to 20 minutes. Examination revealed lumbar paraspinal spasm and "
        "lumbar flexion limited to 45 degrees. The treatment plan included a trial of "
        "chiropractic manipulation of the lumbar spine.",
        "The diagnoses have included chronic lumbar sprain. Treatment to date has included "
        "medications, physical therapy and twelve chiropractic visits in the spring of 2016, "
        "after which his pain and function were unchanged. Per the progress report dated "
        "10-20-16, the injured worker complained of low back pain rated 6 out of 10 limiting his"
        " sitting to 20 minutes. Examination revealed lumbar paraspinal spasm and lumbar "
        "flexion limited to 45 degrees. The treatment plan included chiropractic manipulation "
        "of the lumbar spine.",
    ),
    # after a trial with objective functional improvement, visits up to 18 over 6-8 weeks;
    # elective or maintenance care is not medically necessary: CPMTG 2009 pp. 58-60
    Pair(
        "Chiropractic manipulation 2 times a week for 3 weeks, lumbar spine",
        "3-1-2016",
        "The diagnoses have included lumbar sprain. Treatment to date has included medications "
        "and six sessions of chiropractic manipulation. Per the progress report dated 10-20-16, "
        "the injured worker reported that since the chiropractic visits his sitting tolerance "
        "increased from 20 to 60 minutes and he returned to full duty. Examination revealed "
        "lumbar flexion of 70 degrees, improved from 40 degrees before the chiropractic trial, "
        "with residual paraspinal spasm. The treatment plan included six more chiropractic "
        "visits.",
        "The diagnoses have included lumbar sprain. Treatment to date has included medications "
        "and chiropractic manipulation about twice a month since 2014 to maintain his condition."
        " Per the progress report dated 10-20-16, the injured worker reported that his back "
        "pain flares between visits, rated 5 out of 10. Examination revealed lumbar paraspinal "
        "tenderness and lumbar flexion of 60 degrees, the same as at prior visits. The "
        "treatment plan included continued maintenance chiropractic care.",
    ),
    # ---- acupuncture
    # a first trial of six treatments when medication is not tolerated, alongside exercise,
    # versus acupuncture on its own with medication tolerated: 8 CCR 9792.24.1 (a)(1), (c)(1)
    Pair(
        "Acupuncture 6 sessions for the cervical spine",
        "3-1-2015",
        "The diagnoses have included chronic cervical strain. Treatment to date has included "
        "physical therapy and a home exercise program; NSAIDs caused gastritis and were "
        "stopped. She has not had acupuncture. Per the progress report dated 10-20-16, the "
        "injured worker complained of neck pain rated 6 out of 10 limiting her computer work to"
        " one hour. Examination revealed cervical rotation limited to 50 degrees bilaterally. "
        "The treatment plan included a trial of acupuncture alongside her home exercises.",
        "The diagnoses have included chronic cervical strain. Treatment to date has included "
        "naproxen, which she tolerates well at an unchanged dose. She has not had acupuncture "
        "and is not in a therapy or exercise program. Per the progress report dated 10-20-16, "
        "the injured worker complained of neck pain rated 6 out of 10 limiting her computer "
        "work to one hour. Examination revealed cervical rotation limited to 50 degrees "
        "bilaterally. The treatment plan included acupuncture.",
        sex="female",
    ),
    # extension only with documented functional improvement: 8 CCR 9792.24.1 (c)(1)
    Pair(
        "Additional acupuncture 6 sessions, lumbar spine",
        "3-1-2015",
        "The diagnoses have included chronic low back pain. Treatment to date has included "
        "medications and six acupuncture treatments. Per the progress report dated 10-20-16, "
        "after acupuncture the injured worker reduced her ibuprofen from three to one tablet a "
        "day and increased her walking tolerance from 15 to 45 minutes. Examination revealed "
        "lumbar flexion limited to 60 degrees and paraspinal tenderness. The treatment plan "
        "included six more acupuncture treatments.",
        "The diagnoses have included chronic low back pain. Treatment to date has included "
        "medications and six acupuncture treatments. Per the progress report dated 10-20-16, "
        "the injured worker said that acupuncture gave temporary relief. Examination revealed "
        "lumbar flexion limited to 60 degrees and paraspinal tenderness. The treatment plan "
        "included six more acupuncture treatments.",
        sex="female",
    ),
    # ---- aquatic therapy: where reduced weight bearing is desirable (extreme obesity):
    # CPMTG 2009 p. 22
    Pair(
        "Aquatic therapy 2 times a week for 4 weeks",
        "3-1-2015",
        "The diagnoses have included chronic lumbar strain and morbid obesity with a body mass "
        "index of 44. Treatment to date has included medications; land-based physical therapy "
        "was stopped after two sessions because of pain with weight bearing. Per the progress "
        "report dated 10-20-16, the injured worker could walk only 50 feet. Examination "
        "revealed an antalgic gait and lumbar flexion limited to 30 degrees. The treatment "
        "plan included aquatic therapy for reduced weight bearing exercise.",
        "The diagnoses have included chronic lumbar strain. Treatment to date has included "
        "medications. Per the progress report dated 10-20-16, the injured worker walks a mile "
        "daily and tolerates land exercise; his weight is normal. Examination revealed lumbar "
        "flexion limited to 60 degrees. The treatment plan included aquatic therapy because he "
        "enjoys swimming.",
    ),
    # ---- psychological treatment
    # an initial trial of 3-4 visits of cognitive behavioral therapy for a patient with
    # psychological factors delaying recovery, versus a patient recovering without them:
    # CPMTG 2009 p. 23
    Pair(
        "Cognitive behavioral therapy 4 sessions",
        "3-1-2015",
        "The diagnoses have included chronic low back pain and depressive disorder. Treatment "
        "to date has included medications and physical therapy. A psychological evaluation on "
        "9-15-16 found fear avoidance beliefs and depression interfering with his recovery. Per"
        " the progress report dated 10-20-16, the injured worker avoided walking for fear of "
        "reinjury and had not progressed in therapy. The treatment plan included an initial "
        "trial of cognitive behavioral therapy.",
        "The diagnoses have included chronic low back pain. Treatment to date has included "
        "medications and physical therapy. A psychological screening on 9-15-16 found no "
        "depression, anxiety or fear avoidance. Per the progress report dated 10-20-16, the "
        "injured worker was progressing in therapy and working full duty. The treatment plan "
        "included cognitive behavioral therapy.",
    ),
    # with objective functional improvement, a total of up to 6-10 visits: CPMTG 2009 p. 23
    Pair(
        "Additional cognitive behavioral therapy x 6",
        "3-1-2015",
        "The diagnoses have included chronic pain and depressive disorder. Treatment to date has"
        " included medications and four sessions of cognitive behavioral therapy. Per the "
        "progress report dated 10-20-16, after the four sessions the injured worker resumed "
        "daily walks of 30 minutes, returned to modified work and his Beck Depression Inventory"
        " score fell from 28 to 17. The treatment plan included six more sessions of cognitive "
        "behavioral therapy.",
        "The diagnoses have included chronic pain and depressive disorder. Treatment to date has"
        " included medications and four sessions of cognitive behavioral therapy. Per the "
        "progress report dated 10-20-16, the injured worker continued to report depressed mood "
        "and remained inactive; no change in function or testing was documented. The "
        "treatment plan included six more sessions of cognitive behavioral therapy.",
    ),
    # biofeedback as part of a cognitive behavioral program, not on its own: CPMTG 2009
    # pp. 24-25
    Pair(
        "Biofeedback 4 sessions",
        "3-1-2015",
        "The diagnoses have included chronic cervical pain with muscle tension and anxiety. "
        "Treatment to date has included medications, physical therapy and three sessions of "
        "cognitive behavioral therapy, with improved sleep and a return to part-time work. Per "
        "the progress report dated 10-20-16, the psychologist requested biofeedback within the "
        "ongoing cognitive behavioral therapy program to teach relaxation.",
        "The diagnoses have included chronic cervical pain with muscle tension. Treatment to "
        "date has included medications and physical therapy; she has not had psychological "
        "treatment. Per the progress report dated 10-20-16, the treatment plan included "
        "biofeedback as a stand-alone treatment for muscle tension.",
        sex="female",
    ),
    # ---- functional restoration and work hardening
    # a two-week trial of a functional restoration program after a thorough evaluation, with
    # prior care failed, no surgical option and motivation to change; not while surgery is
    # being considered: CPMTG 2009 pp. 30-32, 49
    Pair(
        "Functional restoration program x 80 hours",
        "3-1-2014",
        "The diagnoses have included chronic low back pain. Treatment to date has included "
        "medications, physical therapy, chiropractic care, acupuncture and epidural injections "
        "without lasting benefit. A spine surgeon on 6-1-16 found that he is not a surgical "
        "candidate. Per the multidisciplinary evaluation dated 10-20-16, including baseline "
        "functional testing, the injured worker could sit 15 minutes and lift 10 pounds, "
        "needed help with dressing, was motivated to change and willing to forgo secondary "
        "gains, and his depression was being treated. The treatment plan included a two-week "
        "trial of a functional restoration program.",
        "The diagnoses have included chronic low back pain. Treatment to date has included "
        "medications, physical therapy, chiropractic care, acupuncture and epidural injections "
        "without lasting benefit. A spine surgeon on 10-1-16 recommended an L4-5 fusion and he "
        "wishes to proceed with it. Per the multidisciplinary evaluation dated 10-20-16, "
        "including baseline functional testing, the injured worker could sit 15 minutes and "
        "lift 10 pounds, needed help with dressing, was motivated to change and willing to "
        "forgo secondary gains, and his depression was being treated. The treatment plan "
        "included a two-week trial of a functional restoration program.",
    ),
    # work hardening: a heavy job he cannot yet do, therapy plateaued, no surgery, and a
    # defined return-to-work goal agreed with the employer: CPMTG 2009 pp. 125-126
    Pair(
        "Work hardening program 10 sessions",
        "1-15-2016",
        "The diagnoses have included lumbar sprain. Treatment to date has included medications "
        "and twelve sessions of physical therapy, which improved his lifting from 10 to 35 "
        "pounds before reaching a plateau. He is not a surgical candidate. Per the progress "
        "report dated 10-20-16, a functional capacity evaluation showed he can work at the "
        "light-medium level while his warehouse job requires lifting 75 pounds. His employer "
        "has agreed to return him to his job when he can meet its demands. The treatment plan "
        "included a work hardening program.",
        "The diagnoses have included lumbar sprain. Treatment to date has included medications "
        "and twelve sessions of physical therapy, which improved his lifting from 10 to 35 "
        "pounds before reaching a plateau. He is not a surgical candidate. Per the progress "
        "report dated 10-20-16, a functional capacity evaluation showed he can work at the "
        "light-medium level. His employment was terminated in June 2016 and no return-to-work "
        "goal has been identified. The treatment plan included a work hardening program.",
    ),
    # ---- electrical stimulation
    # a one-month home trial of TENS for neuropathic pain as an adjunct to a functional
    # program, versus a purchase with no trial: CPMTG 2009 pp. 114-116
    Pair(
        "TENS unit, 30 day rental",
        "3-1-2015",
        "The diagnoses have included lumbar radiculopathy. Treatment to date has included "
        "physical therapy, gabapentin and NSAIDs without adequate relief. Per the progress "
        "report dated 10-20-16, the injured worker complained of low back pain radiating down "
        "the left leg for more than a year, rated 7 out of 10. He performs his home exercise "
        "program daily. Examination revealed decreased sensation in the left L5 dermatome. The "
        "treatment plan included a one-month home trial of a TENS unit as an adjunct to his "
        "exercise program, with documentation of pain and function during the trial.",
        "The diagnoses have included lumbar radiculopathy. Treatment to date has included "
        "physical therapy, gabapentin and NSAIDs with partial relief. Per the progress report "
        "dated 10-20-16, the injured worker complained of low back pain radiating down the left"
        " leg for more than a year, rated 7 out of 10. He performs his home exercise program "
        "daily. He has not used a TENS unit. Examination revealed decreased sensation in the "
        "left L5 dermatome. The treatment plan included purchase of a TENS unit.",
    ),
    # H-wave: for chronic soft tissue inflammation (or diabetic neuropathic pain), a one-month
    # trial only after TENS and conservative care have failed, as an adjunct to functional
    # restoration: CPMTG 2009 pp. 117-118
    Pair(
        "Home H-wave device, one month trial",
        "3-1-2014",
        "The diagnoses have included chronic right shoulder rotator cuff tendinitis. "
        "Treatment to date has included medications and physical therapy without lasting "
        "relief, and a home exercise program. He used a TENS unit daily for two months, without"
        " relief. Per the progress report dated 10-20-16, the injured worker complained of "
        "right shoulder pain rated 7 out of 10. Examination revealed tenderness over the "
        "supraspinatus tendon. The treatment plan included a one-month home trial of an H-wave"
        " device with his home exercise program.",
        "The diagnoses have included chronic right shoulder rotator cuff tendinitis. "
        "Treatment to date has included medications and physical therapy without lasting "
        "relief, and a home exercise program; a TENS unit has not been tried. Per the progress "
        "report dated 10-20-16, the injured worker complained of right shoulder pain rated 7 "
        "out of 10. Examination revealed tenderness over the supraspinatus tendon. The "
        "treatment plan included a one-month home trial of an H-wave device with his home "
        "exercise program.",
    ),
    # interferential current: only when pain is not controlled because medications do not
    # work or cause side effects, or conservative care failed, then a one-month trial:
    # CPMTG 2009 pp. 118-120
    Pair(
        "Interferential unit, one month trial",
        "3-1-2015",
        "The diagnoses have included chronic cervical strain. Treatment to date has included "
        "physical therapy and a home exercise program; NSAIDs caused gastrointestinal bleeding "
        "and tramadol caused nausea, and both were stopped. Per the progress report dated "
        "10-20-16, the injured worker complained of neck pain rated 7 out of 10 despite therapy."
        " Examination revealed cervical paraspinal spasm. The treatment plan included a "
        "one-month trial of an interferential unit with her exercise program.",
        "The diagnoses have included chronic cervical strain. Treatment to date has included "
        "physical therapy, a home exercise program and naproxen. Per the progress report dated "
        "10-20-16, the injured worker reported that naproxen controls her neck pain well, rated"
        " 2 out of 10, without side effects. Examination revealed mild cervical paraspinal "
        "tenderness. The treatment plan included a one-month trial of an interferential unit.",
        sex="female",
    ),
    # ---- home and community services
    # home health for medical treatment of a homebound patient (short term after a surgery or a
    # hospital stay), not homemaker services: CPMTG 2009 p. 51; CPMTG 2016, Home health
    # services
    Pair(
        "Home health nursing 2 times a week for 4 weeks",
        "3-1-2015",
        "The diagnoses have included complex regional pain syndrome of the right leg, status "
        "post spinal cord stimulator implantation on 9-28-16 complicated by a wound infection, "
        "for which she was hospitalized from 10-5-16 to 10-12-16. Per the progress report dated"
        " 10-20-16, the injured worker is homebound, unable to leave home without the help of "
        "another person and a wheelchair, and has an open wound at the generator site needing "
        "daily dressing changes and intravenous antibiotics. The treatment plan included home "
        "health nursing visits for wound care.",
        "The diagnoses have included complex regional pain syndrome of the right leg. Per the "
        "progress report dated 10-20-16, the injured worker walks with a cane, drives to her "
        "appointments and has difficulty with cooking and cleaning. The treatment plan included"
        " home health visits to help with cooking, cleaning and shopping.",
        sex="female",
    ),
    # gym membership: only after a supervised, periodically revised home program has failed
    # and equipment is needed, with the treatment monitored by medical professionals (ODG Low
    # Back, Gym memberships; MTUS silent)
    Pair(
        "Gym membership for 6 months",
        "3-1-2014",
        "The diagnoses have included chronic low back pain. Treatment to date has included "
        "physical therapy and a home exercise program that the therapist reviewed and revised "
        "on 7-1-16 and 9-1-16. Per the progress report dated 10-20-16, the home exercise program"
        " had not been effective despite his compliance and he needs resistance equipment that "
        "he does not have at home. The treatment plan included a gym membership with a "
        "program monitored by his physical therapist, who will report his progress monthly.",
        "The diagnoses have included chronic low back pain. Treatment to date has included "
        "physical therapy and a home exercise program. Per the progress report dated 10-20-16, "
        "the injured worker would like to exercise at a gym on his own. The treatment plan "
        "included a gym membership.",
    ),
    # ---- heat and cold
    # simple hot and cold packs applied at home for acute low back pain: ACOEM 2004 ch. 12
    # pp. 299-300 (the chapter governs the acute phase; nothing supports them years later)
    Pair(
        "Hot and cold packs for the low back",
        "10-6-2016",
        "The diagnoses have included acute lumbar strain. Per the progress report dated "
        "10-20-16, the injured worker complained of low back pain since lifting a box on "
        "10-6-16. Examination revealed lumbar paraspinal spasm and tenderness. He was "
        "instructed in a home walking program. The treatment plan included hot and cold packs "
        "to apply at home.",
        "The diagnoses have included lumbar strain. Per the progress report dated 10-20-16, the"
        " injured worker complained of low back pain since lifting a box on 10-6-16. "
        "Examination revealed lumbar paraspinal spasm and tenderness. The treatment plan "
        "included hot and cold packs applied by the physical therapist at each visit.",
    ),
    # ---- supports, braces and aids
    # a knee brace for documented instability from a ligament tear, with the knee stressed under
    # load at work: ACOEM 2004 ch. 13 p. 340
    Pair(
        "Right knee brace",
        "3-1-2016",
        "The diagnoses have included a right anterior cruciate ligament tear confirmed by MRI "
        "on 5-1-16. Treatment to date has included physical therapy. Per the progress report "
        "dated 10-20-16, the injured worker reported the knee giving way when climbing ladders "
        "at work. Examination revealed a positive Lachman test and anterior drawer sign on the "
        "right. The treatment plan included a hinged knee brace for instability.",
        "The diagnoses have included right knee sprain. Treatment to date has included physical "
        "therapy. Per the progress report dated 10-20-16, the injured worker complained of "
        "right knee pain with prolonged standing. Examination revealed medial joint line "
        "tenderness; the knee was stable to varus, valgus, Lachman and drawer testing. The "
        "treatment plan included a knee brace.",
    ),
    # a lumbar support for symptom relief in the acute phase, versus once the symptoms have
    # resolved (no lasting benefit beyond acute symptom relief): ACOEM 2004 ch. 12 p. 301
    Pair(
        "Lumbar support brace",
        "10-6-2016",
        "The diagnoses have included acute lumbar sprain. Per the progress report dated "
        "10-20-16, the injured worker complained of low back pain since lifting a box on "
        "10-6-16. Examination revealed lumbar paraspinal spasm and flexion limited to 40 "
        "degrees. The treatment plan included a lumbar support for symptom relief during the "
        "acute phase, with a walking program.",
        "The diagnoses have included lumbar sprain, resolved. Per the progress report dated "
        "10-20-16, the injured worker reported that the low back pain that began on 10-6-16 had"
        " resolved and he had returned to full duty. Examination of the lumbar spine was "
        "normal, with full range of motion. The treatment plan included a lumbar support for "
        "work.",
    ),
    # a cane for an injury that impairs walking (ODG Knee & Leg, Walking aids)
    Pair(
        "Single point cane",
        "3-1-2015",
        "The diagnoses have included right knee osteoarthritis after a tibial plateau fracture. "
        "Per the progress report dated 10-20-16, the injured worker reported the right knee "
        "buckling and a fall on 10-1-16. Examination revealed an antalgic gait favoring the "
        "right leg and quadriceps weakness rated 4-/5. The treatment plan included a cane.",
        "The diagnoses have included right knee osteoarthritis after a tibial plateau fracture. "
        "Per the progress report dated 10-20-16, the injured worker complained of right knee "
        "aching after a full day of work. Examination revealed a normal gait and full strength "
        "in the right leg. The treatment plan included a cane.",
    ),
    # a bedside commode for a patient confined to the room, versus a bathroom item of
    # convenience (ODG Knee & Leg, Durable medical equipment)
    Pair(
        "Bedside commode",
        "3-1-2015",
        "The diagnoses have included bilateral lower extremity complex regional pain syndrome. "
        "Per the progress report dated 10-20-16, the injured worker has been confined to her "
        "bedroom for two months and cannot walk to the bathroom. The treatment plan included a "
        "bedside commode.",
        "The diagnoses have included bilateral lower extremity complex regional pain syndrome. "
        "Per the progress report dated 10-20-16, the injured worker walks without an assistive "
        "device throughout her home and uses the bathroom independently. The treatment plan "
        "included a bedside commode for convenience at night.",
        sex="female",
    ),
    # ---- the subacute phase: ACOEM chapters through about 12 weeks
    # a knee brace nine weeks after an MCL injury with instability, versus the same knee
    # stable: ACOEM 2004 ch. 13 p. 340
    Pair(
        "Left knee hinged brace",
        "8-18-2016",
        "The diagnoses have included a left knee medial collateral ligament sprain. Treatment to"
        " date has included medications and physical therapy. Per the progress report dated "
        "10-20-16, the injured worker reported the knee giving way when carrying loads at work."
        " Examination revealed medial opening with valgus stress of the left knee compared to "
        "the right. The treatment plan included a hinged knee brace for instability during "
        "work.",
        "The diagnoses have included a left knee medial collateral ligament sprain. Treatment to"
        " date has included medications and physical therapy. Per the progress report dated "
        "10-20-16, the injured worker complained of left knee soreness at the end of the day. "
        "Examination revealed mild medial tenderness; the knee was stable to valgus stress. The"
        " treatment plan included a hinged knee brace.",
    ),
    # occupational therapy for the hand after a crush injury (eight weeks out), a first course
    # for objective deficits versus a course already given without improvement: CPMTG 2009
    # pp. 98-99
    Pair(
        "Occupational therapy 2 times a week for 4 weeks, left hand",
        "8-25-2016",
        "The diagnoses have included a left hand crush injury with finger stiffness. Treatment "
        "to date has included splinting and medications; occupational therapy has not been "
        "provided. Per the progress report dated 10-20-16, the injured worker could not make a "
        "full fist. Examination revealed grip strength of 20 pounds on the left and 80 on the "
        "right, with limited finger flexion. The treatment plan included occupational therapy.",
        "The diagnoses have included a left hand crush injury with finger stiffness. Treatment "
        "to date has included splinting, medications and ten sessions of occupational therapy "
        "in September and October 2016. Per the progress report dated 10-20-16, the injured "
        "worker could not make a full fist and grip strength was unchanged at 20 pounds on the "
        "left, with limited finger flexion. The treatment plan included more occupational "
        "therapy.",
    ),
]


# known gaps, left for a follow-up (the guideline supports these; the engine does not yet read
# the records): a home walking program is not read as the active care that heat and cold
# accompany (ACOEM 2004 ch. 12 pp. 299-300)
GAPS = {"Hot and cold packs for the low back"}


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
def test_supported_case_is_overturned(pair: Pair) -> None:
    got = _decide(pair.item, pair.injured, pair.supported, pair.sex)
    assert got.decision == "overturned", got.rationale


@pytest.mark.parametrize("pair", CASES, ids=[p.item for p in CASES])
def test_counterpart_is_upheld_with_what_is_needed(pair: Pair) -> None:
    got = _decide(pair.item, pair.injured, pair.unsupported, pair.sex)
    assert got.decision == "upheld", got.rationale
    assert got.needed, got.rationale
