"""Reading published Final Determination Letters: parse, turn into bundles, ingest, search.

from openimr.letters_in import parse_file
letter = parse_file("CM16-0213037.pdf")
letter.case_number, [(i.heading, i.decision) for i in letter.items]
"""

from openimr.errors import LetterParseError
from openimr.letters_in.model import (
    Citation,
    GuidelineBasis,
    LetterItem,
    Modification,
    ParsedLetter,
)
from openimr.letters_in.parser import parse_file, parse_letter

__all__ = [
    "Citation",
    "GuidelineBasis",
    "LetterItem",
    "LetterParseError",
    "Modification",
    "ParsedLetter",
    "parse_file",
    "parse_letter",
]
