import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openimr.errors import NoQualifiedReviewer
from openimr.reviewers import Panel, disqualifications, select_reviewer
from openimr.reviewers.conflicts import conflicts

from .factories import bundle, reviewer

PMR = "Physical Medicine and Rehabilitation"


def panel(*reviewers) -> Panel:  # type: ignore[no-untyped-def]
    return Panel(format="openimr-panel/1", reviewers=list(reviewers))


def test_default_panel_spine_case_picks_a_fit_unconflicted_reviewer() -> None:
    b = bundle(
        ["Outpatient EMG of the lower extremity", "Norco 10/325 mg #60"],
        claims_administrator="Redwood Mutual Claims Services, Inc.",
    )
    sel = select_reviewer(b)
    assert sel.reviewer.board_certification in sel.specialties or any(
        c in sel.specialties for c in sel.reviewer.certifications()
    )
    excluded = dict(sel.excluded)
    assert "claims administrator" in excluded["R02"]  # fit but conflicted
    assert "4 years" in excluded["R12"]
    assert "16 hours" in excluded["R14"]
    assert "probation" in excluded["R13"]
    assert "not available" in excluded["R15"]
    assert "Psychology" in excluded["R08"]
    # every reviewer is accounted for: chosen, qualified, or excluded with a reason
    ids = {r.id for r in sel.qualified} | set(excluded)
    assert len(ids) == 15 and sel.reviewer.id not in excluded
    assert sel.reviewer.id in sel.explanation and "fewest" in sel.explanation


def test_psych_case_goes_to_psychiatry_or_psychology() -> None:
    sel = select_reviewer(bundle(["Psychotherapy x6"], body_parts=["psyche"]))
    assert sel.reviewer.board_certification in ("Psychiatry", "Psychology")


def test_surgery_goes_to_the_surgical_specialty() -> None:
    sel = select_reviewer(bundle(["Lumbar laminectomy L4-5"]))
    assert sel.reviewer.board_certification in ("Orthopedic Surgery", "Neurological Surgery")
    assert sel.credentials().board_certification == sel.reviewer.board_certification


def test_workload_is_balanced_and_ties_are_deterministic() -> None:
    p = panel(
        reviewer("B", open_cases=2),
        reviewer("A", open_cases=2),
        reviewer("C", open_cases=1),
        reviewer("D", open_cases=0, licensed_in=["Nevada"]),
    )
    b = bundle(["Norco 10/325 mg #60"])
    assert select_reviewer(b, p).reviewer.id == "D"
    assert select_reviewer(b, p, workload={"D": 5}).reviewer.id == "C"
    assert select_reviewer(b, p, workload={"D": 5, "C": 1}).reviewer.id == "A"  # A,B,C tie: id
    p2 = panel(reviewer("A", licensed_in=["Nevada"]), reviewer("B"))
    assert select_reviewer(b, p2).reviewer.id == "B"  # tie: California licence first


def test_exclusion_reasons_are_all_named() -> None:
    r = reviewer(
        "X",
        board="Psychology",
        years_in_practice=5,
        hours_per_week=23,
        available=False,
        license_in_good_standing=False,
        affiliations=["Example Stores"],
    )
    b = bundle(["Norco 10/325 mg #60"])
    reasons = disqualifications(r, b, select_items(b), default(), dt.date(2024, 1, 1))
    text = "; ".join(reasons)
    for part in (
        "not available",
        "no licence in good standing",
        "5 years",
        "23 hours",
        "no certification fit for item 1",
        "employer 'Example Stores Inc.'",
    ):
        assert part in text


def select_items(b):  # type: ignore[no-untyped-def]
    from openimr.reviewers.selection import parse_items

    return default().case_fit(b, parse_items(b)).items


def default():  # type: ignore[no-untyped-def]
    from openimr.reviewers import default_matcher

    return default_matcher()


def test_empty_qualified_pool_is_a_clear_refusal() -> None:
    p = panel(
        reviewer("A", board="Psychology"), reviewer("B", affiliations=["Example Claims Company"])
    )
    with pytest.raises(NoQualifiedReviewer) as exc:
        select_reviewer(bundle(["Norco 10/325 mg #60"]), p)
    msg = str(exc.value)
    assert "no qualified reviewer" in msg
    assert "A: no certification fit" in msg and "B: affiliated with the claims administrator" in msg


