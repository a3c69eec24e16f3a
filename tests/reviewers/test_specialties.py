from pathlib import Path

import pytest

from openimr.errors import DataFileError
from openimr.reviewers import default_matcher, load_specialty_map
from openimr.reviewers.selection import parse_items

from .factories import bundle

PMR = "Physical Medicine and Rehabilitation"


@pytest.mark.parametrize(
    ("item", "parts", "category", "fit", "not_fit"),
    [
        (
            "Norco 10/325 mg #60",
            ["lumbar spine"],
            "medication",
            [PMR, "Pain Management", "Occupational Medicine", "Family Medicine"],
            ["Psychology", "Chiropractic", "Acupuncture"],
        ),
        (
            "Outpatient EMG of the lower extremity",
            ["lumbar spine"],
            "electrodiagnostic testing",
            [PMR, "Neurology"],
            ["Psychiatry", "Podiatry"],
        ),
        (
            "MRI of the lumbar spine",
            ["lumbar spine"],
            "imaging",
            [PMR, "Orthopedic Surgery", "Neurological Surgery"],
            ["Psychiatry", "Acupuncture"],
        ),
        (
            "Psychotherapy, 6 sessions",
            ["psyche"],
            "psychological services",
            ["Psychiatry", "Psychology"],
            [PMR, "Family Medicine"],
        ),
        (
            "Cognitive behavioral therapy x 6",
            ["lumbar spine"],
            "psychological services",
            ["Psychiatry", "Psychology"],
            [PMR],
        ),
        (
            "Sertraline 50 mg #30",
            ["psyche"],
            "psychotropic medication",
            ["Psychiatry"],
            ["Psychology", PMR],
        ),
        (
            "Acupuncture x 8 for the neck",
            ["cervical spine"],
            "acupuncture",
            ["Acupuncture", PMR],
            ["Chiropractic", "Orthopedic Surgery"],
        ),
        (
            "Chiropractic manipulation 2x3",
            ["low back"],
            "chiropractic",
            ["Chiropractic", PMR],
            ["Acupuncture", "Psychiatry"],
        ),
        (
            "Lumbar fusion L4-5",
            ["lumbar spine"],
            "surgery",
            ["Orthopedic Surgery", "Neurological Surgery"],
            [PMR, "Family Medicine"],
        ),
        (
            "Right knee arthroscopy with meniscectomy",
            ["right knee", "lumbar spine"],
            "surgery",
            ["Orthopedic Surgery"],
            ["Neurological Surgery", "Podiatry"],
        ),
        (
            "Left carpal tunnel release",
            ["left wrist"],
            "surgery",
            ["Orthopedic Surgery", "Hand Surgery"],
            ["Neurological Surgery"],
        ),
        (
            "Plantar fascia release, left foot",
            ["left foot"],
            "surgery",
            ["Podiatry", "Orthopedic Surgery"],
            [PMR],
        ),
        (
            "Lumbar epidural steroid injection L5-S1",
            ["lumbar spine"],
            "injection",
            ["Pain Management", PMR, "Anesthesiology"],
            ["Psychology", "Chiropractic"],
        ),
        (
            "Physical therapy 2x6 for the lumbar spine",
            ["lumbar spine"],
            "physical medicine and therapy",
            [PMR, "Chiropractic", "Occupational Medicine"],
            ["Psychiatry"],
        ),
        (
            "Custom orthotics",
            ["right foot"],
            "physical medicine and therapy",
            ["Podiatry", "Orthopedic Surgery"],
            ["Psychiatry"],
        ),
        (
            "Pre-operative medical clearance",
            ["right knee"],
            "medical testing and clearance",
            ["Internal Medicine", "Family Medicine"],
            ["Orthopedic Surgery"],
        ),
        (
            "Follow-up visit with the treating physician",
            ["lumbar spine"],
            "general",
            [PMR, "Family Medicine"],
            ["Psychology"],
        ),
    ],
)
def test_item_fit_table(
    item: str, parts: list[str], category: str, fit: list[str], not_fit: list[str]
) -> None:
    m = default_matcher()
    b = bundle([item], body_parts=parts)
    cf = m.case_fit(b, parse_items(b))
    got = cf.items[0]
    assert got.category == category
    for s in fit:
        assert s in got.specialties, (s, got)
    for s in not_fit:
        assert s not in got.specialties, (s, got)


