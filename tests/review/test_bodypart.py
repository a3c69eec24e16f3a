"""A request that names no body part, or only a kind of one ("spine", "joint"), is read as the
part the records are about: the ACOEM chapter of the MTUS depends on it (review/bodypart.py)."""

from __future__ import annotations

import pytest

from openimr.domain import CaseBundle
from openimr.evidence import extract
from openimr.intake.requests import parse_request
from openimr.intake.vocabulary import unnamed_region_kinds
from openimr.routing.bodypart import read_body_part


def _bundle(text: str, item: str = "x", injury: str = "2016-11-01") -> CaseBundle:
    return CaseBundle.model_validate(
        {
            "format": "openimr-case/1",
            "case_number": "CM00-0000001",
            "dates": {"ur_denial": "2016-11-20", "decision": "2016-12-20"},
            "patient": {"age": 40},
            "claim": {"date_of_injury": injury},
            "records": [
                {"id": "r1", "date": "2016-11-10", "kind": "progress report", "text": text}
            ],
            "requests": [{"id": "1", "item": item, "ur_decision": "denied"}],
        }
    )


@pytest.mark.parametrize(
    ("item", "kind"),
    [
        ("Chiropractic spinal manipulation x6", "spine"),
        ("MRI/CT of the spine and pelvis", "spine"),
        ("Chiropractic joint manipulation x6", "joint"),
        ("MRI of the cervical spine", None),  # the level is named
        ("Facet joint injection L4-5", None),  # a spinal joint, named by its level
        ("Spinal cord stimulator trial", None),
        ("Referral to a spine surgeon", None),
        ("CT myelogram", "myelogram"),  # a myelogram is of the spine
        ("Lumbar myelogram", None),
    ],
)
def test_words_for_a_kind_of_body_part(item: str, kind: str | None) -> None:
    found = [k for k, _ in unnamed_region_kinds(item)]
    assert found == ([kind] if kind else [])


def test_spine_is_the_level_the_records_document_else_lumbar() -> None:
    neck = extract(_bundle("Neck pain. Tenderness over the cervical paraspinal muscles."))
    nothing = extract(_bundle("Right ankle pain after a fall."))
    req = parse_request("Chiropractic spinal manipulation x6")
    assert (
        reading := read_body_part(req, neck, acute=False)
    ) and reading.region == "cervical spine"
    assert (
        reading := read_body_part(req, nothing, acute=False)
    ) and reading.region == "lumbar spine"
    assert "no level is documented" in reading.reason


def test_a_myelogram_naming_no_level_is_the_level_the_records_document_else_lumbar() -> None:
    neck = extract(_bundle("Neck pain. Tenderness over the cervical paraspinal muscles."))
    nothing = extract(_bundle("Right ankle pain after a fall."))
    req = parse_request("CT myelogram")
    assert (reading := read_body_part(req, neck, acute=False)) and reading.region == (
        "cervical spine"
    )
    assert (reading := read_body_part(req, nothing, acute=False)) and reading.region == (
        "lumbar spine"
    )
    assert '"myelogram"' in reading.reason


def test_joint_is_a_limb_joint_never_the_spine() -> None:
    ev = extract(
        _bundle("Low back pain with stiffness. Right shoulder pain with decreased range of motion.")
    )
    reading = read_body_part(parse_request("Joint manipulation x6"), ev, acute=True)
    assert reading and reading.region == "shoulder"
    back_only = extract(_bundle("Low back pain with stiffness."))
    assert read_body_part(parse_request("Joint manipulation x6"), back_only, acute=True) is None


def test_no_body_part_is_read_only_in_the_acute_phase() -> None:
    ev = extract(_bundle("Low back pain with stiffness. Tenderness over the lumbar paraspinals."))
    req = parse_request("Electrical stimulation x6")
    assert read_body_part(req, ev, acute=False) is None
    reading = read_body_part(req, ev, acute=True)
    assert reading and reading.region == "lumbar spine"
    assert "names no body part" in reading.reason


def test_the_engine_keeps_a_reading_only_where_it_decides_the_chapter() -> None:
    """A drug is decided by the same CPMTG section whatever the body part: nothing is read in,
    and no note asks the reviewer to confirm one."""
    from openimr import decide

    text = "Low back pain with stiffness. Tenderness over the lumbar paraspinal muscles."
    det = decide(_bundle(text, "Cyclobenzaprine 7.5 mg #21"))
    assert "Body part" not in (det.items[0].note or "")
    # an operation or a drug that names no body part is never given one
    for item in ("Arthroscopic debridement", "Gabapentin 300 mg #90"):
        det = decide(_bundle(text, item))
        assert "Body part" not in (det.items[0].note or ""), item
    det = decide(_bundle(text, "Electrical stimulation x6"))
    assert det.items[0].topic == "acoem2004.low-back.modalities"
    assert "Body part: the request names no body part" in (det.items[0].note or "")
    det = decide(_bundle("Right hip pain.", "MRI/CT of the spine and pelvis"))
    assert det.items[0].topic == "acoem2004.low-back.mri-ct"
