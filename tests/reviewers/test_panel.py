from pathlib import Path

import pytest

from openimr.errors import DataFileError
from openimr.reviewers import DEFAULT_PANEL, load_panel


def test_default_panel_loads_and_is_small_and_varied() -> None:
    panel = load_panel()
    assert 8 <= len(panel.reviewers) <= 15
    boards = {r.board_certification for r in panel.reviewers}
    for needed in (
        "Physical Medicine and Rehabilitation",
        "Occupational Medicine",
        "Orthopedic Surgery",
        "Family Medicine",
        "Internal Medicine",
        "Neurology",
        "Psychiatry",
        "Psychology",
        "Chiropractic",
        "Acupuncture",
        "Podiatry",
    ):
        assert needed in boards
    states = {s for r in panel.reviewers for s in r.licensed_in}
    assert "California" in states and len(states) > 1


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "panel.yaml"
    p.write_text(text, encoding="utf-8")
    return p


GOOD = """format: openimr-panel/1
reviewers:
  - id: X1
    board_certification: Family Medicine
    licensed_in: [California]
    years_in_practice: 10
    hours_per_week: 30
"""


def test_custom_panel_loads(tmp_path: Path) -> None:
    assert load_panel(_write(tmp_path, GOOD)).reviewers[0].id == "X1"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            GOOD.replace("hours_per_week: 30", "hours_per_week: 30\n    favourite_color: red"),
            "reviewers[0].favourite_color: unknown field (allowed:",
        ),
        (
            GOOD.replace("Family Medicine", "Famly Medicine"),
            "reviewers[0].board_certification: unknown specialty 'Famly Medicine' "
            "(did you mean 'Family Medicine'?)",
        ),
        (
            GOOD.replace("years_in_practice: 10", "years_in_practice: ten"),
            "reviewers[0].years_in_practice:",
        ),
        (GOOD + GOOD.split("reviewers:\n", 1)[1], "reviewers[1].id: 'X1' repeats reviewers[0].id"),
        (GOOD.replace("format: openimr-panel/1", "format: other"), "format:"),
        (GOOD + "    license_standing: {Nevada: good}\n", "license_standing.Nevada: not one of"),
        ("reviewers: [\n", "invalid YAML"),
    ],
)
def test_bad_panel_is_refused_naming_file_and_field(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(DataFileError) as exc:
        load_panel(path)
    msg = str(exc.value)
    assert str(path) in msg
    assert expected in msg
    assert "\n" not in msg


def test_missing_panel_file(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="file not found"):
        load_panel(tmp_path / "nope.yaml")


def test_default_panel_path_is_packaged() -> None:
    assert DEFAULT_PANEL.is_file()


def test_panel_read_once_while_the_file_is_unchanged(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import os

    from openimr.reviewers.panel import DEFAULT_PANEL, load_panel

    assert load_panel() is load_panel()  # the packaged panel, read once per process
    copy = tmp_path / "panel.yaml"
    copy.write_text(DEFAULT_PANEL.read_text(encoding="utf-8"), encoding="utf-8")
    first = load_panel(copy)
    assert load_panel(copy) is first
    text = copy.read_text(encoding="utf-8").replace("description:", "description: changed.", 1)
    copy.write_text(text, encoding="utf-8")
    st = copy.stat()
    os.utime(copy, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    assert load_panel(copy) is not first  # an edited file is read again
