import pytest

from openimr.reviewers import conflicts, same_party
from openimr.reviewers.conflicts import name_tokens

from .factories import bundle, reviewer


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Example Stores Inc.", "example stores", True),
        ("Example Stores, Inc", "EXAMPLE STORES INCORPORATED", True),
        ("Example Claims Co", "Example Claims Company", True),
        ("Example Claims Co.", "Example Claims Corp.", True),
        ("Dr. A. Example", "A Example, M.D.", True),
        ("Dr. A. Example", "Alan Example MD", True),
        ("Harbor Medical Group", "Harbor Medical Group of Fresno", True),
        ("Smith & Jones LLP", "Smith and Jones", True),
        ("Ströhm Ortho", "Strohm Ortho", True),
        ("Example Stores", "Example Claims", False),
        ("Dr. A. Example", "Dr. B. Example", False),
        ("Harbor", "Harbor Medical Group", False),  # one word is too weak to call a match
        ("Inc.", "Co", False),
        ("A B", "Alan Brown", False),
    ],
)
def test_same_party(a: str, b: str, same: bool) -> None:
    assert same_party(a, b) is same
    assert same_party(b, a) is same


def test_name_tokens_drops_titles_and_suffixes() -> None:
    assert name_tokens("Dr. Jane Q. Roe, M.D., Inc.") == ("jane", "q", "roe")


def test_conflicts_name_the_role_and_the_tie() -> None:
    b = bundle(["Norco 10/325 mg #60"], providers=["Dr. A. Example", "Dr. Jo Treater"])
    r = reviewer(
        "X",
        affiliated_with=[
            {"name": "EXAMPLE CLAIMS COMPANY", "kind": "insurer"},
            {"name": "Jo Treater MD", "kind": "medical group"},
        ],
        affiliations=["Example Stores"],
    )
    found = conflicts(r, b)
    roles = sorted(c.party_role for c in found)
    assert roles == ["claims administrator", "employer", "provider"]
    assert any("(insurer)" in c.reason() for c in found)


def test_reviewer_who_is_the_treating_physician_is_conflicted() -> None:
    b = bundle(["Norco"], providers=["Dr. Alan Example"])
    r = reviewer("X", name="A. Example, MD")
    assert [c.tie_kind for c in conflicts(r, b)] == ["reviewer is"]


def test_no_parties_no_conflict() -> None:
    b = bundle(["Norco"], employer=None, claims_administrator=None, providers=[])
    assert conflicts(reviewer("X", affiliations=["Anything Inc"]), b) == []


def test_name_tokens_kept_per_name_are_what_the_function_gives() -> None:
    """``name_tokens`` is kept per name (issue 16: the panel is compared with every case):
    the kept answer is the function's own, whatever was asked before."""
    names = ["Dr. Alan Example, M.D.", "Harbor Medical Group of Fresno, Inc.", "J. Smíth & Co"]
    for name in names + names:
        assert name_tokens(name) == name_tokens.__wrapped__(name)
    assert name_tokens("Dr. Alan Example, M.D.") == ("alan", "example")