def test_item_naming_a_region_is_judged_for_that_region_only() -> None:
    m = default_matcher()
    b = bundle(["Right knee arthroscopy"], body_parts=["lumbar spine", "right knee"])
    it = m.case_fit(b, parse_items(b)).items[0]
    assert it.regions == ("lower_extremity",)


def test_case_without_body_parts_falls_back_to_general() -> None:
    m = default_matcher()
    b = bundle(["Norco"], body_parts=[])
    assert m.case_fit(b).case_regions == ("general",)


def test_common_specialties_are_the_intersection() -> None:
    m = default_matcher()
    b = bundle(["Acupuncture x6", "Norco 10/325 mg #60"])
    assert m.case_fit(b, parse_items(b)).common == [PMR]


def test_aliases_resolve() -> None:
    m = default_matcher()
    assert m.canonical("PM&R") == PMR
    assert m.canonical("orthopaedic surgery") == "Orthopedic Surgery"
    assert m.canonical("Preventive Medicine") == "Occupational Medicine"
    assert m.canonical("Astrology") is None


def test_bad_map_names_the_field(tmp_path: Path) -> None:
    src = (Path(default_matcher().source)).read_text(encoding="utf-8")
    bad = tmp_path / "map.yaml"
    bad.write_text(
        src.replace("treating: [Psychiatry, Psychology]", "treating: [Psychiatry, Psychologee]"),
        encoding="utf-8",
    )
    with pytest.raises(
        DataFileError,
        match=r"regions\[0\]\.treating: unknown specialty "
        r"'Psychologee' \(did you mean 'Psychology'\?\)",
    ):
        load_specialty_map(bad)
    bad.write_text(
        src.replace("general_region: general", "general_region: general\nextra: 1"),
        encoding="utf-8",
    )
    with pytest.raises(DataFileError, match=r"map\.yaml: extra: unknown field"):
        load_specialty_map(bad)


def test_associated_surgical_services_gain_the_surgeons_fit() -> None:
    m = default_matcher()
    b = bundle(
        [
            "Left knee arthroscopy with partial meniscectomy",
            "Pre-operative labs",
            "Associated surgical service: cold therapy unit 7 day rental",
            "Post-operative physical therapy 2x6",
            "Norco 10/325 mg #60",
        ],
        body_parts=["left knee"],
    )
    items = m.case_fit(b, parse_items(b)).items
    assert not items[0].associated and items[0].follows == ()
    for it in items[1:4]:
        assert it.associated and it.follows == ("1",)
        assert "Orthopedic Surgery" in it.specialties
        assert "associated with surgery item 1" in it.reason()
    assert "Internal Medicine" in items[1].specialties  # its own fit is kept
    assert not items[4].associated and items[4].follows == ()  # an ordinary medication


def test_associated_service_without_a_disputed_surgery_keeps_its_own_fit() -> None:
    m = default_matcher()
    b = bundle(["Pre-operative medical clearance"], body_parts=["right knee"])
    it = m.case_fit(b, parse_items(b)).items[0]
    assert it.associated and it.follows == ()
    assert "Orthopedic Surgery" not in it.specialties


def test_associated_surgical_must_follow_a_known_category(tmp_path: Path) -> None:
    src = (Path(default_matcher().source)).read_text(encoding="utf-8")
    bad = tmp_path / "map.yaml"
    bad.write_text(src.replace("follows: surgery", "follows: surgeries"), encoding="utf-8")
    with pytest.raises(DataFileError, match="associated_surgical.follows: 'surgeries'"):
        load_specialty_map(bad)