def test_mixed_case_with_no_common_specialty_is_split_on_the_default_panel() -> None:
    sel = select_reviewer(
        bundle(["Psychotherapy x6", "Lumbar fusion L4-5"], body_parts=["psyche", "lumbar spine"])
    )
    assert sel.split and len(sel.assignments) == 2
    boards = {a.reviewer.board_certification: a.items for a in sel.assignments}
    assert boards.get("Psychiatry", boards.get("Psychology")) == ["1"]
    assert any(items == ["2"] for b, items in boards.items() if "Surgery" in b)
    assert "Split case" in sel.explanation


def test_split_case_pt_and_psychology() -> None:
    """Physical therapy items and a psychology item, nobody certified for both: two reviewers,
    the one deciding the most items is the primary; ties go by workload, licence, then id."""
    p = panel(
        reviewer("P2", open_cases=3),  # PM&R, fit for the therapy items only
        reviewer("P1", open_cases=1),  # PM&R, the least loaded of the two
        reviewer("S1", board="Psychology", open_cases=0),
        reviewer("S2", board="Psychiatry", open_cases=0),  # ties with S1: id decides
        reviewer("X", board="Psychology", affiliations=["Example Stores"]),  # conflicted
        reviewer("Y", board="Psychiatry", years_in_practice=3),  # too new
    )
    b = bundle(
        ["Physical therapy 2x6", "Aquatic therapy x8", "Cognitive behavioral therapy x6"],
        body_parts=["lumbar spine"],
    )
    sel = select_reviewer(b, p)
    assert sel.split
    assert [(a.reviewer.id, a.items) for a in sel.assignments] == [
        ("P1", ["1", "2"]),
        ("S1", ["3"]),
    ]
    assert sel.reviewer.id == "P1"
    assert sel.credentials().board_certification == PMR
    extra = sel.additional_reviewers()
    assert [(r.board_certification, r.items) for r in extra] == [("Psychology", ["3"])]
    dumped = json.dumps([r.model_dump() for r in extra])
    assert "S1" not in dumped  # credentials only, never identity
    # the partly fit, unconflicted reviewers count as qualified; the rest are excluded
    assert {r.id for r in sel.qualified} == {"P1", "S1", "P2", "S2"}
    excluded = dict(sel.excluded)
    assert set(excluded) == {"X", "Y"} and "employer" in excluded["X"]
    assert "3 years" in excluded["Y"]
    assert len(sel.qualified) + len(sel.excluded) == len(p.reviewers)
    text = sel.explanation
    assert "no qualified reviewer is fit for every disputed item" in text
    assert (
        "P1" in text and "decides items 1, 2" in text and "S1" in text and "decides item 3" in text
    )
    assert "primary reviewer" in text


def test_split_workload_breaks_ties_between_equal_covers() -> None:
    p = panel(
        reviewer("A", open_cases=4),
        reviewer("B", open_cases=2),
        reviewer("C", board="Psychology", open_cases=9),
    )
    b = bundle(["Physical therapy 2x6", "Psychotherapy x6"])
    sel = select_reviewer(b, p, workload={"B": 5})
    # A and B each cover one item, like C: the greedy takes the least loaded first
    assert [(a.reviewer.id, a.items) for a in sel.assignments] == [("A", ["1"]), ("C", ["2"])]


def test_refusal_when_even_a_split_cannot_cover_every_item() -> None:
    p = panel(
        reviewer("A"),  # PM&R: fit for the therapy
        reviewer("B", board="Psychology", affiliations=["Example Claims Company"]),  # conflicted
        reviewer("C", board="Psychiatry", available=False),
    )
    b = bundle(["Physical therapy 2x6", "Psychotherapy x6"])
    with pytest.raises(NoQualifiedReviewer) as exc:
        select_reviewer(b, p)
    msg = str(exc.value)
    assert "even split among several reviewers" in msg
    assert "no qualified, conflict-free reviewer is fit for item 2 (psychological services" in msg
    assert "item 1 (physical" not in msg.split("fit specialties:")[0]  # only item 2 uncovered
    assert "no single specialty is fit for every disputed item" in msg
    assert "affiliated with the claims administrator" in msg and "C: not available" in msg


