"""Write the golden files of the letter parser (run by hand, then check each file by hand).

    python tests/letters_in/regen_golden.py            # the listed letters
    python tests/letters_in/regen_golden.py CM16-0213037 ...

Golden files hold facts and fingerprints only (see openimr.letters_in.fingerprint): no real
letter text is copied into the repository.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from openimr.letters_in import parse_file
from openimr.letters_in.fingerprint import fingerprint

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[2] / "shared"
CORPUS = SHARED / "corpus" / "imr-letters-2016"

GOLDEN_CASES = [
    "CM16-0213037", "CM16-0219557", "CM16-0221706", "CM16-0228949", "CM16-0229336",
    "CM16-0230548", "CM16-0230651", "CM16-0231706", "CM16-0232543", "CM16-0233904",
    "CM16-0234464", "CM16-0235991", "CM16-0237844", "CM16-0238035", "CM16-0239569",
    "CM16-0240259", "CM16-0243394", "CM16-0243453", "CM16-0246487", "CM16-0247802",
    "CM16-0248698", "CM16-0249170", "CM16-0249536", "CM16-0249724", "CM16-0249735",
]  # fmt: skip
SEED_GOLDEN = {"CM13-0057725": SHARED / "seeds" / "000_95ac1c5f0ea530b2.txt"}


def source_of(case: str) -> Path:
    return SEED_GOLDEN.get(case, CORPUS / f"{case}.pdf")


def main(cases: list[str]) -> None:
    for case in cases or [*GOLDEN_CASES, *SEED_GOLDEN]:
        data = fingerprint(parse_file(source_of(case)))
        out = HERE / "golden" / f"{case}.json"
        out.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {out.relative_to(HERE.parents[1])}")


if __name__ == "__main__":
    main(sys.argv[1:])
