"""Schemas of the evidence stage's data files (vocabulary, regions, ConText rules, sections, cues).

Clinical knowledge lives in YAML beside this module; these models check it when it is loaded,
so a typo in a rule fails at start-up with the file, the path and the field, never mid-case.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

from openimr.datafiles import load_model
from openimr.errors import DataFileError

ObservationName = Literal["subjective", "objective", "test", "plan", "history"]
AssertionName = Literal["present", "negated", "possible", "historical", "hypothetical", "other"]
ValueKind = Literal[
    "none",
    "dermatome",
    "pain_score",
    "visits",
    "medication",
    "med",
    "uds",
    "work",
    "level",
    "strength",
    "severity",
    "relief",
]
RemapWhen = Literal[
    "objective",
    "subjective",
    "test",
    "plan",
    "history",
    "edx",
    "imaging",
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_regex(patterns: list[str]) -> list[str]:
    for p in patterns:
        try:
            re.compile(p)
        except re.error as exc:
            raise ValueError(f"bad regular expression {p!r}: {exc}") from None
    return patterns


class Remap(_Strict):
    """Report the concept under another code in a given context (weakness on exam = motor)."""

    when: RemapWhen | None = None
    region: str | None = None
    code: str


class Concept(_Strict):
    """One vocabulary concept: a stable code and the phrases that express it."""

    code: str = Field(pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")
    label: str
    observation: ObservationName | None = None  # the usual kind of statement
    value: ValueKind = "none"
    phrases: list[str] = Field(default_factory=list)  # alternation syntax: see expand_phrase
    cased: list[str] = Field(default_factory=list)  # exact-case phrases (PT, CT, ROM)
    regex: list[str] = Field(default_factory=list)
    normal: list[str] = Field(default_factory=list)  # phrases stating the normal state
    normal_regex: list[str] = Field(default_factory=list)
    absorbs: list[AssertionName] = Field(default_factory=list)  # modifiers part of the concept
    remap: list[Remap] = Field(default_factory=list)
    default_region: str | None = None
    # the region a finding always belongs to, whatever the sentence names nearby (Spurling's
    # maneuver examines the neck even in "paraspinal tenderness and a positive Spurling's")
    fixed_region: str | None = None
    context: Literal["imaging", "edx"] | None = None  # only found in such a sentence or record
    implies: list[str] = Field(default_factory=list)  # also report these codes on the span
    # a code and the expression of its names inside this concept's span: the span also
    # reports that code there ("Norco allows him to walk" is a gain of function and Norco
    # taken), since one span cannot hold two entities
    carries: dict[str, str] = Field(default_factory=dict)
    # a general statement of absence: when this concept is asserted as ``absence_when``
    # ("no neurologic deficits", "neurologically intact"), each code listed is stated absent
    states_absence_of: list[str] = Field(default_factory=list)
    absence_when: Literal["present", "negated"] = "negated"
    # negated, a statement that none of these codes is new or worse ("there were no new
    # neurological deficits"): the deficits found stand, but not as new ones
    states_no_change_of: list[str] = Field(default_factory=list)
    # asserted so, the statement of no change: negated for a change ("no change in
    # neurological status"), present for a stability ("neurologically unchanged")
    no_change_when: Literal["present", "negated"] = "negated"
    # a concept that is evidence only in the first weeks after the injury (the mechanism of
    # injury: a red flag of the initial assessment, history after it)
    recent_weeks: int | None = None
    # what a treatment did (relief after a block, function gained on a drug): history of care,
    # which keeps its weight whatever its age (``current_within`` does not apply to it)
    response_to_treatment: bool = False
    # a finding of a joint's range of motion: the motions of regions.yaml ``motions`` place it
    # at their joint (the range of dorsiflexion is the ankle's; its strength, a lumbar root's)
    range_of_motion: bool = False
    # expressions read right after the name of a medication (a phrase of any concept whose
    # value is ``medication``), behind which the name stays out of the span and a finding of
    # its own: "gabapentin for four months without improvement" is a failed course of care
    after_medication: list[str] = Field(default_factory=list)
    # the label is the review's reading of words that do not name it ("pain with internal
    # rotation" read as hip osteoarthritis, "fell from a ladder" as significant trauma): the
    # case summary quotes the record's words instead of the label
    summary_quotes: bool = False

    @field_validator("regex", "normal_regex", "after_medication")
    @classmethod
    def _rx(cls, v: list[str]) -> list[str]:
        return _check_regex(v)


class Currency(_Strict):
    """How long a mention of some kinds of observation counts as the patient's current state."""

    months: int = Field(gt=0)
    observations: list[ObservationName]
    # a case summary's undated sentence that places itself in the present ("Currently, the
    # injured worker complains of ..."): the present state, whatever the dated visits say
    present: list[str] = Field(default_factory=list)
    # the findings whose undated background mention ages with the dated visits: the signs and
    # complaints a guideline asks of the present examination (codes; "exam." names a family).
    # A diagnosis of record, a medication or a treatment named in the background does not.
    background: list[str] = Field(default_factory=list)

    def ages_in_background(self, code: str) -> bool:
        return any(code == c or (c.endswith(".") and code.startswith(c)) for c in self.background)

    @field_validator("present")
    @classmethod
    def _rx(cls, v: list[str]) -> list[str]:
        return _check_regex(v)


