"""The spaCy/medspaCy pipeline of the evidence stage, built once per process from the data files.

tokenizer (medspaCy's clinical tokenizer) -> openimr_sentences (our splitter) ->
openimr_targets (vocabulary.yaml as medspaCy TargetRules, matched as medspaCy matches them;
targets.py) -> openimr_context (medspaCy's ConText with its default rules adjusted by
context.yaml, comparing only what can overlap; context_local.py) -> medspacy_sectionizer
(sections.yaml; medspaCy's Sectionizer without a section on every token, sections.py).
"""

from __future__ import annotations

import gc
import json
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.language import Language

from openimr.evidence import schema
from openimr.evidence.schema import Concept, expand_phrase

NORMAL_SUFFIX = "#normal"
TARGET_PIPE = "openimr_targets"


def _silence_logs() -> None:
    """PyRuSH (imported by medspaCy) logs DEBUG lines through loguru on every document."""
    try:
        from loguru import logger

        logger.disable("PyRuSH")
        logger.disable("medspacy")
    except ImportError:  # pragma: no cover - loguru comes with PyRuSH
        pass
    logging.getLogger("medspacy").setLevel(logging.WARNING)


@dataclass(frozen=True)
class SectionInfo:
    category: str
    observation: str | None
    assertion: str | None
    quoted: bool


def target_rules(concepts: list[Concept], tokenizer: Any) -> list[Any]:
    """medspaCy TargetRules for every phrase, cased phrase and regex of the vocabulary."""
    from medspacy.target_matcher import TargetRule

    rules: list[Any] = []
    for c in concepts:
        for kind, phrases, regexes in (
            ("", c.phrases, c.regex),
            (NORMAL_SUFFIX, c.normal, c.normal_regex),
        ):
            label = c.code + kind
            for phrase in phrases:
                for lit in expand_phrase(phrase):
                    rules.append(TargetRule(lit, label))
            if regexes:
                rules.append(
                    TargetRule(
                        f"{label} regex", label, pattern="|".join(f"(?:{r})" for r in regexes)
                    )
                )
        for phrase in c.cased:
            for lit in expand_phrase(phrase):
                toks = [{"ORTH": t.text} for t in tokenizer(lit)]
                rules.append(TargetRule(lit, c.code, pattern=toks))
    return rules


def context_rules(data: schema.ContextRules) -> list[Any]:
    """medspaCy's default ConText rules minus ``remove``, plus ``add`` (context.yaml)."""
    from medspacy.context import ConTextRule

    rules: list[Any] = []
    if data.base == "medspacy":
        import medspacy.context.context as ctx_module

        path = Path(ctx_module.__file__).resolve().parents[2] / "resources/en/context_rules.json"
        raw = json.loads(path.read_text(encoding="utf-8"))["context_rules"]
        removed = {(r.literal.lower(), r.category) for r in data.remove}
        for item in raw:
            lit = item["literal"].lower()
            if (lit, None) in removed or (lit, item["category"]) in removed:
                continue
            rules.append(ConTextRule.from_dict(item))
    for r in data.add:
        kwargs: dict[str, Any] = {
            "literal": r.literal,
            "category": r.category,
            "direction": r.direction,
            "pattern": r.pattern,
        }
        if r.max_scope is not None:
            kwargs["max_scope"] = r.max_scope
        if r.terminated_by:
            kwargs["terminated_by"] = set(r.terminated_by)
        rules.append(ConTextRule(**kwargs))
    # Applied here rather than through the component's config, which spaCy turns into
    # one-shot iterators.
    for rule in rules:
        for other in data.terminating_types.get(rule.category.upper(), []):
            rule.terminated_by.add(other.upper())
    return rules


def section_rules(data: schema.Sections) -> tuple[list[Any], dict[str, SectionInfo]]:
    from medspacy.section_detection import SectionRule

    rules: list[Any] = []
    info: dict[str, SectionInfo] = {}
    for s in data.sections:
        info[s.category] = SectionInfo(s.category, s.observation, s.assertion, s.quoted)
        for header in s.headers:
            for lit in expand_phrase(header):
                rules.append(SectionRule(f"{lit}:", s.category))
    return rules, info


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The evidence pipeline; built once (a few seconds) and shared by every caller.

    Its objects (hundreds of thousands: vocabulary, rules, phrase patterns) live as long as
    the process, so they are moved out of the garbage collector's generations
    (``gc.freeze``): each full collection walked them all, about a tenth of the time of a
    long record's findings, which allocate many objects. Workers forked after the load
    share the pipeline's memory pages instead of copying them when a collection touches
    them."""
    nlp = build_pipeline()
    gc.collect()
    gc.freeze()
    return nlp


def build_pipeline(*, medspacy_components: bool = False) -> Language:
    """A new evidence pipeline. With ``medspacy_components`` the targets and ConText are
    medspaCy's own components given the same rules (quadratic in the record length): the
    reference that the equivalence tests and the benchmarks compare ours with."""
    _silence_logs()
    import medspacy  # noqa: F401  (registers the medspaCy factories)
    import spacy
    from medspacy.custom_tokenizer import create_medspacy_tokenizer

    # Register openimr_sentences, openimr_targets, openimr_context and openimr_sectionizer.
    from openimr.evidence import context_local, sections, sentences, targets  # noqa: F401

    vocab = schema.vocabulary()
    nlp = spacy.blank("en")
    nlp.tokenizer = create_medspacy_tokenizer(nlp)
    nlp.add_pipe("openimr_sentences")
    if medspacy_components:
        matcher: Any = nlp.add_pipe(
            "medspacy_target_matcher", name=TARGET_PIPE, config={"rules": None}
        )
    else:
        matcher = nlp.add_pipe("openimr_targets", name=TARGET_PIPE)
    matcher.add(target_rules(vocab.concepts, nlp.tokenizer))
    ctx_data = schema.context_rules()
    context: Any = nlp.add_pipe(
        "medspacy_context" if medspacy_components else "openimr_context",
        config={
            "rules": None,
            "span_attrs": None,
        },
    )
    context.add(context_rules(ctx_data))
    sec_rules, _ = section_rules(schema.sections())
    sectionizer: Any = nlp.add_pipe(
        # medspaCy's Sectionizer without a section written on every token (sections.py),
        # under medspaCy's name
        "medspacy_sectionizer" if medspacy_components else "openimr_sectionizer",
        name="medspacy_sectionizer",
        config={
            "rules": None,
            "require_start_line": True,
            # A header starts a line, follows a run of spaces (a flattened layout), or
            # follows the end of a sentence ("... 5/10. Exam: ...").
            "newline_pattern": r"(?:[\n\r]\s*|^\s+|[.;]\s+)$",
            "span_attrs": None,
        },
    )
    sectionizer.add(sec_rules)
    return nlp


@lru_cache(maxsize=1)
def section_info() -> dict[str, SectionInfo]:
    return section_rules(schema.sections())[1]
