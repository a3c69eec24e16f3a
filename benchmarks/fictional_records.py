"""Long fictional medical records for the speed benchmarks (no real patient, no copied text).

A record of N pages is built from the records of the example bundles (written for OpenIMR in
our own words) and the fictional sentences of tests/evidence/data/sentences.yaml: each page is
one dated visit note of about ``PAGE_CHARS`` characters, pages joined with a form feed as the
intake joins the pages of a PDF text layer ("\\n\\f\\n").

With ``clinical`` below 1, each paragraph after a page's dated header is clinical (as above)
with that probability, else administrative: sentences of ``fictional_admin.txt`` (fax covers,
bills, proofs of service, correspondence; written for OpenIMR, naming nothing the vocabulary
knows). ``clinical=1`` (the default) gives the dense pages, unchanged.
"""

from __future__ import annotations

import datetime as dt
import random
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGE_CHARS = 3000  # a dense typed page of a progress report


@lru_cache(maxsize=1)
def _material() -> tuple[list[str], list[str]]:
    """(record texts of the example bundles, fictional test sentences)."""
    import yaml

    notes: list[str] = []
    for path in sorted((ROOT / "examples").rglob("bundle.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        notes.extend(r["text"] for r in data.get("records", []) if r.get("text"))
    cases = yaml.safe_load(
        (ROOT / "tests" / "evidence" / "data" / "sentences.yaml").read_text(encoding="utf-8")
    )["cases"]
    sentences = [c["t"] for c in cases if "\n" not in c["t"]]
    return sorted(set(notes)), sentences


@lru_cache(maxsize=1)
def _admin() -> list[str]:
    path = ROOT / "benchmarks" / "fictional_admin.txt"
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _admin_paragraph(rnd: random.Random) -> str:
    return " ".join(rnd.choice(_admin()) for _ in range(rnd.randint(2, 5)))


def page(
    k: int, rnd: random.Random, start: dt.date = dt.date(2013, 1, 7), clinical: float = 1.0
) -> str:
    """One visit note: a dated header, an example record and test sentences as paragraphs;
    with ``clinical`` below 1, that share of the paragraphs (the rest administrative)."""
    notes, sentences = _material()
    when = start + dt.timedelta(days=14 * k)
    parts = [f"PROGRESS REPORT - VISIT {k + 1}\nDate of service: {when:%m/%d/%Y}"]
    if clinical >= 1 or rnd.random() < clinical:
        parts.append(rnd.choice(notes).strip())
    else:
        parts.append(_admin_paragraph(rnd))
    size = sum(len(p) for p in parts)
    while size < PAGE_CHARS:
        if clinical >= 1 or rnd.random() < clinical:
            para = " ".join(rnd.choice(sentences) for _ in range(rnd.randint(2, 5)))
            heading = rnd.choice(["Subjective:", "Objective:", "Assessment:", "Plan:", ""])
            text = f"{heading} {para}".strip()
        else:
            text = _admin_paragraph(rnd)
        parts.append(text)
        size += len(text) + 2
    return "\n\n".join(parts)


def record(pages: int, seed: int = 16, clinical: float = 1.0) -> str:
    """A record of ``pages`` fictional pages (about ``PAGE_CHARS`` characters each)."""
    rnd = random.Random(seed)
    return "\n\f\n".join(page(k, rnd, clinical=clinical) for k in range(pages))


def bundle(pages: int, seed: int = 16, clinical: float = 1.0) -> dict[str, object]:
    """The first example case with one extra record of ``pages`` pages (a case bundle dict)."""
    import yaml

    data = yaml.safe_load(
        (ROOT / "examples" / "cm13-0057725" / "bundle.yaml").read_text(encoding="utf-8")
    )
    last = max(dt.date.fromisoformat(str(r["date"])) for r in data["records"])
    data["records"].append(
        {
            "id": f"long-{pages}p",
            "date": str(last),
            "kind": "progress report",
            "text": record(pages, seed, clinical),
        }
    )
    return data