class Vocabulary(_Strict):
    concepts: list[Concept]
    # complaints, examination findings and plans older than this before the UR decision are
    # history, not current evidence (``current_within`` in vocabulary.yaml)
    current_within: Currency | None = None


class Region(_Strict):
    name: str
    terms: list[str] = Field(default_factory=list)
    group: list[str] = Field(default_factory=list)  # regions a query for this one also matches


class Regions(_Strict):
    regions: list[Region]
    dermatomes: dict[str, str] = Field(default_factory=dict)  # regex of a root -> region
    levels: dict[str, str] = Field(default_factory=dict)  # regex of a spine level -> region
    # a joint's own motions -> the joint's region, for a range-of-motion finding only (a
    # concept with ``range_of_motion``): "dorsiflexion limited to 5 degrees" is the ankle's
    motions: dict[str, list[str]] = Field(default_factory=dict)


class ContextRuleData(_Strict):
    literal: str
    category: Literal[
        "NEGATED_EXISTENCE",
        "POSSIBLE_EXISTENCE",
        "HISTORICAL",
        "HYPOTHETICAL",
        "FAMILY",
        "PSEUDO",
        "TERMINATE",
        "RESOLVED",
        "FORMER",
        "AFFIRM",
    ]
    direction: Literal["FORWARD", "BACKWARD", "BIDIRECTIONAL", "TERMINATE", "PSEUDO"]
    pattern: list[dict[str, Any]] | str | None = None
    max_scope: int | None = None
    terminated_by: list[str] = Field(default_factory=list)

    @field_validator("pattern")
    @classmethod
    def _pattern(cls, v: list[dict[str, Any]] | str | None) -> list[dict[str, Any]] | str | None:
        if isinstance(v, str):
            _check_regex([v])
        elif v is not None:
            _no_booleans(v)
        return v


_STRING_ATTRS = {"LOWER", "ORTH", "TEXT", "NORM", "LEMMA", "IN", "NOT_IN"}


def _no_booleans(value: Any, where: str = "pattern", text: bool = False) -> None:
    """Token patterns compare words: a boolean there is YAML's reading of a bare no/yes."""
    if isinstance(value, bool) and text:
        raise ValueError(
            f"{where} holds {value!r}: YAML reads unquoted no/yes/on/off as booleans; quote it"
        )
    if isinstance(value, dict):
        for k, v in value.items():
            _no_booleans(v, f"{where}.{k}", text or k in _STRING_ATTRS)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _no_booleans(v, f"{where}[{i}]", text)


class RemoveRule(_Strict):
    literal: str
    category: str | None = None


class ContextRules(_Strict):
    base: Literal["medspacy", "none"] = "medspacy"
    terminating_types: dict[str, list[str]] = Field(default_factory=dict)
    remove: list[RemoveRule] = Field(default_factory=list)
    add: list[ContextRuleData] = Field(default_factory=list)


class SectionData(_Strict):
    category: str
    observation: ObservationName | None = None
    assertion: AssertionName | None = None
    quoted: bool = False
    headers: list[str]


class Sections(_Strict):
    sections: list[SectionData]


# The cue lists that are regular expressions (the record-kind lists are plain words).
CUE_PATTERN_FIELDS = (
    "lead_date",
    "not_lead_date",
    "administrative",
    "done",
    "not_done",
    "approved",
    "not_approved",
    "subjective",
    "objective",
    "test",
    "plan",
    "plan_after",
    "objective_after",
    "history",
    "quoted",
    "edx_context",
    "imaging_context",
    "improved",
    "worsened",
    "unchanged",
    "no_benefit",
)


