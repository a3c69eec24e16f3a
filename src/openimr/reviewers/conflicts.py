"""Conflict-of-interest checks: is a reviewer tied to a party of the case (LC 139.5, 4610.6)?

Names are compared after normalisation (case, punctuation, corporate suffixes such as "Inc."
or "Co", titles such as "Dr." or "MD"), and a shorter name of two or more words that appears
inside a longer one counts as the same party ("Harbor Medical Group" in "Harbor Medical
Group of Fresno"). Initials match the word they abbreviate ("A. Example" ~ "Alan Example").
When in doubt the check errs towards a conflict: excluding a fit reviewer costs little,
choosing a conflicted one voids the determination.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from openimr.domain.bundle import CaseBundle
from openimr.domain.reviewer import ReviewerProfile

# Words that do not distinguish one party from another.
_CORPORATE = {
    "inc", "incorporated", "co", "company", "corp", "corporation", "llc", "llp", "lp", "ltd",
    "limited", "plc", "pc", "apc", "pa", "pllc", "the", "of", "and", "&",
}  # fmt: skip
_TITLES = {
    "dr", "doctor", "md", "do", "dc", "phd", "psyd", "dpm", "lac", "mph", "facs", "faaos",
    "mr", "mrs", "ms", "jr", "sr",
}  # fmt: skip


@lru_cache(maxsize=8192)
def name_tokens(name: str) -> tuple[str, ...]:
    """Normalised words of a name: lower case, no accents, punctuation, suffixes or titles.
    (Kept per name: the panel's names and affiliations are compared with every case's
    parties; a string in, a tuple out, nothing else read.)"""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower()
    s = s.replace("&", " and ")
    s = re.sub(r"(?<=\b[a-z])\.(?=[a-z]\b)", "", s)  # "M.D." -> "md", "L.L.C" -> "llc"
    s = re.sub(r"(?<=\b[a-z])\.(?=[a-z]\b)", "", s)
    words = re.findall(r"[a-z0-9]+", s)
    return tuple(w for w in words if w not in _CORPORATE and w not in _TITLES)


def _word_eq(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) == 1 and len(b) > 1:
        return b.startswith(a)
    if len(b) == 1 and len(a) > 1:
        return a.startswith(b)
    return False


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return any(
        all(_word_eq(longer[i + j], shorter[j]) for j in range(n))
        for i in range(len(longer) - n + 1)
    )


def same_party(a: str, b: str) -> bool:
    """True when two written names denote the same party (see the module docstring)."""
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return False
    if len(ta) == len(tb):
        if all(len(x) == 1 for x in ta) or all(len(y) == 1 for y in tb):
            return ta == tb and len(ta) >= 2
        return all(_word_eq(x, y) for x, y in zip(ta, tb, strict=True))
    short, long_ = (ta, tb) if len(ta) < len(tb) else (tb, ta)
    if len(short) < 2 or all(len(w) == 1 for w in short):
        return False
    return _contains(long_, short)


@dataclass(frozen=True)
class Conflict:
    """One tie between a reviewer and a party of the case."""

    party_role: str  # "employer", "claims administrator", "provider"
    party: str  # as the bundle writes it
    tie: str  # as the panel writes it
    tie_kind: str  # affiliation kind, or "reviewer is" when the reviewer is the party

    def reason(self) -> str:
        if self.tie_kind == "reviewer is":
            return f"the reviewer is the case's {self.party_role} '{self.party}'"
        kind = "" if self.tie_kind == "other" else f" ({self.tie_kind})"
        return f"affiliated with the {self.party_role} '{self.party}' via '{self.tie}'{kind}"


def case_parties(bundle: CaseBundle) -> list[tuple[str, str]]:
    """(role, name) of every party a reviewer must have no affiliation with."""
    c = bundle.claim
    out: list[tuple[str, str]] = []
    if c.employer:
        out.append(("employer", c.employer))
    if c.claims_administrator:
        out.append(("claims administrator", c.claims_administrator))
    out.extend(("provider", p) for p in c.providers)
    return out


def conflicts(reviewer: ReviewerProfile, bundle: CaseBundle) -> list[Conflict]:
    """Every tie between ``reviewer`` and a party of ``bundle`` (empty: no conflict found)."""
    found: list[Conflict] = []
    for role, party in case_parties(bundle):
        if reviewer.name and same_party(reviewer.name, party):
            found.append(Conflict(role, party, reviewer.name, "reviewer is"))
        for aff in reviewer.all_affiliations():
            if same_party(aff.name, party):
                found.append(Conflict(role, party, aff.name, aff.kind))
    return found
