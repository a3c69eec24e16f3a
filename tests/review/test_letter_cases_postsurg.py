"""Post-surgical physical medicine in 2017 letter-style fictional cases (issue 12): each pair
holds the outcome the guideline gives and the one it withholds.

The MTUS Postsurgical Treatment Guidelines (8 CCR 9792.24.3, 2009) count the visits of the
whole postsurgical period: the initial course is half the general course for the operation,
and the rest follows documented functional improvement. So the visits already given count,
however the summary writes them ("has completed 12 post-op PT visits", "34 post-operative
therapy visits", "authorized 12 sessions, 8 attended"); a grip measured in kilograms that rose
is functional improvement; a fixed distal radius fracture has 16 visits (Forearm, Wrist, &
Hand), not the carpal tunnel course of 8, and a fixed ankle fracture 21 (Ankle & Foot), not the
common 24; and an operation dated by its year alone ("status post right shoulder arthroscopy
in 2014") is years past its postsurgical period, not an operation of the visit's day.
"""

from __future__ import annotations

from _letter_case import decide_letter_items


def _one(item: str, injured: str, text: str, ur: str, decided: str, sex: str = "male") -> str:
    got = decide_letter_items([item], injured, text, sex, ur=ur, decided=decided)[0]
    return got.decision


SHOULDER = (
    "Per the PR-2 dated 6/1/17, the injured worker is s/p left shoulder arthroscopic rotator "
    "cuff repair on 3/14/2017 and has completed 12 post-op PT visits. {response} The treating "
    "physician requested 12 additional post-operative physical therapy visits for the left "
    "shoulder."
)


def test_post_op_visits_told_as_past_count_toward_the_course() -> None:
    """Postsurgical Treatment Guidelines, Shoulder: 24 visits, the first 12 the initial course;
    12 more after 12 given need documented functional improvement."""
    item = "Additional post-op physical therapy x12, left shoulder"
    better = SHOULDER.format(
        response="With therapy, forward flexion improved from 90 to 150 degrees, and he is now "
        "able to dress and reach overhead without help."
    )
    assert _one(item, "3-2-2016@48", better, "2017-06-10", "2017-07-01") == "overturned"
    same = SHOULDER.format(
        response="He reported no change in pain or function with therapy, and forward flexion "
        "remains 90 degrees."
    )
    assert _one(item, "3-2-2016@48", same, "2017-06-10", "2017-07-01") == "upheld"


FUSION = (
    "Per the PR-2 dated 5/3/17, the injured worker is s/p L4-5 TLIF {when}. He reported low "
    "back pain and {done} Examination revealed a well-healed incision and limited lumbar motion. "
    "The treating physician requested 12 sessions of post-operative physical therapy for the "
    "lumbar spine."
)


def test_post_operative_therapy_visits_named_without_physical_count() -> None:
    """Postsurgical Treatment Guidelines, Low Back: 34 visits after a fusion, 17 the initial
    course; 34 already given leave none."""
    item = "Post-operative physical therapy x12 lumbar spine"
    first = FUSION.format(when="3 months ago", done="has not yet started therapy.")
    assert _one(item, "2-2-2015@50", first, "2017-05-10", "2017-06-02") == "overturned"
    spent = FUSION.format(
        when="5 months ago", done="has completed 34 post-operative therapy visits."
    )
    assert _one(item, "2-2-2015@50", spent, "2017-05-10", "2017-06-02") == "upheld"


MENISCUS = (
    "Per the PR-2 dated 6/14/17, the injured worker is s/p left knee arthroscopic partial "
    "lateral meniscectomy on 4/4/17. Post-operative therapy: authorized 12 sessions, 8 "
    "attended. With therapy he now walks without a limp, climbs stairs step over step and "
    "flexion improved from 100 to 130 degrees. The request is for physical therapy {freq} for "
    "the left knee."
)