class Cues(_Strict):
    """Sentence cues: whose statement, which kind of observation, quoted, change over time."""

    subjective: list[str]
    objective: list[str]
    test: list[str]
    plan: list[str]
    plan_after: list[str]  # matched on the words right after a finding ("is recommended")
    # matched on the words right after a finding: an examiner's finding though the sentence
    # opens with what the patient reported ("he reported pain with spasm on examination")
    objective_after: list[str]
    history: list[str]
    quoted: list[str]
    edx_context: list[str]
    imaging_context: list[str]
    improved: list[str]
    worsened: list[str]
    unchanged: list[str]
    no_benefit: list[str]
    # the sentence reports an administrative act (a UR or IMR decision and its reasons, an
    # authorization, a request): the findings it names are not the patient's evidence
    administrative: list[str]
    # the sentence reports a study or treatment as done ("x-rays on 10/14 showed", "treatment to
    # date has included"), and words that make it a request or plan instead ("was ordered")
    done: list[str]
    not_done: list[str]
    # a study reported approved since it was requested, and what makes a sentence no such
    # report (routing: a duplicate request)
    approved: list[str]
    not_approved: list[str]
    # a sentence that opens a dated visit or report ("On 10-19-16 she was evaluated"): its date
    # carries to the sentences after it until the next such sentence; not an injury or birth date
    lead_date: list[str]
    not_lead_date: list[str]
    # the words right before a date that make it the date of an event the sentence mentions
    # (a start, a fall, a flare), not of the statement the visit makes: matched on the text
    # that ends at the date, so each pattern ends with ``$``
    event_date: list[str] = Field(default_factory=list)
    # a sentence told as of the report a summary is written from (present perfect: "she has
    # completed 80 hours"): after a lead that recounts an earlier report, the later report's
    summary_present: list[str] = Field(default_factory=list)
    kinds_test: list[str]  # record kinds whose body is a test report
    kinds_quoting: list[str]  # record kinds that summarise other reports (QME, UR)

    @field_validator(*CUE_PATTERN_FIELDS, "event_date", "summary_present")
    @classmethod
    def _rx(cls, v: list[str]) -> list[str]:
        return _check_regex(v)


M = TypeVar("M", bound=BaseModel)
DATA = resources.files("openimr.evidence") / "data"


def load_data(name: str, model: type[M], path: Path | None = None) -> M:
    """Load and validate one YAML data file; errors name the file, the path and the field."""
    return load_model(model, path if path is not None else Path(str(DATA / name)))


_ALT = re.compile(r"\[([^\[\]]*)\]")


def expand_phrase(phrase: str) -> list[str]:
    """Expand ``[a|b|]`` alternations (an empty branch makes the group optional) into phrases."""
    m = _ALT.search(phrase)
    if m is None:
        return [re.sub(r"\s+", " ", phrase).strip()]
    out: list[str] = []
    for alt in m.group(1).split("|"):
        out.extend(expand_phrase(phrase[: m.start()] + alt + phrase[m.end() :]))
    return [p for p in dict.fromkeys(out) if p]


def _check_unique_phrases(vocab: Vocabulary) -> set[str]:
    """Codes are unique, and no phrase belongs to two concepts (which one won would be
    arbitrary); returns the codes."""
    seen: set[str] = set()
    for i, c in enumerate(vocab.concepts):
        if c.code in seen:
            raise DataFileError(f"{DATA / 'vocabulary.yaml'}: concepts[{i}].code: repeats {c.code}")
        seen.add(c.code)
    owner: dict[str, str] = {}
    for i, c in enumerate(vocab.concepts):
        for kind, phrases in (("", c.phrases), ("#normal", c.normal), ("#cased", c.cased)):
            for lit in (lit for phrase in phrases for lit in expand_phrase(phrase)):
                key = lit if kind == "#cased" else lit.lower()
                mine = c.code + kind
                if owner.setdefault(key, mine) != mine:
                    raise DataFileError(
                        f"{DATA / 'vocabulary.yaml'}: concepts[{i}] ({c.code}): phrase "
                        f"{lit!r} is also a phrase of {owner[key]}"
                    )
    return seen


