"""Medications, each written the way a Final Determination Letter's clinical case summary
reports a case (third person, dates like 10-20-16, treatment to date in one sentence), with its
counterpart that lacks exactly what the guideline asks for. Fictional. Decided as of late 2016:
the 2009 Chronic Pain Medical Treatment Guidelines (CPMTG), the MTUS Opioids Treatment
Guidelines in force from 2016-07-28, and ODG where the MTUS is silent. The supported case is
overturned; the counterpart is upheld and says what the records would need to show. Where
several items are disputed, the last one is decided."""

from __future__ import annotations

from typing import NamedTuple

import pytest
from _letter_case import decide_letter_items

from openimr.domain import ItemDecision


class Pair(NamedTuple):
    items: str | list[str]
    injured: str  # m-d-yyyy, with "@age" when the age matters (default 52)
    supported: str
    unsupported: str


def _decide(items: str | list[str], injured: str, text: str) -> ItemDecision:
    wanted = [items] if isinstance(items, str) else items
    return decide_letter_items(wanted, injured, text, case_number="CM00-medication")[-1]


NORCO = (
    "The diagnoses have included lumbar degenerative disc disease and chronic low back pain. "
    "Treatment to date has included physical therapy, a home exercise program, naproxen and "
    "Norco. Per the progress report dated 10-20-16, the injured worker complained of low back "
    "pain rated {pain}. {function}{monitor}The treatment plan included continuation of Norco "
    "10/325mg one tablet every 6 hours as needed."
)
FOUR_AS = (
    "He reported that Norco lowered his pain from 8 out of 10 to 4 out of 10 and allowed him to "
    "walk 30 minutes daily, do his household chores and work modified duty. He denied side "
    "effects and there were no aberrant behaviors. "
)
MONITORING = (
    "A urine drug screen dated 9-15-16 was consistent with the prescribed medications, the "
    "CURES report was reviewed and appropriate, and an opioid agreement is on file. "
)
OXY = (
    "The diagnoses have included failed back surgery syndrome. Treatment to date has included "
    "lumbar fusion, physical therapy, gabapentin and opioid medications. Per the progress "
    "report dated 10-20-16, the injured worker complained of low back pain rated 5 out of 10 "
    "with medications and 9 out of 10 without. With oxycodone he is able to walk his dog, shop "
    "for groceries and care for himself. He denied side effects and there were no aberrant "
    "behaviors. A urine drug screen dated 9-1-16 was consistent and the CURES report was "
    "appropriate. He takes oxycodone {dose}, a total of {med} mg morphine equivalents per day. "
    "The treatment plan included continuation of oxycodone."
)
CYCLO = (
    "The diagnoses have included lumbar strain. Treatment to date has included physical therapy "
    "and naproxen. Per the progress report dated 10-20-16, {history} Examination revealed "
    "lumbar paraspinal muscle spasm and decreased lumbar range of motion. The treatment plan "
    "included cyclobenzaprine."
)
GABA = (
    "The diagnoses have included {dx}. Treatment to date has included physical therapy and "
    "naproxen. Per the progress report dated 10-20-16, the injured worker complained of {pain}. "
    "Examination revealed {exam}. The treatment plan included a trial of gabapentin."
)

