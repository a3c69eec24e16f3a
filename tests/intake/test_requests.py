"""Request understanding: item text -> structured request (table-driven and property tests)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openimr.intake.requests import categories, known_regions, known_services, parse_request

CASES = [
    # text, category, subcategory, extra expectations
    ("Outpatient electromyography (EMG) of the lower extremity", "electrodiagnostics", "EMG",
     {"regions": ["lower extremity"], "setting": "outpatient"}),
    ("Nerve Conduction Studies of lower extremities", "electrodiagnostics", "NCS", {}),
    ("EMG/NCV of the upper extremities", "electrodiagnostics", "EMG/NCS",
     {"regions": ["upper extremity"]}),
    ("Outpatient repeat MRI of the cervical spine", "imaging", "MRI",
     {"repeat": True, "regions": ["cervical spine"]}),
    ("Outpatient x-rays of the pelvis", "imaging", "x-ray", {"regions": ["hip/pelvis"]}),
    ("MR arthrogram of the left shoulder", "imaging", "MR arthrogram",
     {"laterality": "left", "regions": ["shoulder"]}),
    ("Norco 10/325mg #60 with 2 refills", "medications", "opioid",
     {"quantity": 60, "refills": 2, "strength": "10/325 mg", "drug": "norco"}),
    ("Cyclobenzaprine 7.5mg #90 (DOS 10/19/16)", "medications", "muscle relaxant",
     {"retrospective": True, "date_of_service": dt.date(2016, 10, 19), "quantity": 90}),
    ("Lidoderm 5% patch #30", "medications", "topical", {"strength": "5 %"}),
    ("Butrans patch 10mcg/hr #4", "medications", "buprenorphine", {}),
    ("Compounded cream: flurbiprofen 20%, lidocaine 5%", "medications",
     "compounded medication", {}),
    ("Omeprazole 20mg #60", "medications", "ppi", {}),
    ("Toradol injection", "injections", "ketorolac injection", {}),
    ("Ketorolac 10mg #20", "medications", "nsaid", {"quantity": 20}),
    ("Physical therapy 2x6 for the lumbar spine", "rehabilitation", "physical therapy",
     {"frequency_per_week": 2, "duration_weeks": 6, "sessions": 12}),
    ("12 sessions of acupuncture for the right shoulder", "rehabilitation", "acupuncture",
     {"sessions": 12, "laterality": "right"}),
    ("Acupuncture x 8", "rehabilitation", "acupuncture", {"sessions": 8}),
    ("Acupuncture 1 time a week for 6 weeks for the neck", "rehabilitation", "acupuncture",
     {"frequency_per_week": 1, "duration_weeks": 6, "sessions": 6}),
    ("Chiropractic care to the low back two times a week for four weeks", "rehabilitation",
     "chiropractic", {"regions": ["lumbar spine"], "frequency_per_week": 2,
                      "duration_weeks": 4, "sessions": 8}),
    ("Acupuncture 3 times a week for 2 weeks, neck", "rehabilitation", "acupuncture",
     {"sessions": 6, "regions": ["cervical spine"]}),
    ("Associated surgical service: Physical therapy, times 12", "rehabilitation",
     "physical therapy", {"sessions": 12, "associated_surgical": True}),
    ("Wheelchair rental", "durable equipment", "mobility aid", {"regions": []}),
    ("Lumbar epidural steroid injection L4-5 bilateral", "injections",
     "epidural steroid injection", {"laterality": "bilateral"}),
    ("Synvisc injection for the right knee", "injections", "hyaluronic acid injection", {}),
    ("TENS unit purchase", "durable equipment", "TENS/electrical stimulation", {}),
    ("Retrospective: Associated surgical service: Assistant surgeon", "surgery-associated",
     "assistant surgeon", {"retrospective": True, "associated_surgical": True}),
    ("Associated surgical service: Post-op physical therapy 12 visits", "surgery-associated",
     "post-operative therapy", {"sessions": 12}),
    ("L4-5 lumbar laminectomy and discectomy", "surgery", "spine surgery", {}),
    ("Functional restoration program 80 hours", "programs", "functional restoration program", {}),
    ("Urine drug screen", "testing", "urine drug testing", {}),
    ("Follow-up visit with pain management", "evaluation", "follow-up visit", {}),
    ("Home health services 4 hours a day", "home health and transportation", "home health", {}),
    # ultrasound of a body part is imaging; with a frequency, therapy or guidance it is not
    ("Ultrasound right shoulder", "imaging", "diagnostic ultrasound", {"regions": ["shoulder"]}),
    ("Left knee ultrasound", "imaging", "diagnostic ultrasound", {"regions": ["knee"]}),
    ("Ultrasound therapy x6", "rehabilitation", "passive modalities", {"sessions": 6}),
    ("Ultrasound to the right shoulder 2 times a week for 3 weeks", "rehabilitation",
     "passive modalities", {}),
    ("Physical therapy with ultrasound 2x6 for the right knee", "rehabilitation",
     "physical therapy", {}),
    ("Ultrasound guided cortisone injection right shoulder", "injections",
     "corticosteroid injection", {}),
    # issue 12, third wording probe: amounts as letters write them
    ("PT 3x/wk x 4 wks R knee", "rehabilitation", "physical therapy",
     {"frequency_per_week": 3, "duration_weeks": 4, "sessions": 12, "laterality": "right"}),
    ("PT 2/wk x 6 wks cervical", "rehabilitation", "physical therapy", {"sessions": 12}),
    ("Physical therapy 3 times weekly for 4 weeks left ankle", "rehabilitation",
     "physical therapy", {"sessions": 12, "laterality": "left"}),
    ("Physical therapy (12) sessions bilateral wrists", "rehabilitation", "physical therapy",
     {"sessions": 12}),
    ("Twelve (12) physical therapy sessions", "rehabilitation", "physical therapy",
     {"sessions": 12}),
    ("Physical therapy eight sessions", "rehabilitation", "physical therapy", {"sessions": 8}),
    ("Cervical epidural steroid injection C5-6 x1", "injections", "epidural steroid injection",
     {"frequency_per_week": None, "duration_weeks": None}),
    ("Cyclobenzaprine HCL 10mg tablet #90 x 2 refills", "medications", "muscle relaxant",
     {"quantity": 90, "refills": 2, "sessions": None, "frequency_per_week": None}),
    ("Prospective request for 60 tablets of Tizanidine 4mg", "medications", "muscle relaxant",
     {"quantity": 60}),
    ("IF unit rental x 1 month", "durable equipment", "interferential stimulation unit",
     {"sessions": None}),
    ("Office visits once a month x 6 months", "evaluation", "follow-up visit", {"sessions": 6}),
    ("EMG/NCV RLE", "electrodiagnostics", "EMG/NCS", {"laterality": "right"}),
    ("EMG/NCS BLE", "electrodiagnostics", "EMG/NCS", {"laterality": "bilateral"}),
    ("MRI C spine without contrast", "imaging", "MRI", {"regions": ["cervical spine"]}),
    ("Left 1st CMC joint injection", "injections", "corticosteroid injection",
     {"regions": ["wrist/hand"]}),
    ("Left ACL reconstruction", "surgery", "knee surgery", {"regions": ["knee"]}),
    # a drug written with a slip is still that drug; a pill's drug in a cream is compounded
    ("Gabapentine 300mg #90", "medications", "anticonvulsant", {"drug": "gabapentin"}),
    ("Tizanadine 4 mg #60", "medications", "muscle relaxant", {"drug": "tizanidine"}),
    ("Ibuprophen 800 mg #90", "medications", "nsaid", {"drug": "ibuprofen"}),
    ("Gabapentin 15% cream 120g", "medications", "compounded medication", {}),
    ("Tramadol 10% cream", "medications", "compounded medication", {}),
    ("Fentanyl 25 mcg/hr patch #10", "medications", "opioid", {}),
    ("Flurbiprofen/Lidocaine cream (20%/5%) 180gm", "medications", "compounded medication", {}),
    ("Menthol/methyl salicylate cream 120 g", "medications", "topical", {}),
    ("Associated surgical service: Keflex 500mg #20", "medications", "other medication",
     {"associated_surgical": True}),
    # the route decides: a nasal spray is not on the skin, Medrol into a muscle is parenteral;
    # of two drugs in one item the first named is the one it is about
    ("Sprix ketorolac nasal spray", "medications", "nsaid", {}),
    ("Medrol 40 mg IM", "injections", "intramuscular corticosteroid", {}),
    ("Naproxen 500 mg tablets #60 and Omeprazole 20 mg #60", "medications", "nsaid",
     {"drug": "naproxen"}),
    ("Synapryn (tramadol) 10mg/1ml oral suspension 500ml", "medications", "opioid", {}),
    ("Tramadol 8%/Gabapentin 10%/Menthol 2%/Camphor 2% 180 grams", "medications",
     "compounded medication", {}),
    ("Physical therapy two (2) times a week for four (4) weeks, left shoulder",
     "rehabilitation", "physical therapy", {"sessions": 8, "frequency_per_week": 2}),
    ("Referral to pain psychologist for 6 sessions of CBT", "behavioral health",
     "psychotherapy", {"sessions": 6}),
    ("MRI of the right forearm", "imaging", "MRI", {"regions": ["wrist/hand"]}),
    ("MRI of the coccyx", "imaging", "MRI", {"regions": ["lumbar spine"]}),
    ("X-ray left clavicle", "imaging", "x-ray", {"regions": ["shoulder"]}),
    ("PT 2-3x/wk x 4-6 wks", "rehabilitation", "physical therapy",
     {"frequency_per_week": 3, "duration_weeks": 6, "sessions": 18}),
    ("Acupuncture sessions (6)", "rehabilitation", "acupuncture", {"sessions": 6}),
    ("Gait training x 6", "rehabilitation", "physical therapy", {"sessions": 6}),
]


@pytest.mark.parametrize(("text", "category", "subcategory", "extra"), CASES,
                         ids=[c[0][:40] for c in CASES])
def test_structured_request(text: str, category: str, subcategory: str, extra: dict) -> None:
    r = parse_request(text)
    assert (r.category, r.subcategory) == (category, subcategory)
    for key, value in extra.items():
        got = getattr(r, key)
        assert (list(got) if isinstance(got, tuple) else got) == value, key


def test_modified_request_decides_only_the_eligible_portion() -> None:
    r = parse_request(
        "Physical therapy 12 visits was the original request. 6 visits were authorized by the "
        "Claims Administrator. The IMR eligible portion of the request is: "
        "Physical therapy 6 visits"
    )
    assert r.modified
    assert r.original_request == "Physical therapy 12 visits"
    assert r.authorized == "6 visits"
    assert r.decided_text == "Physical therapy 6 visits"
    assert r.sessions == 6


def test_unknown_item_has_no_category() -> None:
    assert parse_request("Something nobody has ever asked for").category is None


def test_vocabulary_names_are_consistent() -> None:
    cats = categories()
    assert "medications" in cats and "opioid" in cats["medications"]
    assert "mri" in known_services() and "drug:opioid" in known_services()
    assert {"lumbar spine", "cervical spine", "hip/pelvis"} <= known_regions()


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_parser_never_crashes_on_any_text(text: str) -> None:
    r = parse_request(text)
    assert r.text == " ".join(text.split())
    assert r.quantity is None or r.quantity >= 0
    assert r.sessions is None or r.sessions >= 0


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 9), st.integers(1, 12))
def test_frequency_times_duration(freq: int, weeks: int) -> None:
    r = parse_request(f"Physical therapy {freq}x{weeks} for the neck")
    assert (r.frequency_per_week, r.duration_weeks, r.sessions) == (freq, weeks, freq * weeks)


def test_the_decided_portion_reads_as_a_person_would_write_it() -> None:
    from openimr.intake.requests import parse_request

    cases = {
        "Physical therapy 12 sessions was the original request. Physical therapy 6 sessions "
        "was authorized. Physical therapy 6 sessions is under review.":
        "Physical therapy 6 sessions",
        "Norco #120 was the original request. Norco #60 was certified. The remaining portion, "
        "Norco #60, is in dispute.": "Norco #60",
        "Occupational therapy for nine sessions was the original request. Occupational therapy "
        "for three sessions was authorized by the Claims Administrator. The remaining IMR "
        "eligible portion of the original request is Occupational therapy for six sessions.":
        "Occupational therapy for six sessions",
    }
    for text, portion in cases.items():
        assert parse_request(text).decided_text == portion, text


@pytest.mark.parametrize(
    ("text", "levels"),
    [
        ("L4-5 TFESI", 1),
        ("Bilateral L4-5, L5-S1 facet injections", 2),
        ("Lumbar facet joint injections bilateral L4-S1", 2),
        ("Cervical MBB bilateral C5-C7", 2),
        ("CESI C7-T1", 1),
        ("Repeat RFA right L3-4, L4-5, L5-S1", 3),
        ("Lumbar RFA left L3-L5", 2),
    ],
)
def test_a_range_of_levels_counts_every_segment_in_it(text: str, levels: int) -> None:
    from openimr.review.facts import spinal_levels

    assert spinal_levels(text) == levels


@pytest.mark.parametrize(
    ("text", "original", "authorized", "decided", "amount"),
    [
        ("Physical therapy x 12 modified to x 6", "Physical therapy x 12",
         "Physical therapy x 6", "Physical therapy x 6", ("sessions", 6)),
        ("Norco 10/325mg #90 (modified to #45)", "Norco 10/325mg #90", "Norco 10/325mg #45",
         "Norco 10/325mg #45", ("quantity", 45)),
        ("Acupuncture 2x6 modified to 2x3", "Acupuncture 2x6", "Acupuncture 2x3",
         "Acupuncture x 6", ("sessions", 6)),
        ("Psychotherapy (12) sessions modified to (6) sessions", "Psychotherapy (12) sessions",
         "Psychotherapy (6) sessions", "Psychotherapy x 6", ("sessions", 6)),
        ("Physical therapy 12 visits; modified to 6 visits", "Physical therapy 12 visits",
         "Physical therapy 6 visits", "Physical therapy x 6", ("sessions", 6)),
        # another service put in its place: the request is decided whole
        ("MRI of the lumbar spine modified to x-ray", "MRI of the lumbar spine", "x-ray",
         "MRI of the lumbar spine", ("sessions", None)),
    ],
)
def test_a_request_headed_with_what_ur_modified_it_to_is_a_modified_request(
    text: str, original: str, authorized: str, decided: str, amount: tuple[str, int | None]
) -> None:
    """Letters of 2017-2020 head a modified item "X modified to Y": UR authorized Y, and IMR
    decides the rest of X (issue 12 point 5: the remainder extends the authorized part)."""
    from openimr.routing import course_of

    r = parse_request(text)
    assert r.modified
    assert (r.original_request, r.authorized, r.decided_text) == (original, authorized, decided)
    assert getattr(r, amount[0]) == amount[1]
    assert course_of(r) == ("initial" if "x-ray" in authorized else "remainder")


@pytest.mark.parametrize(
    ("text", "quantity", "strength"),
    [
        ("Tylenol with codeine #3 #60", 60, None),
        ("Tylenol No. 3 #60", 60, None),
        ("Tylenol #4 qty 90", 90, None),
        ("Norco 10/325 #120", 120, "10/325"),
        ("Percocet 7.5/325 #90", 90, "7.5/325"),
        ("Norco 10/325mg #90", 90, "10/325 mg"),
    ],
)
def test_a_product_number_is_not_a_supply_and_a_combination_strength_is_read(
    text: str, quantity: int, strength: str | None
) -> None:
    r = parse_request(text)
    assert r.service == "drug:opioid"
    assert r.quantity == quantity
    assert r.strength == strength


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("EMG/NCV R/L upper extremities", "bilateral"),
        ("Steroid injection right and left knees", "bilateral"),
        ("Left and right knee x-rays", "bilateral"),
        ("Right knee MRI", "right"),
        ("Cortisone injection L knee", "left"),
    ],
)
def test_both_sides_named_one_after_the_other_are_bilateral(text: str, side: str) -> None:
    assert parse_request(text).laterality == side


@pytest.mark.parametrize(
    ("text", "quantity", "refills"),
    [
        ("Tramadol 50mg 1 tab po q6h #120 refills: 2", 120, 2),
        ("Zorvolex 35 mg 1 cap TID #90 refill x 1", 90, 1),
        ("Lyrica 75 mg capsule, 1 PO BID, #60, 2 RF", 60, 2),
        ("Gabapentin 300mg caps #90 x2 RF", 90, 2),
        ("Lyrica 150 mg #60 with five refills", 60, 5),
        ("Gabapentin 600mg #90 with 2 refills", 90, 2),
    ],
)
def test_refills_are_counted_after_the_supply_not_inside_it(
    text: str, quantity: int, refills: int
) -> None:
    """'#120 refills: 2' is two refills (was twenty); 'refill x 1' is one refill and no visit."""
    r = parse_request(text)
    assert (r.quantity, r.refills, r.sessions) == (quantity, refills, None)