def test_dual_certified_reviewer_is_preferred_to_a_split() -> None:
    p = panel(
        reviewer(
            "A", board="Psychiatry", board_certifications=["Orthopedic Surgery"], open_cases=9
        ),
        reviewer("B", board="Psychiatry", open_cases=0),
        reviewer("C", board="Orthopedic Surgery", open_cases=0),
    )
    sel = select_reviewer(bundle(["Psychotherapy x6", "Lumbar fusion L4-5"]), p)
    assert sel.reviewer.id == "A" and not sel.split
    assert sel.additional_reviewers() == []


def test_associated_surgical_services_follow_the_surgeon() -> None:
    """Pre-op clearance and labs, post-op therapy, an 'associated surgical service' item: the
    hand surgeon judging the operation is fit for them all, so no split is needed."""
    p = panel(
        reviewer("H", board="Orthopedic Surgery", board_certifications=["Hand Surgery"]),
        reviewer("I", board="Internal Medicine", open_cases=0),
    )
    b = bundle(
        [
            "Right carpal tunnel release",
            "Pre-operative medical clearance",
            "Pre-op labs: CBC, BMP",
            "Pre-operative EKG",
            "Post-operative physical therapy 2x4 for the right wrist",
            "Associated surgical service: wrist splint",
        ],
        body_parts=["right wrist"],
    )
    sel = select_reviewer(b, p)
    assert sel.reviewer.id == "H" and not sel.split
    assoc = [it for it in sel.items if it.associated]
    assert [it.request_id for it in assoc] == ["2", "3", "4", "5", "6"]
    assert all(it.follows == ("1",) and "Hand Surgery" in it.specialties for it in assoc)
    assert "associated with surgery item 1" in sel.explanation
    # the internist stays fit for the pre-op work-up (the item's own fit is kept)
    assert "Internal Medicine" in assoc[0].specialties


def test_dual_certified_reviewer_can_cover_a_mixed_case() -> None:
    p = panel(reviewer("A", board="Psychiatry", board_certifications=["Orthopedic Surgery"]))
    sel = select_reviewer(bundle(["Psychotherapy x6", "Lumbar fusion L4-5"]), p)
    assert sel.reviewer.id == "A"
    assert sel.fitting_certifications == ["Psychiatry", "Orthopedic Surgery"]


def test_unavailable_until_is_judged_on_the_date() -> None:
    p = panel(reviewer("A", unavailable_until=dt.date(2024, 3, 1)))
    b = bundle(["Norco 10/325 mg #60"])
    with pytest.raises(NoQualifiedReviewer, match="unavailable until 2024-03-01"):
        select_reviewer(b, p, on=dt.date(2024, 3, 1))
    assert select_reviewer(b, p, on=dt.date(2024, 3, 2)).reviewer.id == "A"


def test_credentials_never_carry_the_name() -> None:
    sel = select_reviewer(bundle(["Norco 10/325 mg #60"]))
    assert sel.reviewer.name
    dumped = json.dumps(sel.credentials().model_dump())
    assert sel.reviewer.name not in dumped and sel.reviewer.id not in dumped


def test_subspecialty_is_reported_when_it_is_the_fit() -> None:
    p = panel(reviewer("A", subspecialty="Pain Management", board="Anesthesiology"))
    sel = select_reviewer(bundle(["Lumbar epidural steroid injection"]), p)
    assert sel.credentials().subspecialty == "Pain Management"


# --- property: a conflicted or unqualified reviewer is never chosen ---------------------

_WORDS = ["Harbor", "Sierra", "Pacific", "Granite", "Cedar", "Summit", "Valley", "Coastal"]
_KINDS = ["Stores", "Claims", "Medical Group", "Insurance", "Foods", "Logistics"]
_SUFFIX = ["", " Inc.", " Inc", ", Inc.", " Co", " Co.", " Company", " LLC", " Corp."]
_BOARDS = [
    PMR,
    "Occupational Medicine",
    "Family Medicine",
    "Orthopedic Surgery",
    "Psychology",
    "Psychiatry",
    "Chiropractic",
    "Acupuncture",
    "Internal Medicine",
]
_ITEMS = [
    "Norco 10/325 mg #60",
    "Physical therapy 2x6",
    "MRI of the lumbar spine",
    "Acupuncture x6",
    "Psychotherapy x6",
    "Lumbar epidural steroid injection",
    "Chiropractic manipulation x6",
    "Right knee arthroscopy",
]