CASES = [
    # Opioids 2016 (3.3.9 maintenance; Abbreviated Treatment Protocols pp. 5-9) and CPMTG
    # pp. 78-80 (the 4 A's): continuation needs documented improvement in pain and function
    Pair(
        "Norco 10/325mg #120",
        "3-1-2014",
        NORCO.format(pain="4 out of 10 with medications and 8 out of 10 without", function=FOUR_AS,
                     monitor=MONITORING),
        NORCO.format(pain="8 out of 10", function="There was no documentation of functional "
                     "improvement with the medication. ", monitor=MONITORING),
    ),
    # the same continuation with benefit documented, but no urine drug testing, CURES check or
    # agreement (Opioids 2016, 3.3 initiating and monitoring; CPMTG p. 78)
    Pair(
        "Hydrocodone/APAP 10/325mg #120",
        "3-1-2014",
        NORCO.format(pain="4 out of 10 with medications and 8 out of 10 without", function=FOUR_AS,
                     monitor=MONITORING).replace("continuation of Norco", "continuation of "
                                                 "hydrocodone/APAP"),
        NORCO.format(pain="4 out of 10 with medications and 8 out of 10 without", function=FOUR_AS,
                     monitor="").replace("continuation of Norco", "continuation of "
                                         "hydrocodone/APAP"),
    ),
    # Opioids 2016 3.3: a chronic opioid trial follows non-opioid treatment that failed, with a
    # drug screen and an agreement in place; CPMTG p. 76-77 (before a trial)
    Pair(
        "Tramadol 50mg #60",
        "6-1-2015",
        "The diagnoses have included chronic low back pain. Treatment to date has included "
        "physical therapy, a home exercise program, naproxen and acetaminophen, which failed to "
        "control his pain. Per the progress report dated 10-20-16, the injured worker complained "
        "of low back pain rated 7 out of 10 that limits his walking to 10 minutes. He has no "
        "history of substance abuse. A baseline urine drug screen dated 10-20-16 was negative and "
        "an opioid agreement was signed. The treatment plan included a trial of tramadol.",
        "The diagnoses have included chronic low back pain. Treatment to date has included "
        "chiropractic care. He has not taken any pain medications. Per the progress report dated "
        "10-20-16, the injured worker complained of low back pain rated 7 out of 10 that limits "
        "his walking to 10 minutes. He has no history of substance abuse. A baseline urine drug "
        "screen dated 10-20-16 was negative and an opioid agreement was signed. The treatment "
        "plan included a trial of tramadol.",
    ),
    # CPMTG pp. 93-94 and Opioids 2016 maintenance: tramadol continued with benefit vs without
    Pair(
        "Ultram ER 150mg #30",
        "8-1-2013",
        "The diagnoses have included right knee osteoarthritis. Treatment to date has included "
        "physical therapy, injections and Ultram ER. Per the progress report dated 10-20-16, the "
        "injured worker complained of right knee pain rated 3 out of 10 with Ultram ER and 7 out "
        "of 10 without. With the medication he is able to stand for two hours at work and climb "
        "stairs. He denied side effects. A urine drug screen dated 8-20-16 was consistent with "
        "the prescribed tramadol. The treatment plan included Ultram ER.",
        "The diagnoses have included right knee osteoarthritis. Treatment to date has included "
        "physical therapy, injections and Ultram ER. Per the progress report dated 10-20-16, the "
        "injured worker complained of right knee pain rated 7 out of 10, unchanged from prior "
        "visits. He remains unable to climb stairs. A urine drug screen dated 8-20-16 was "
        "consistent with the prescribed tramadol. The treatment plan included Ultram ER.",
    ),
    # CPMTG pp. 67-68: NSAIDs at the lowest dose for the shortest period, for an acute
    # exacerbation of chronic low back pain; continued long-term only with documented benefit
    Pair(
        "Naproxen 550mg #60",
        "6-1-2015",
        "The diagnoses have included lumbar strain. Treatment to date has included physical "
        "therapy and a home exercise program. Per the progress report dated 10-20-16, the injured "
        "worker reported a flare of low back pain after lifting a box at home, rated 7 out of 10. "
        "Examination revealed lumbar paraspinal tenderness and decreased lumbar range of motion. "
        "The treatment plan included naproxen.",
        "The diagnoses have included lumbar strain. Treatment to date has included physical "
        "therapy and naproxen, taken daily since 2015. Per the progress report dated 10-20-16, "
        "the injured worker complained of low back pain rated 7 out of 10, unchanged. There was "
        "no documentation of pain relief or functional improvement with naproxen. The treatment "
        "plan included continuation of naproxen.",
    ),
    # CPMTG pp. 68-69: a proton pump inhibitor with an NSAID for a patient at risk of GI events
    # (history of peptic ulcer or bleeding, age over 65, high-dose or multiple NSAIDs)
    Pair(
        "Omeprazole 20mg #30",
        "6-1-2015",
        "The diagnoses have included right knee osteoarthritis. Treatment to date has included "
        "physical therapy and naproxen. Per the progress report dated 10-20-16, the injured "
        "worker reported that naproxen reduces his knee pain from 7 to 3 out of 10 and lets him "
        "walk a mile. He has a history of a bleeding gastric ulcer in 2012. The treatment plan "
        "included naproxen and omeprazole.",
        "The diagnoses have included right knee osteoarthritis. Treatment to date has included "
        "physical therapy and naproxen. Per the progress report dated 10-20-16, the injured "
        "worker reported that naproxen reduces his knee pain from 7 to 3 out of 10 and lets him "
        "walk a mile. He denied gastrointestinal complaints. The treatment plan included "
        "naproxen and omeprazole.",
    ),
    # CPMTG pp. 41-42 and 63-66: a muscle relaxant for a short course in an acute exacerbation,
    # not for chronic daily use
    Pair(
        "Cyclobenzaprine 7.5mg #20",
        "6-1-2015",
        CYCLO.format(history="the injured worker reported an acute flare of low back pain with "
                     "spasm after gardening three days earlier."),
        CYCLO.format(history="the injured worker reported chronic low back pain. He has taken "
                     "cyclobenzaprine daily since 2015."),
    ),
    # CPMTG pp. 63-66: tizanidine likewise
    Pair(
        "Tizanidine 4mg #30",
        "6-1-2015",
        CYCLO.format(history="the injured worker reported an acute exacerbation of low back pain "
                     "with spasm after a long drive one week earlier.").replace(
                         "cyclobenzaprine.", "tizanidine."),
        CYCLO.format(history="the injured worker reported chronic low back pain. He has taken "
                     "tizanidine every day for more than a year.").replace(
                         "cyclobenzaprine.", "tizanidine."),
    ),
    # CPMTG pp. 16-19: anticonvulsants for neuropathic pain (radiculopathy); not for
    # non-neuropathic pain such as knee osteoarthritis
    Pair(
        "Gabapentin 300mg #90",
        "6-1-2015",
        GABA.format(dx="lumbar radiculopathy",
                    pain="low back pain radiating down the left leg with burning and numbness",
                    exam="decreased sensation in the left L5 dermatome and a positive straight leg "
                    "raise on the left"),
        GABA.format(dx="right knee osteoarthritis", pain="right knee pain with activity",
                    exam="right knee crepitus and medial joint line tenderness; sensation was "
                    "intact"),
    ),
    # CPMTG pp. 16-17 and 19-20: pregabalin continued with documented relief (30% or more) and
    # function, not without
    Pair(
        "Lyrica 75mg #60",
        "6-1-2014",
        "The diagnoses have included cervical radiculopathy. Treatment to date has included "
        "physical therapy, naproxen and Lyrica. Per the progress report dated 10-20-16, the "
        "injured worker reported that Lyrica reduced the burning pain in his right arm by 50% and "
        "improved his sleep, and he is now able to type at work for longer periods. Examination "
        "revealed decreased sensation in the right C6 dermatome. The treatment plan included "
        "Lyrica.",
        "The diagnoses have included cervical radiculopathy. Treatment to date has included "
        "physical therapy, naproxen and Lyrica. Per the progress report dated 10-20-16, the "
        "injured worker complained of burning pain in his right arm, unchanged since the last "
        "visit. Examination revealed decreased sensation in the right C6 dermatome. There was no "
        "documentation of pain relief or functional improvement with Lyrica. The treatment plan "
        "included Lyrica.",
    ),
    # CPMTG pp. 13-16: antidepressants for neuropathic pain and for depression with chronic
    # pain; continued with assessment of pain, function, sleep and mood
    Pair(
        "Duloxetine 60mg #30",
        "6-1-2014",
        "The diagnoses have included lumbar radiculopathy and depression. Treatment to date has "
        "included physical therapy, gabapentin and duloxetine. Per the progress report dated "
        "10-20-16, the injured worker reported that duloxetine improved his mood and reduced his "
        "leg pain from 7 to 4 out of 10, and he has resumed walking daily. The treatment plan "
        "included duloxetine.",
        "The diagnoses have included lumbar radiculopathy and depression. Treatment to date has "
        "included physical therapy, gabapentin and duloxetine. Per the progress report dated "
        "10-20-16, the injured worker complained of leg pain rated 7 out of 10. There was no "
        "documentation of improvement in pain, function or mood with duloxetine. The treatment "
        "plan included duloxetine.",
    ),
    # CPMTG pp. 13-15: a tricyclic is first-line for neuropathic pain
    Pair(
        "Amitriptyline 10mg #30",
        "6-1-2015",
        "The diagnoses have included bilateral carpal tunnel syndrome and peripheral neuropathy. "
        "Treatment to date has included wrist splints and naproxen. Per the progress report "
        "dated 10-20-16, the injured worker complained of burning pain and numbness in both "
        "hands that wakes him at night. Electrodiagnostic studies dated 8-1-16 revealed "
        "bilateral carpal tunnel syndrome. The treatment plan included a trial of amitriptyline.",
        "The diagnoses have included bilateral carpal tunnel syndrome. Treatment to date has "
        "included wrist splints, naproxen and amitriptyline, taken nightly since 2015. Per the "
        "progress report dated 10-20-16, the injured worker complained of hand pain rated 7 out "
        "of 10, unchanged. There was no documentation of pain relief or functional improvement "
        "with amitriptyline. The treatment plan included amitriptyline.",
    ),
    # CPMTG pp. 56-57 and 112: Lidoderm for localized peripheral neuropathic pain after a trial
    # of first-line therapy (a tricyclic or an anticonvulsant such as gabapentin)
    Pair(
        "Lidoderm 5% patch #30",
        "6-1-2014",
        "The diagnoses have included right ilioinguinal neuralgia after hernia repair. Treatment "
        "to date has included gabapentin and amitriptyline, which did not control the pain. Per "
        "the progress report dated 10-20-16, the injured worker complained of burning pain in the"
        " right groin. Examination revealed allodynia over the right groin. The treatment plan "
        "included Lidoderm patches.",
        "The diagnoses have included right ilioinguinal neuralgia after hernia repair. Treatment "
        "to date has included naproxen. He has not tried an antidepressant or an anticonvulsant."
        " Per the progress report dated 10-20-16, the injured worker complained of burning pain "
        "in the right groin. Examination revealed allodynia over the right groin. The treatment "
        "plan included Lidoderm patches.",
    ),
    # CPMTG pp. 111-112: topical NSAIDs (Voltaren gel) for osteoarthritis of joints amenable to
    # topical treatment such as the knee; not evaluated for the spine
    Pair(
        "Voltaren 1% gel 100gm",
        "6-1-2015",
        "The diagnoses have included left knee osteoarthritis. Treatment to date has included "
        "physical therapy and naproxen, which caused dyspepsia. Per the progress report dated "
        "10-20-16, the injured worker complained of left knee pain rated 6 out of 10. "
        "Examination revealed left knee crepitus and medial joint line tenderness. X-rays of the "
        "left knee dated 7-1-16 revealed medial joint space narrowing. The treatment plan "
        "included Voltaren gel to the left knee.",
        "The diagnoses have included lumbar degenerative disc disease. Treatment to date has "
        "included physical therapy and naproxen, which caused dyspepsia. Per the progress report"
        " dated 10-20-16, the injured worker complained of low back pain rated 6 out of 10. "
        "Examination revealed lumbar paraspinal tenderness. The treatment plan included Voltaren"
        " gel to the low back.",
    ),
    # ODG Pain, insomnia treatment (zolpidem): short-term use (7 to 10 days) for insomnia
    Pair(
        "Zolpidem 5mg #10",
        "8-1-2016",
        "The diagnoses have included right shoulder rotator cuff tear. Treatment to date has "
        "included physical therapy and naproxen. Per the progress report dated 10-20-16, the "
        "injured worker complained of difficulty falling asleep for the past two weeks because "
        "of shoulder pain, despite sleep hygiene measures. He has not previously taken a sleep "
        "medication. The treatment plan included zolpidem for 10 nights.",
        "The diagnoses have included right shoulder rotator cuff tear. Treatment to date has "
        "included physical therapy, naproxen and zolpidem, taken nightly since January 2016. Per"
        " the progress report dated 10-20-16, the injured worker complained of difficulty "
        "falling asleep. The treatment plan included zolpidem.",
    ),
    # CPMTG p. 24: benzodiazepines are not for long-term use; most guidelines limit use to
    # four weeks
    Pair(
        "Lorazepam 0.5mg #14",
        "8-1-2016",
        "The diagnoses have included right wrist fracture and acute anxiety. Treatment to date "
        "has included casting and medications. Per the progress report dated 10-20-16, the "
        "injured worker reported acute anxiety with panic episodes since the injury, for which he"
        " was referred to a psychologist. He has not previously taken a benzodiazepine. The "
        "treatment plan included lorazepam for two weeks.",
        "The diagnoses have included right wrist fracture and anxiety. Treatment to date has "
        "included casting and lorazepam, taken daily since August 2016. Per the progress report "
        "dated 10-20-16, the injured worker reported ongoing anxiety. The treatment plan "
        "included continuation of lorazepam.",
    ),
    # Opioids 2016 (urine drug testing): a baseline test when chronic opioids are prescribed,
    # then at least yearly for a patient at low risk; more often only for higher risk; CPMTG
    # pp. 43, 94
    Pair(
        "Urine drug screen",
        "3-1-2014",
        "The diagnoses have included chronic low back pain. Treatment to date has included "
        "physical therapy, naproxen and Norco. There is no documentation of a prior urine drug "
        "screen. Per the progress report dated 10-20-16, the injured worker reported that Norco "
        "lowers his pain from 8 to 4 out of 10. The treatment plan included continuation of "
        "Norco and a urine drug screen.",
        "The diagnoses have included chronic low back pain. Treatment to date has included "
        "physical therapy, naproxen and Norco. Per the progress report dated 10-20-16, the "
        "injured worker reported that Norco lowers his pain from 8 to 4 out of 10. There are no "
        "aberrant behaviors and he is at low risk. Urine drug screens dated 6-1-16, 8-1-16 and "
        "9-20-16 were consistent with the prescribed medications. The treatment plan included "
        "continuation of Norco and a urine drug screen.",
    ),
    # CPMTG p. 77: prophylactic treatment of constipation is started with opioid therapy
    Pair(
        "Docusate sodium 100mg #60",
        "3-1-2014",
        "The diagnoses have included chronic low back pain. Treatment to date has included "
        "physical therapy and Norco. Per the progress report dated 10-20-16, the injured worker "
        "takes Norco four times daily and reported opioid-induced constipation. The treatment "
        "plan included docusate.",
        "The diagnoses have included chronic low back pain. Treatment to date has included "
        "physical therapy and naproxen. He takes no opioid medications. Per the progress report "
        "dated 10-20-16, the injured worker complained of low back pain. The treatment plan "
        "included docusate.",
    ),
    # ODG Pain, antiemetics (and the 2016 CPMTG antiemetics section): ondansetron for nausea
    # around surgery, not for nausea from chronic opioid use
    Pair(
        ["Right knee arthroscopy with partial medial meniscectomy", "Ondansetron 4mg #10"],
        "6-1-2016",
        "The diagnoses have included right knee medial meniscus tear. Treatment to date has "
        "included physical therapy, a cortisone injection and medications, without lasting "
        "relief. Per the progress report dated 10-20-16, the injured worker complained of right "
        "knee pain with locking and catching. Examination revealed medial joint line tenderness "
        "and a positive McMurray's test. MRI of the right knee dated 8-1-16 revealed a tear of "
        "the posterior horn of the medial meniscus. The treatment plan included right knee "
        "arthroscopy with partial medial meniscectomy and ondansetron for post-operative nausea.",
        "The diagnoses have included right knee medial meniscus tear. Treatment to date has "
        "included physical therapy and Norco. Per the progress report dated 10-20-16, the injured"
        " worker complained of right knee pain and nausea from Norco. Surgery has not been "
        "scheduled. The treatment plan included ondansetron for nausea.",
    ),
    # CPMTG p. 72: ketorolac is not for minor or chronic painful conditions; an injection in
    # the office for acute severe pain (retrospective)
    Pair(
        "Retrospective Toradol 60mg intramuscular injection (DOS 10-20-16)",
        "10-10-2016",
        "The diagnoses have included acute lumbar strain. Per the progress report dated 10-20-16,"
        " the injured worker complained of severe low back pain rated 9 out of 10 after lifting a"
        " pallet on 10-10-16. Examination revealed lumbar spasm and markedly decreased lumbar "
        "range of motion. A Toradol injection was given in the office.",
        "The diagnoses have included chronic lumbar strain. Per the progress report dated "
        "10-20-16, the injured worker complained of chronic low back pain rated 3 out of 10. "
        "Examination revealed mild lumbar tenderness. A Toradol injection was given in the "
        "office.",
    ),
    # CPMTG p. 86 and Opioids 2016: the daily dose, in morphine equivalents, is kept at or
    # below the dosing threshold; above it the records must justify it (our reading: 120 mg
    # MED per day, the CPMTG's figure)
    Pair(
        "Oxycodone 10mg #120",
        "3-1-2012",
        OXY.format(dose="10mg four times daily", med="60"),
        OXY.format(dose="30mg every 4 hours", med="270").replace(
            "continuation of oxycodone", "continuation of oxycodone 30mg"),
    ),
    # CPMTG p. 124 (weaning) and Opioids 2016 (tapering): an opioid that no longer meets the
    # criteria for continuation is tapered rather than stopped abruptly; a supply for the
    # prescriber's taper is supported, a plain continuation is not
    Pair(
        "Norco 10/325mg #60",
        "3-1-2014",
        NORCO.format(pain="8 out of 10", function="There was no documentation of functional "
                     "improvement with the medication. ", monitor=MONITORING).replace(
            "continuation of Norco 10/325mg one tablet every 6 hours as needed",
            "a taper of Norco from four tablets daily to two tablets daily over one month"),
        NORCO.format(pain="8 out of 10", function="There was no documentation of functional "
                     "improvement with the medication. ", monitor=MONITORING),
    ),
    # Opioids 2016, 1.3 severe acute injuries: a short opioid supply after a fracture needs no
    # earlier non-opioid trial; a mild sprain with no non-opioid tried does not call for one
    # (1.1 mild acute injuries)
    Pair(
        "Norco 5/325mg #20",
        "10-10-2016",
        "The diagnoses have included right distal radius fracture. Per the progress report dated"
        " 10-20-16, the injured worker complained of severe right wrist pain rated 8 out of 10 "
        "after falling from a ladder on 10-10-16. X-rays of the right wrist dated 10-10-16 "
        "revealed a displaced distal radius fracture, which was treated with closed reduction "
        "and casting. The treatment plan included Norco for five days.",
        "The diagnoses have included right wrist sprain. Per the progress report dated 10-20-16,"
        " the injured worker complained of mild right wrist pain rated 3 out of 10 after lifting"
        " a box on 10-10-16. X-rays of the right wrist dated 10-10-16 revealed no fracture. He "
        "has not taken any pain medication. The treatment plan included Norco for five days.",
    ),
    # Opioids 2016, 1.4 post-operative pain: a short supply goes with a surgery that is
    # supported (ACOEM 2004 ch. 13 pp. 344-345 for the meniscectomy)
    Pair(
        ["Right knee arthroscopy with partial medial meniscectomy", "Percocet 5/325mg #30"],
        "6-1-2016",
        "The diagnoses have included right knee medial meniscus tear. Treatment to date has "
        "included physical therapy, a cortisone injection and naproxen, without lasting relief."
        " Per the progress report dated 10-20-16, the injured worker complained of right knee "
        "pain with locking and catching. Examination revealed medial joint line tenderness and a"
        " positive McMurray's test. MRI of the right knee dated 8-1-16 revealed a tear of the "
        "posterior horn of the medial meniscus. The treatment plan included right knee "
        "arthroscopy with partial medial meniscectomy and Percocet for post-operative pain.",
        "The diagnoses have included right knee pain. Treatment to date has included naproxen. "
        "Per the progress report dated 10-20-16, the injured worker complained of diffuse right "
        "knee pain. Examination revealed full range of motion and a negative McMurray's test. "
        "MRI of the right knee dated 8-1-16 was normal. The treatment plan included right knee "
        "arthroscopy with partial medial meniscectomy and Percocet for post-operative pain.",
    ),
    # CPMTG pp. 111-112: capsaicin only for a patient who did not respond to, or could not
    # tolerate, other treatments
    Pair(
        "Capsaicin 0.075% cream 60gm",
        "6-1-2014",
        "The diagnoses have included right knee osteoarthritis. Treatment to date has included "
        "physical therapy, acetaminophen and naproxen, which caused gastritis and was stopped. "
        "Per the progress report dated 10-20-16, the injured worker complained of right knee "
        "pain rated 6 out of 10. The treatment plan included capsaicin cream.",
        "The diagnoses have included right knee osteoarthritis. Treatment to date has included "
        "physical therapy. He has not taken any oral medications. Per the progress report dated "
        "10-20-16, the injured worker complained of right knee pain rated 6 out of 10. The "
        "treatment plan included capsaicin cream.",
    ),
    # ODG Low Back, oral corticosteroids: a short course for acute radicular pain, not for
    # chronic axial pain
    Pair(
        "Medrol Dosepak #1",
        "9-20-2016",
        "The diagnoses have included acute lumbar radiculopathy. Per the progress report dated "
        "10-20-16, the injured worker complained of low back pain radiating down the right leg "
        "since lifting a crate on 9-20-16. Examination revealed decreased sensation in the right"
        " L5 dermatome and a positive straight leg raise on the right. The treatment plan "
        "included a Medrol Dosepak.",
        "The diagnoses have included chronic lumbar strain. Per the progress report dated "
        "10-20-16, the injured worker complained of chronic axial low back pain without "
        "radiation since 2013. Sensation, strength and reflexes were intact and the straight leg"
        " raise was negative. The treatment plan included a Medrol Dosepak.",
    ),
    # ODG Pain, vitamin D: to correct a documented deficiency, not as a pain treatment
    Pair(
        "Vitamin D 50,000 IU #4",
        "6-1-2014",
        "The diagnoses have included chronic low back pain. Per the progress report dated "
        "10-20-16, laboratory testing dated 10-1-16 revealed a 25-hydroxy vitamin D level of 12"
        " ng/mL, consistent with vitamin D deficiency. The treatment plan included vitamin D.",
        "The diagnoses have included chronic low back pain. Per the progress report dated "
        "10-20-16, the injured worker complained of low back pain. No laboratory results were "
        "provided. The treatment plan included vitamin D for pain.",
    ),
    # ODG Head, triptans: for migraine headaches
    Pair(
        "Sumatriptan 50mg #9",
        "6-1-2015",
        "The diagnoses have included post-traumatic migraine headaches. Treatment to date has "
        "included acetaminophen. Per the progress report dated 10-20-16, the injured worker "
        "reported throbbing unilateral headaches with nausea and photophobia three times a "
        "month. The treatment plan included sumatriptan.",
        "The diagnoses have included cervical strain. Treatment to date has included "
        "acetaminophen. Per the progress report dated 10-20-16, the injured worker reported neck"
        " pain. He denied headaches. The treatment plan included sumatriptan.",
    ),
    # ODG Pain, naloxone: for a patient at risk of opioid overdose (high dose, with a
    # benzodiazepine)
    Pair(
        "Narcan nasal spray 4mg #2",
        "3-1-2012",
        "The diagnoses have included failed back surgery syndrome. Treatment to date has "
        "included lumbar fusion and opioid medications. Per the progress report dated 10-20-16, "
        "the injured worker takes OxyContin 40mg three times daily and Norco, a total of 210 mg "
        "morphine equivalents per day, and takes diazepam for anxiety. The treatment plan "
        "included Narcan nasal spray.",
        "The diagnoses have included lumbar strain. Treatment to date has included physical "
        "therapy and naproxen. He takes no opioid medications. Per the progress report dated "
        "10-20-16, the injured worker complained of low back pain. The treatment plan included "
        "Narcan nasal spray.",
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
    assert got.needed, got.rationale


def _pair(name: str) -> Pair:
    return next(p for p in CASES if _name(p) == name)


NORCO_PAIR = _pair("Norco 10/325mg #120")
GABA_PAIR = _pair("Gabapentin 300mg #90")
CYCLO_PAIR = _pair("Cyclobenzaprine 7.5mg #20")
ZOLPIDEM_PAIR = _pair("Zolpidem 5mg #10")
VARIANTS = [
    # Opioids 2016 / CPMTG p. 78: an inconsistent drug screen is aberrant behaviour, which calls
    # for reassessment, not continued prescribing
    (
        "opioid with an inconsistent drug screen",
        NORCO_PAIR.items,
        NORCO_PAIR.injured,
        NORCO_PAIR.supported.replace(
            "A urine drug screen dated 9-15-16 was consistent with the prescribed medications",
            "A urine drug screen dated 9-15-16 was negative for hydrocodone and positive for "
            "cocaine",
        ).replace("there were no aberrant behaviors", "he reported no problems"),
        "upheld",
    ),
    # Opioids 2016 / CPMTG p. 80: the records' own statement of no functional improvement
    # outweighs a bare report that the drug helps
    (
        "opioid that 'helps' without any change in function",
        NORCO_PAIR.items,
        NORCO_PAIR.injured,
        NORCO_PAIR.unsupported.replace("rated 8 out of 10.", "rated 8 out of 10. He stated that "
                                       "the medication helps."),
        "upheld",
    ),
    # CPMTG p. 29: carisoprodol is not recommended
    (
        "carisoprodol",
        "Soma 350mg #30",
        CYCLO_PAIR.injured,
        CYCLO_PAIR.supported.replace("cyclobenzaprine.", "Soma."),
        "upheld",
    ),
    # CPMTG pp. 111-113: a compounded topical containing a drug that is not recommended
    # (cyclobenzaprine, gabapentin; flurbiprofen is not an FDA-approved topical) is not
    # recommended
    (
        "flurbiprofen/cyclobenzaprine/gabapentin cream",
        "Compound cream: flurbiprofen 20%, cyclobenzaprine 4%, gabapentin 6% 180gm",
        GABA_PAIR.injured,
        GABA_PAIR.supported.replace("a trial of gabapentin", "a compounded topical cream"),
        "upheld",
    ),
    (
        "ketoprofen/lidocaine compound",
        "Ketoprofen 10%/lidocaine 5% cream 120gm",
        GABA_PAIR.injured,
        GABA_PAIR.supported.replace("a trial of gabapentin", "a compounded topical cream"),
        "upheld",
    ),
    # CPMTG p. 112: only the Lidoderm form of lidocaine is approved on the skin; Terocin
    # (lidocaine with menthol) is not
    (
        "Terocin patches",
        "Terocin patches #30",
        GABA_PAIR.injured,
        GABA_PAIR.supported.replace("a trial of gabapentin", "Terocin patches"),
        "upheld",
    ),
    # CPMTG pp. 63-66: a short course, not three months of refills
    (
        "cyclobenzaprine with three refills",
        "Cyclobenzaprine 7.5mg #90 with 3 refills",
        CYCLO_PAIR.injured,
        CYCLO_PAIR.supported,
        "upheld",
    ),
    # ODG Pain, insomnia treatment: a short course, not one with refills (our reading)
    (
        "zolpidem with refills",
        "Zolpidem 5mg #10 with 2 refills",
        ZOLPIDEM_PAIR.injured,
        ZOLPIDEM_PAIR.supported,
        "upheld",
    ),
    # ODG Pain, medical food: not recommended for chronic pain
    (
        "medical food",
        "Theramine #90",
        GABA_PAIR.injured,
        GABA_PAIR.supported.replace("a trial of gabapentin", "Theramine"),
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


# what the rationale states about the records is true: the latest of the listed drug tests, the
# report that gives the daily dose
RATIONALE_FACTS = [
    ("Urine drug screen", "last drug test on 9/20/2016"),
    ("Oxycodone 10mg #120", "270 mg a day (clinical-case-summary, 10/20/2016)"),
]


@pytest.mark.parametrize(("name", "stated"), RATIONALE_FACTS, ids=[r[0] for r in RATIONALE_FACTS])
def test_counterpart_rationale_states_the_records(name: str, stated: str) -> None:
    pair = _pair(name)
    got = _decide(pair.items, pair.injured, pair.unsupported)
    assert stated in got.rationale, got.rationale
