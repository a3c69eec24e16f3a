"""The request facts read from the item's own words (guidelines/tables/request_wording_flags.yaml):
each row is a fact topics can test, it reads the item's text as its expression says, and a bad
row is a one-line error that names the file and the row."""

from __future__ import annotations

import pytest

from openimr.errors import DataFileError
from openimr.intake.requests import parse_request
from openimr.review import facts as F

CASES = [
    ("orthotic", "Custom orthotics for both feet", "Ankle brace"),
    ("evaluation_only", "Functional restoration evaluation", "Functional restoration program"),
    ("extended_release", "Tramadol ER 150 mg #30", "Tramadol 50 mg #60"),
    ("initial_exam", "Initial evaluation with a pain specialist", "Follow-up visit"),
    ("consult_body_field", "Orthopedic surgeon consultation", "Pain management consultation"),
    ("surgical_consult", "Spine surgeon consultation", "Neurology consultation"),
    ("pain_specialist", "Pain management consultation", "Orthopedic consultation"),
    ("unit_supplies", "TENS unit supplies: electrodes and batteries", "TENS unit 30 day trial"),
    ("powered_unit", "Cold therapy unit rental", "Hot and cold packs"),
    ("specific_test", "HbA1c and lipid panel", "Complete blood count"),
    ("purchase", "Purchase of a TENS unit", "TENS unit rental"),
    ("powered_traction", "DRX 9000 spinal decompression", "Over the door cervical traction unit"),
    ("manipulation_under_anesthesia", "Right shoulder manipulation under anesthesia",
     "Chiropractic manipulation 6 visits"),
    ("hospital_bed", "Semi-electric hospital bed rental x 30 days", "Orthopedic mattress"),
]


class _Ctx:
    def __init__(self, item: str) -> None:
        self.request = parse_request(item)


@pytest.mark.parametrize(("name", "says_yes", "says_no"), CASES)
def test_each_wording_flag_reads_the_item(name: str, says_yes: str, says_no: str) -> None:
    fact = F.FACTS[name]
    assert fact.kind == "request"
    assert fact.compute(_Ctx(says_yes))[0] == 1.0  # type: ignore[arg-type]
    assert fact.compute(_Ctx(says_no))[0] == 0.0  # type: ignore[arg-type]


def test_every_row_is_a_fact() -> None:
    assert set(F._wording_flags()) == {name for name, *_ in CASES}


def test_a_bad_pattern_names_the_file_and_the_row(monkeypatch: pytest.MonkeyPatch) -> None:
    bad = {"purchase_bad": F._WordingFlag(says="a purchase", pattern="(purchase")}
    monkeypatch.setattr(F, "_wording_flags", lambda: bad)
    with pytest.raises(DataFileError) as err:
        F._register_wording_flags()
    assert "request_wording_flags.yaml: purchase_bad.pattern" in str(err.value)
    assert "\n" not in str(err.value)
