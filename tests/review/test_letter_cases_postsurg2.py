"""Post-surgical follow-ups in 2017 letter-style fictional cases (issue 12), each pair with
the outcome or sentence the guideline gives and the one it withholds.

- The MTUS Postsurgical Treatment Guidelines (8 CCR 9792.24.3) give each operation its own
  postsurgical physical medicine period: after a carpal tunnel release it is 3 months, so
  therapy asked for five months after the release is no longer postoperative therapy (the
  chronic pain guidelines govern it), while after a lumbar fusion five months are within the
  period and the fusion's course counts.
- ACOEM 2004 ch. 13 p. 340 gives a knee brace a place after knee surgery without naming the
  operations; ODG Knee & Leg, Knee brace names them (a ligament reconstruction, a meniscal or
  cartilage repair, an osteotomy, a fracture fixation), not a partial meniscectomy.
- The rationale of a sling names the sling, not a brace.
"""

from __future__ import annotations

from _letter_case import decide_letter_items

RELEASE = (
    "According to the progress report dated 7/10/17, the injured worker underwent a left carpal "
    "tunnel release on {op} and has completed 8 post-operative therapy visits. She reported "
    "residual numbness at the fingertips. The treating physician requested six additional "
    "sessions of physical therapy for the left hand."
)


def test_therapy_past_the_carpal_tunnel_period_is_not_postoperative() -> None:
    """Postsurgical Treatment Guidelines, Carpal tunnel syndrome: 3 to 8 visits, period 3
    months; past it the request is not read as postoperative therapy."""
    item = "Additional physical therapy x6 for the left hand"
    within = decide_letter_items([item], "3-2-2016@48", RELEASE.format(op="June 1, 2017"),
                                 "female", ur="2017-07-17", decided="2017-08-10")[0]
    assert "Postsurgical Treatment Guidelines" in within.rationale
    past = decide_letter_items([item], "3-2-2016@48", RELEASE.format(op="February 20, 2017"),
                               "female", ur="2017-07-17", decided="2017-08-10")[0]
    assert "Postsurgical Treatment Guidelines" not in past.rationale, past.rationale


def test_therapy_within_its_period_says_the_period_truly() -> None:
    """Postsurgical Treatment Guidelines, Carpal tunnel syndrome (3 months) and Low Back,
    fusion (6 months): the rationale names the operation's own period, and a fusion five
    months before is within it, where a carpal tunnel release five months before is not."""
    item = "Additional physical therapy x3 for the left hand"
    within = decide_letter_items([item], "3-2-2016@48",
                                 RELEASE.format(op="June 1, 2017").replace("8 post", "1 post"),
                                 "female", ur="2017-07-17", decided="2017-08-10")[0]
    assert within.decision == "overturned"
    assert ("falls within the 3-month postsurgical physical medicine period after carpal tunnel "
            "release done on 6/1/2017") in within.rationale, within.rationale
    fusion = decide_letter_items(
        ["Post-operative physical therapy x8 lumbar spine"], "2-2-2015@50",
        "Per the PR-2 dated 7/10/17, the injured worker is s/p L4-5 TLIF on 2/20/17 "
        "and has completed 8 post-operative therapy visits. He "
        "reported low back pain. The treating physician requested 8 sessions of post-operative "
        "physical therapy for the lumbar spine.", ur="2017-07-17", decided="2017-08-10")[0]
    assert ("falls within the 6-month postsurgical physical medicine period after lumbar "
            "fusion done on 2/20/2017") in fusion.rationale, fusion.rationale


BRACE = (
    "Per the PR-2 dated 5/15/17, the injured worker is status post left knee {op} on 4/18/17. "
    "She reported left knee pain and swelling and walks with a mild limp. Examination revealed "
    "a small effusion and flexion to 110 degrees. The treating physician requested a hinged "
    "knee brace for the left knee."
)


def test_a_knee_brace_follows_the_operations_odg_names() -> None:
    """ACOEM 2004 ch. 13 p. 340 (a place after knee surgery), read with ODG Knee & Leg, Knee
    brace: after a ligament reconstruction, not after a partial meniscectomy."""
    item = "Hinged knee brace, left knee"
    acl = decide_letter_items([item], "3-2-2017@38", BRACE.format(
        op="arthroscopic ACL reconstruction"), "female", ur="2017-05-22", decided="2017-06-15")[0]
    assert acl.decision == "overturned", acl.rationale
    scope = decide_letter_items([item], "3-2-2017@38", BRACE.format(
        op="arthroscopic partial medial meniscectomy"), "female", ur="2017-05-22",
        decided="2017-06-15")[0]
    assert scope.decision == "upheld", scope.rationale


SLING = (
    "Per the PR-2 dated 5/2/17, the injured worker is scheduled for {op}, authorized by "
    "utilization review on 4/25/17. The treating physician requested a post-operative "
    "abduction pillow sling."
)


def test_a_sling_rationale_names_no_brace() -> None:
    """ODG Shoulder, Postoperative abduction pillow sling (an open repair of a large or
    massive rotator cuff tear): the sentence names the device, not a brace."""
    item = "Post-operative abduction pillow sling"
    got = decide_letter_items([item], "3-2-2016@48", SLING.format(
        op="an open repair of a massive right rotator cuff tear"), ur="2017-05-09",
        decided="2017-06-01")[0]
    assert got.decision == "overturned"
    assert "the abduction sling is for an open rotator cuff repair" in got.rationale
    assert "brace" not in got.rationale.lower(), got.rationale
    scope = decide_letter_items([item], "3-2-2016@48", SLING.format(
        op="right shoulder arthroscopic subacromial decompression"), ur="2017-05-09",
        decided="2017-06-01")[0]
    assert scope.decision == "upheld"
    assert "brace" not in scope.rationale.lower(), scope.rationale


def test_post_operative_therapy_past_the_period_falls_to_the_chronic_pain_guidelines() -> None:
    """8 CCR 9792.24.3: the Postsurgical Treatment Guidelines govern the postsurgical physical
    medicine period (3 months after a carpal tunnel release), the chronic pain guidelines after
    it, though the request still calls the therapy post-operative."""
    item = "Post-operative physical therapy x4 for the left hand"
    past = decide_letter_items([item], "3-2-2016@48", RELEASE.format(op="February 20, 2017"),
                               "female", ur="2017-07-17", decided="2017-08-10")[0]
    assert "(Chronic Pain Medical Treatment Guidelines)" in past.rationale, past.rationale
    within = decide_letter_items([item], "3-2-2016@48", RELEASE.format(op="June 1, 2017"),
                                 "female", ur="2017-07-17", decided="2017-08-10")[0]
    assert "(Postsurgical Treatment Guidelines)" in within.rationale, within.rationale