def _check_references(i: int, c: Concept, codes: set[str], region_names: set[str]) -> None:
    """A concept's implied codes, remaps and regions must exist."""
    where = f"{DATA / 'vocabulary.yaml'}: concepts[{i}]"
    for j, code in enumerate(c.implies):
        if code not in codes:
            raise DataFileError(f"{where}.implies[{j}]: unknown code {code}")
    for code, rx in c.carries.items():
        if code not in codes:
            raise DataFileError(f"{where}.carries: unknown code {code}")
        try:
            re.compile(rx)
        except re.error as e:
            raise DataFileError(f"{where}.carries[{code}]: bad expression: {e}") from e
    for j, code in enumerate(c.states_absence_of):
        if code not in codes:
            raise DataFileError(f"{where}.states_absence_of[{j}]: unknown code {code}")
    for j, code in enumerate(c.states_no_change_of):
        if code not in codes:
            raise DataFileError(f"{where}.states_no_change_of[{j}]: unknown code {code}")
    for j, r in enumerate(c.remap):
        if r.code not in codes:
            raise DataFileError(f"{where}.remap[{j}].code: unknown code {r.code}")
        if r.region is not None and r.region not in region_names:
            raise DataFileError(f"{where}.remap[{j}].region: unknown region {r.region}")
    for name, value in (("default_region", c.default_region), ("fixed_region", c.fixed_region)):
        if value is not None and value not in region_names:
            raise DataFileError(f"{where}.{name}: unknown region {value}")


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The packaged vocabulary, validated; codes must be unique and remaps must name codes."""
    vocab = load_data("vocabulary.yaml", Vocabulary)
    codes = _check_unique_phrases(vocab)
    region_names = {r.name for r in regions().regions}
    for i, c in enumerate(vocab.concepts):
        _check_references(i, c, codes, region_names)
    if any(c.after_medication for c in vocab.concepts):
        behind = _after_medication(vocab)
        vocab = vocab.model_copy(
            update={
                "concepts": [
                    c.model_copy(
                        update={
                            "regex": c.regex + [f"{behind}(?:{rx})" for rx in c.after_medication]
                        }
                    )
                    if c.after_medication
                    else c
                    for c in vocab.concepts
                ]
            }
        )
    return vocab


def _after_medication(vocab: Vocabulary) -> str:
    """A lookbehind for the end of any medication name of the vocabulary (the phrases of its
    ``value: medication`` concepts) and the space after it: a union of fixed-width lookbehinds,
    so that the name stays out of the span of what follows it. The union opens the rule with
    nothing before it, so that ``regex_scan`` tries the rule only where one of the names ends
    (an Aho-Corasick scan, ``regex_scan.Behind``); a leading lookbehind for the space made it
    try the rule after every space of the record (about 14,000 times a 50-page case)."""
    names = {
        lit.lower()
        for c in vocab.concepts
        if c.value == "medication"
        for p in c.phrases
        for lit in expand_phrase(p)
    }
    ordered = sorted(names, key=lambda n: (-len(n), n))
    return "(?:" + "|".join(rf"(?<=\b{re.escape(n)} )" for n in ordered) + ")"


@lru_cache(maxsize=1)
def summary_quoted() -> frozenset[str]:
    """The codes whose label the case summary must not put in the record's mouth."""
    return frozenset(c.code for c in vocabulary().concepts if c.summary_quotes)


@lru_cache(maxsize=1)
def recent_weeks() -> dict[str, int]:
    """Codes that are evidence only in the first weeks after the injury, and how many."""
    return {c.code: c.recent_weeks for c in vocabulary().concepts if c.recent_weeks}


@lru_cache(maxsize=1)
def currency() -> Currency | None:
    """How long a complaint, finding or plan stays current (None: for ever)."""
    return vocabulary().current_within


@lru_cache(maxsize=1)
def medication_codes() -> frozenset[str]:
    """Codes of the concepts that name a medication (``value: medication``)."""
    return frozenset(c.code for c in vocabulary().concepts if c.value == "medication")


@lru_cache(maxsize=1)
def present_time() -> re.Pattern[str] | None:
    """The words by which an undated sentence places itself in the present (``current_within``)."""
    cur = vocabulary().current_within
    if cur is None or not cur.present:
        return None
    return re.compile("|".join(f"(?:{p})" for p in cur.present), re.IGNORECASE)


@lru_cache(maxsize=1)
def responses_to_treatment() -> frozenset[str]:
    """Codes that report what a treatment did: history of care, whatever their age."""
    return frozenset(c.code for c in vocabulary().concepts if c.response_to_treatment)


@lru_cache(maxsize=1)
def no_change_concepts() -> tuple[Concept, ...]:
    """The concepts that, asserted as ``no_change_when``, state that others are not new or
    worse (``states_no_change_of``)."""
    return tuple(c for c in vocabulary().concepts if c.states_no_change_of)


@lru_cache(maxsize=1)
def absence_concepts() -> tuple[Concept, ...]:
    """The concepts that state the absence of others (``states_absence_of``)."""
    return tuple(c for c in vocabulary().concepts if c.states_absence_of)


@lru_cache(maxsize=1)
def regions() -> Regions:
    data = load_data("regions.yaml", Regions)
    names = {r.name for r in data.regions}
    for i, r in enumerate(data.regions):
        for g in r.group:
            if g not in names:
                raise DataFileError(
                    f"{DATA / 'regions.yaml'}: regions[{i}].group: unknown region {g}"
                )
    pairs = list(data.dermatomes.items()) + list(data.levels.items())
    pairs += [(f"motions.{k}", k) for k in data.motions]
    for key, target in pairs:
        if target not in names:
            raise DataFileError(f"{DATA / 'regions.yaml'}: {key}: unknown region {target}")
    return data


@lru_cache(maxsize=1)
def context_rules() -> ContextRules:
    return load_data("context.yaml", ContextRules)


@lru_cache(maxsize=1)
def sections() -> Sections:
    return load_data("sections.yaml", Sections)


@lru_cache(maxsize=1)
def cues() -> Cues:
    return load_data("cues.yaml", Cues)