def test_the_visits_attended_of_those_authorized_count() -> None:
    """Postsurgical Treatment Guidelines, Knee: 12 visits after a meniscectomy; 8 attended
    leave 4, not 12."""
    assert _one("Physical therapy 2x2 left knee", "3-2-2016@48", MENISCUS.format(freq="2x2"),
                "2017-06-20", "2017-07-12") == "overturned"
    assert _one("Physical therapy 2x6 left knee", "3-2-2016@48", MENISCUS.format(freq="2x6"),
                "2017-06-20", "2017-07-12") == "upheld"


CARPAL = (
    "According to the progress report dated 5/1/17, the injured worker underwent a left carpal "
    "tunnel release on February 27, 2017 and {done}. {response} The treating physician "
    "requested {n} additional sessions of physical therapy for the left hand."
)


def test_a_grip_that_rose_in_kilograms_is_functional_improvement() -> None:
    """Postsurgical Treatment Guidelines, Carpal tunnel syndrome: 3 to 8 visits, the first 4
    the initial course; 3 given and 5 more stay within 8 with documented improvement."""
    better = CARPAL.format(
        done="has completed three post-operative therapy visits",
        response="Since therapy began her grip strength improved from 8 kg to 16 kg.",
        n="five",
    )
    assert _one("Additional physical therapy x5 for the left hand", "3-2-2016@48", better,
                "2017-05-10", "2017-06-05", "female") == "overturned"
    spent = CARPAL.format(
        done="has completed 8 post-operative therapy visits",
        response="She continues to report pain at the palm.",
        n="six",
    )
    assert _one("Additional physical therapy x6 for the left hand", "3-2-2016@48", spent,
                "2017-05-10", "2017-06-05", "female") == "upheld"


RADIUS = (
    "Per the PR-2 dated 3/22/17, the injured worker is status post ORIF of a left distal radius "
    "fracture on 2/28/17. The cast was removed and she reported wrist stiffness. Examination "
    "revealed wrist extension to 20 degrees and flexion to 25 degrees. The treating physician "
    "requested physical therapy {freq} for the left wrist."
)


def test_a_fixed_distal_radius_fracture_has_its_own_course() -> None:
    """Postsurgical Treatment Guidelines, Forearm, Wrist, & Hand (fracture of the radius or
    ulna): 16 visits over 8 weeks, 8 the initial course."""
    got = decide_letter_items(["Physical therapy 2x4 left wrist"], "2-20-2017@55",
                              RADIUS.format(freq="two times a week for four weeks"), "female",
                              ur="2017-03-29", decided="2017-04-20")[0]
    assert got.decision == "overturned"
    assert "16 after fixation of a forearm fracture" in got.rationale
    assert _one("Physical therapy 2x8 left wrist", "2-20-2017@55",
                RADIUS.format(freq="two times a week for eight weeks"), "2017-03-29",
                "2017-04-20", "female") == "upheld"


ANKLE = (
    "Per the PR-2 dated 4/26/17, the injured worker is status post open reduction and internal "
    "fixation of a right bimalleolar ankle fracture on 3/28/17. He reported right ankle pain "
    "and swelling and is now weight bearing as tolerated in a walking boot. The treating "
    "physician requested {n} post-operative physical therapy visits for the right ankle."
)


def test_a_fixed_ankle_fracture_has_21_visits_not_the_common_24() -> None:
    """Postsurgical Treatment Guidelines, Ankle & Foot (fracture of the ankle): 21 visits over
    16 weeks, about 10 the initial course."""
    assert _one("Post-operative physical therapy x10 right ankle", "3-20-2017@44",
                ANKLE.format(n="ten"), "2017-05-03", "2017-05-30") == "overturned"
    assert _one("Post-operative physical therapy x12 right ankle", "3-20-2017@44",
                ANKLE.format(n="twelve"), "2017-05-03", "2017-05-30") == "upheld"


