"""One principle, one encoding: the same fictional patient through four ACOEM chapters.

The special-studies red flag is written once (guidelines/shared/special-studies.yaml) and used
by the neck, low back, shoulder and knee imaging topics; each chapter must read the same
records the same way.
"""

from __future__ import annotations

import pytest

import openimr
from openimr.domain import CaseBundle
from openimr.errors import DataFileError
from openimr.guidelines.registry import load_knowledge_base

SITES = {
    "neck": ("MRI of the cervical spine", "neck", "acoem2004.neck.mri-ct"),
    "low back": ("MRI of the lumbar spine", "low back", "acoem2004.low-back.mri-ct"),
    "shoulder": ("MRI of the right shoulder", "right shoulder", "acoem2004.shoulder.mri"),
    "knee": ("MRI of the right knee", "right knee", "acoem2004.knee.mri"),
}
PATIENTS = {
    # the mechanism of injury alone is history, not a red flag
    "mechanism only": ("She fell from a ladder at work. She has pain in the {part}.", "not met"),
    "suspected fracture": (
        "She fell from a ladder at work. She has pain in the {part}. A fracture of the {part} "
        "is suspected.",
        "met",
    ),
    "cancer history": (
        "She has a history of breast cancer and reports unexplained weight loss. She has pain "
        "in the {part}.",
        "met",
    ),
}


def _red_flag(site: str, patient: str) -> tuple[str | None, str | None]:
    item, part, _ = SITES[site]
    text = PATIENTS[patient][0].format(part=part)
    bundle = CaseBundle.model_validate(
        {
            "format": "openimr-case/1",
            "case_number": "CM00-shared",
            "dates": {"ur_denial": "2016-12-01", "decision": "2016-12-20"},
            "patient": {"age": 52, "sex": "unknown"},
            "claim": {"date_of_injury": "2016-06-01"},
            "records": [{"id": "r1", "date": "2016-11-20", "text": text}],
            "requests": [{"id": "1", "item": item}],
        }
    )
    got = openimr.decide(bundle).items[0]
    status = {c.id: c.status for c in got.criteria}.get("red_flag")
    return got.topic, status


@pytest.mark.parametrize("patient", sorted(PATIENTS))
def test_every_chapter_reads_the_same_red_flag(patient: str) -> None:
    seen = {}
    for site, (_, _, topic) in SITES.items():
        got_topic, status = _red_flag(site, patient)
        assert got_topic == topic
        seen[site] = status
    assert set(seen.values()) == {PATIENTS[patient][1]}, seen


def test_the_four_topics_share_one_encoding() -> None:
    kb = load_knowledge_base()
    for _, _, topic in SITES.values():
        crit = {c.id: c for c in kb.get(topic).criteria}["red_flag"]
        assert crit.shared == "special_studies.red_flag"


def test_an_unknown_shared_criterion_fails_at_load(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from openimr.guidelines.registry import load_topic_file

    path = tmp_path / "t.yaml"
    path.write_text(
        "id: t\ntitle: t\napplies_to: {services: [mri]}\n"
        "citations: {primary: {level: MTUS, guideline: ACOEM}}\n"
        "effective_from: 2004-01-01\nrecommendation: r\n"
        "criteria:\n  - use: special_studies.red_flg\n"
    )
    with pytest.raises(DataFileError, match="did you mean 'special_studies.red_flag'"):
        load_topic_file(path)
