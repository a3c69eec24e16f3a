"""``openimr decide B1 B2 ... -o DIR``: many bundles in one call (issue 16)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from openimr.batch import collect_bundles, output_names

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "openimr", *args], capture_output=True, text=True, check=False
    )


def test_output_names_are_unique_and_readable() -> None:
    files = [Path("a/x.yaml"), Path("b/x.yaml"), Path("cases/c1/bundle.yaml")]
    assert output_names(files, "text") == ["x.txt", "x-2.txt", "c1.txt"]


def test_folder_and_files_decided_in_one_call_bad_bundle_skipped(tmp_path: Path) -> None:
    bad = ROOT / "tests/data/bundles/invalid/bad-priority.yaml"
    seed = ROOT / "examples/cm13-0057725/bundle.yaml"
    out = tmp_path / "letters"
    proc = _run("decide", str(ROOT / "examples/variants"), str(bad), str(seed), "-o", str(out))
    assert proc.returncode == 1, proc.stderr
    assert f"skipped: {bad}" in proc.stderr and "priority:" in proc.stderr
    assert "7 bundle(s) decided, 1 skipped" in proc.stderr
    written = sorted(p.name for p in out.iterdir())
    assert len(written) == 7 and "cm13-0057725.txt" in written
    single = _run("decide", str(seed))
    assert single.returncode == 0
    assert (out / "cm13-0057725.txt").read_text(encoding="utf-8") == single.stdout


def test_several_bundles_need_an_output_folder() -> None:
    proc = _run("decide", str(ROOT / "examples"))
    assert proc.returncode == 2
    assert proc.stderr.strip() == "error: several bundles need -o DIR (one letter per bundle)"


def test_collect_bundles_walks_folders() -> None:
    found = collect_bundles([ROOT / "examples"])
    assert len(found) == 8 and all(p.name == "bundle.yaml" for p in found)


def test_letters_parse_many_one_json_line_each(tmp_path: Path) -> None:
    samples = ROOT / "tests/letters_in/samples"
    two = [str(samples / "fdl2013.txt"), str(samples / "fdl2016_wrapped.txt")]
    lines = _run("letters", "parse", *two)
    assert lines.returncode == 0, lines.stderr
    assert [ln[:16] for ln in lines.stdout.splitlines()] == ['{"case_number":"'] * 2
    assert "2 letters parsed, 0 skipped" in lines.stderr
    out = tmp_path / "json"
    folder = _run("letters", "parse", str(samples), "-o", str(out))
    assert folder.returncode == 1  # not_a_letter.txt is reported and skipped
    assert "skipped: " in folder.stderr and (out / "fdl2013.json").is_file()


def test_every_letter_format_has_a_file_extension() -> None:
    from openimr.batch import EXTENSIONS
    from openimr.letters.render import FORMATS

    assert set(FORMATS) <= set(EXTENSIONS)


def _letters(folder: Path) -> dict[Path, bytes]:
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*.txt")}


def test_jobs_give_the_letters_of_one_process(tmp_path: Path) -> None:
    # With --jobs the first bundle is decided before the workers start (it warms what they
    # share): a bad first bundle is skipped as in one process, and every letter is the same.
    bad = ROOT / "tests/data/bundles/invalid/bad-priority.yaml"
    seed = ROOT / "examples/cm13-0057725/bundle.yaml"
    summaries: dict[str, list[tuple[int, str]]] = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs-{jobs}"
        for first in (bad, seed):
            folder = str(out / first.stem)
            variants = str(ROOT / "examples/variants")
            proc = _run("decide", str(first), variants, "-o", folder, "--jobs", jobs)
            assert (proc.returncode == 1) == (first == bad), proc.stderr
            lines = [line for line in proc.stderr.splitlines() if "skipped" in line]
            summary = lines[-1].split(" in ")[0] if lines else ""
            summaries.setdefault(jobs, []).append((proc.returncode, summary))
    one, two = _letters(tmp_path / "jobs-1"), _letters(tmp_path / "jobs-2")
    assert len(one) == 13 and one == two
    assert summaries["1"] == summaries["2"]
    assert summaries["1"][0] == (1, "6 bundle(s) decided, 1 skipped,")