def test_an_operation_dated_by_its_year_is_placed_in_that_year() -> None:
    """Postsurgical Treatment Guidelines (8 CCR 9792.24.3): the postsurgical period of a
    shoulder operation is six months; one done in 2014 is long past it in 2017."""
    item = "Physical therapy x12 for the right shoulder"
    recent = (
        "Per the PR-2 dated 4/10/17, the injured worker is three weeks status post right "
        "shoulder arthroscopic subacromial decompression (performed 3/20/17). He reported right "
        "shoulder pain. Examination revealed flexion to 90 degrees. The treating physician "
        "requested physical therapy x12 for the right shoulder."
    )
    assert _one(item, "1-10-2016@50", recent, "2017-04-18", "2017-05-15") == "overturned"
    old = (
        "Per the PR-2 dated 4/10/17, the injured worker is status post right shoulder "
        "arthroscopy in 2014 and has had 36 sessions of physical therapy since then. He "
        "reported chronic right shoulder pain. Examination revealed flexion to 150 degrees. "
        "The treating physician requested post-operative physical therapy x12 for the right "
        "shoulder."
    )
    got = decide_letter_items([item], "1-10-2014@50", old, ur="2017-04-18",
                              decided="2017-05-15")[0]
    assert got.decision == "upheld"
    assert "The therapy follows surgery" not in got.rationale


COLD = (
    "Per the PR-2 dated 3/2/17, the injured worker is scheduled to undergo left shoulder "
    "arthroscopic subacromial decompression, authorized by utilization review on 2/24/17. The "
    "treating physician requested a cold therapy unit rental for {days} for post-operative use."
)


def test_an_operation_scheduled_to_be_undergone_is_one_a_cold_unit_follows() -> None:
    """ODG Shoulder, Continuous-flow cryotherapy: an option for up to seven days after surgery;
    "scheduled to undergo" reports the authorized operation as "scheduled for" does."""
    assert _one("Cold therapy unit rental x 7 days", "3-2-2016@48",
                COLD.format(days="seven days"), "2017-03-09", "2017-04-03") == "overturned"
    assert _one("Cold therapy unit rental x 30 days", "3-2-2016@48",
                COLD.format(days="thirty days"), "2017-03-09", "2017-04-03") == "upheld"


LSO = (
    "Per the PR-2 dated 5/2/17, the injured worker is scheduled for {op}, certified by "
    "utilization review on 4/25/17. The treating physician requested a post-operative LSO back "
    "brace."
)


def test_a_fusion_of_two_levels_joined_by_and_is_the_operation_a_brace_follows() -> None:
    """ODG Low Back, Back brace, postoperative (fusion): a brace after a fusion, not after a
    discectomy; "an L4-5 and L5-S1 ... fusion" names one operation."""
    item = "Post-operative LSO back brace"
    fusion = LSO.format(op="an L4-5 and L5-S1 posterior lumbar interbody fusion")
    assert _one(item, "1-15-2016@52", fusion, "2017-05-09", "2017-06-01") == "overturned"
    disc = LSO.format(op="a right L5-S1 microdiscectomy")
    assert _one(item, "1-15-2016@52", disc, "2017-05-09", "2017-06-01") == "upheld"


ELBOW = (
    "Per the PR-2 dated 3/1/17, the injured worker underwent a right lateral epicondylar "
    "release on 2/1/17. He reported elbow stiffness. The treating physician requested "
    "post-operative therapy x{n} for the right elbow."
)


def test_an_epicondylar_release_is_the_operation_the_therapy_follows() -> None:
    """Postsurgical Treatment Guidelines, Elbow (lateral epicondylitis): 12 visits over 12
    weeks, 6 the initial course."""
    assert _one("Post-operative occupational therapy x6 right elbow", "3-2-2016@48",
                ELBOW.format(n="6"), "2017-03-08", "2017-04-01") == "overturned"
    assert _one("Post-operative occupational therapy x12 right elbow", "3-2-2016@48",
                ELBOW.format(n="12"), "2017-03-08", "2017-04-01") == "upheld"