org = st.builds(
    lambda a, b, s: f"{a} {b}{s}",
    st.sampled_from(_WORDS),
    st.sampled_from(_KINDS),
    st.sampled_from(_SUFFIX),
)


def _variant(name: str, style: int) -> str:
    """The same party written differently: case, punctuation, suffix, title."""
    base = name.replace(",", "")
    for s in (" Inc.", " Inc", " Co.", " Co", " Company", " LLC", " Corp."):
        base = base.removesuffix(s)
    return [base.upper(), base.lower() + ", Inc.", f"{base} Company", f"The {base}"][style % 4]


@st.composite
def case_and_panel(draw):  # type: ignore[no-untyped-def]
    employer, admin = draw(org), draw(org)
    provider = (
        "Dr. "
        + draw(st.sampled_from(["A.", "Ann", "B."]))
        + " "
        + draw(st.sampled_from(["Quill", "Ferro", "Lund"]))
    )
    items = draw(st.lists(st.sampled_from(_ITEMS), min_size=1, max_size=3, unique=True))
    parties = [employer, admin]
    reviewers = []
    for i in range(draw(st.integers(1, 8))):
        affs = []
        if draw(st.booleans()):
            affs.append(
                {
                    "name": _variant(draw(st.sampled_from(parties)), draw(st.integers(0, 3))),
                    "kind": draw(st.sampled_from(["employer", "insurer", "other"])),
                }
            )
        if draw(st.integers(0, 5)) == 0:
            affs.append({"name": provider.replace("Dr. ", "") + " MD", "kind": "medical group"})
        if draw(st.booleans()):
            affs.append({"name": draw(org), "kind": "facility"})
        reviewers.append(
            reviewer(
                f"R{i}",
                board=draw(st.sampled_from(_BOARDS)),
                years_in_practice=draw(st.integers(0, 30)),
                hours_per_week=draw(st.integers(0, 60)),
                open_cases=draw(st.integers(0, 9)),
                available=draw(st.integers(0, 9)) > 0,
                license_in_good_standing=draw(st.integers(0, 9)) > 0,
                affiliated_with=affs,
            )
        )
    b = bundle(items, employer=employer, claims_administrator=admin, providers=[provider])
    return b, panel(*reviewers)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case_and_panel())
def test_property_conflicted_or_unqualified_reviewer_is_never_chosen(data) -> None:  # type: ignore[no-untyped-def]
    b, p = data
    try:
        sel = select_reviewer(b, p, on=dt.date(2024, 1, 2))
    except NoQualifiedReviewer:
        # refusal is only allowed when some item has no qualified, unconflicted, fit reviewer
        items = select_items(b)
        when = dt.date(2024, 1, 2)
        assert any(
            all(disqualifications(r, b, [it], default(), when) for r in p.reviewers) for it in items
        )
        return
    by_item = {it.request_id: it for it in sel.items}
    decided: list[str] = []
    for a in sel.assignments:  # every member of the set, the primary first
        chosen = a.reviewer
        assert conflicts(chosen, b) == []
        for aff in chosen.all_affiliations():
            for party in (b.claim.employer, b.claim.claims_administrator):
                assert party is not None
                assert _strip(aff.name) != _strip(party)
        assert chosen.years_in_practice > 5 and chosen.hours_per_week >= 24
        assert chosen.available and chosen.license_in_good_standing
        assert a.fitting_certifications and a.items
        assert all(chosen.board_certification in by_item[i].specialties for i in a.items)
        decided += a.items
    # every item is decided, by exactly one reviewer; the primary decides the most
    assert sorted(decided) == sorted(by_item)
    assert sel.reviewer is sel.assignments[0].reviewer
    assert all(len(sel.assignments[0].items) >= len(a.items) for a in sel.assignments)
    if not sel.split:
        # nobody qualified had fewer open cases
        assert all(sel.reviewer.open_cases <= q.open_cases for q in sel.qualified)
    assert len(sel.qualified) + len(sel.excluded) == len(p.reviewers)


def _strip(name: str) -> str:
    """An independent, cruder normalisation: the property must hold under it too."""
    import re

    s = re.sub(r"[^a-z ]", "", name.lower())
    words = [w for w in s.split() if w not in {"inc", "co", "company", "llc", "corp", "the"}]
    return " ".join(words)