TRIGGER = (
    "Per the PR-2 dated 3/1/17, the injured worker is status post right long finger trigger "
    "release on 2/14/17. She reported stiffness of the finger. The treating physician "
    "requested occupational therapy {n} visits for the right hand."
)


def test_a_finger_named_before_its_trigger_release_sets_that_course() -> None:
    """Postsurgical Treatment Guidelines, Forearm, Wrist, & Hand (trigger finger): 9 visits
    over 8 weeks; the rationale names that operation, not a carpal tunnel release."""
    got = decide_letter_items(["Occupational therapy x4, right hand"], "3-2-2016@48",
                              TRIGGER.format(n="4"), "female", ur="2017-03-08",
                              decided="2017-04-01")[0]
    assert got.decision == "overturned"
    assert "after trigger finger release is 4" in got.rationale
    assert "carpal tunnel release is" not in got.rationale
    got = decide_letter_items(["Occupational therapy x12, right hand"], "3-2-2016@48",
                              TRIGGER.format(n="12"), "female", ur="2017-03-08",
                              decided="2017-04-01")[0]
    assert got.decision == "upheld"
    assert "the general course after trigger finger release is 9" in got.rationale


HIP = (
    "Per the PR-2 dated 3/1/17, the injured worker underwent a right total hip arthroplasty on "
    "February 6, 2017. She reported right hip pain and walks with a walker. The treating "
    "physician requested home physical therapy {n} visits."
)


def test_therapy_after_a_hip_replacement_names_the_operation() -> None:
    """Postsurgical Treatment Guidelines, Hip & Pelvis (arthroplasty): 24 visits over 10
    weeks, 12 the initial course."""
    got = decide_letter_items(["Home physical therapy x12 visits, right hip"], "4-4-2015@66",
                              HIP.format(n="12"), "female", ur="2017-03-08",
                              decided="2017-04-01")[0]
    assert got.decision == "overturned"
    assert "the initial course after hip arthroplasty is 12" in got.rationale
    assert _one("Home physical therapy x30 visits, right hip", "4-4-2015@66",
                HIP.format(n="30"), "2017-03-08", "2017-04-01", "female") == "upheld"


SLING = (
    "Per the PR-2 dated 5/2/17, the injured worker is scheduled for {op}, authorized by "
    "utilization review on 4/25/17. The treating physician requested a post-operative "
    "abduction pillow sling."
)


def test_an_approval_after_the_operations_own_object_authorizes_it() -> None:
    """ODG Shoulder, Postoperative abduction pillow sling: an option after an open repair of a
    large or massive rotator cuff tear, not after an arthroscopic operation."""
    item = "Post-operative abduction pillow sling"
    open_repair = SLING.format(op="an open repair of a massive right rotator cuff tear")
    assert _one(item, "3-2-2016@48", open_repair, "2017-05-09", "2017-06-01") == "overturned"
    scope = SLING.format(op="right shoulder arthroscopic subacromial decompression")
    assert _one(item, "3-2-2016@48", scope, "2017-05-09", "2017-06-01") == "upheld"


WORDS = (
    "Per the PR-2 dated 6/14/17, the injured worker is s/p right shoulder arthroscopic "
    "subacromial decompression on 3/7/17 and has attended twelve of twelve authorized "
    "post-operative therapy sessions. Active forward flexion improved from 100 to 160 degrees "
    "and he returned to full duty. The treating physician requested {n} more visits of physical "
    "therapy for the right shoulder."
)


def test_the_sessions_attended_of_those_authorized_in_words_count() -> None:
    """Postsurgical Treatment Guidelines, Shoulder: 24 visits; 12 attended and 12 more with
    documented improvement fit, 18 more do not."""
    assert _one("Physical therapy x12 right shoulder", "3-2-2016@48", WORDS.format(n="twelve"),
                "2017-06-20", "2017-07-12") == "overturned"
    assert _one("Physical therapy x18 right shoulder", "3-2-2016@48",
                WORDS.format(n="eighteen"), "2017-06-20", "2017-07-12") == "upheld"
