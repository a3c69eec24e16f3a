"""medspaCy's Sectionizer without the section written on every token.

medspaCy's Sectionizer (1.3) ends by setting ``token._.section`` on every token of every
section: a spaCy ``Underscore`` object and a ``doc.user_data`` entry per token, about a tenth
of the pipeline's time on the blocks of a record with a hit. The evidence stage reads only
``doc._.sections`` (extraction._sections), never a token's or a span's section, and sets no
span attributes by section (``span_attrs: None``). This component finds, orders and builds
the sections exactly as medspaCy's ``__call__`` does (the same matcher, filters, parents and
``Section`` objects in ``doc._.sections``, the same sentence starts when
``apply_sentence_boundary``) and leaves the tokens alone.
``tests/evidence/test_sections_fast.py`` pins it against medspaCy's component.
"""

# No "from __future__ import annotations": spaCy reads the factory's annotations at run time.

from typing import Any

from medspacy.section_detection.section import Section
from medspacy.section_detection.sectionizer import Sectionizer
from spacy.language import Language
from spacy.tokens import Doc


class Sections(Sectionizer):
    """medspaCy's Sectionizer; ``doc._.sections`` only (see the module docstring)."""

    def __call__(self, doc: Doc) -> Doc:
        if self.assertion_attributes_mapping:
            return super().__call__(doc)  # span attributes by section: medspaCy's own
        matcher: Any = self._Sectionizer__matcher
        matches: Any = matcher(doc)
        if self.require_start_line:
            matches = self.filter_start_lines(doc, matches)
        if self.require_end_line:
            matches = self.filter_end_lines(doc, matches)
        if self._parent_sections:
            matches = self.set_parent_sections(matches)
        sections: list[Section] = []
        doc._.sections = sections
        if len(matches) == 0:
            sections.append(Section(None, 0, 0, 0, len(doc)))
            return doc
        if matches[0][1] != 0:
            sections.append(Section(None, 0, 0, 0, matches[0][1]))
        strings = self.nlp.vocab.strings
        n = len(doc)
        for i, match in enumerate(matches):
            parent = None
            if len(match) == 4:
                match_id, start, end, parent_idx = match
                if parent_idx is not None:
                    parent = sections[parent_idx]
            else:
                match_id, start, end = match
            if self._apply_sentence_boundary:
                doc[start].sent_start = True
                if end < n:
                    doc[end].sent_start = True
            rule = matcher.rule_map[strings[match_id]]
            # the last section runs to the end of the doc, the others to the next header
            scope_end = n if i == len(matches) - 1 else matches[i + 1][1]
            if rule.max_scope is not None:
                scope_end = min(end + rule.max_scope, scope_end)
            elif self.max_section_length is not None:
                scope_end = min(end + self.max_section_length, scope_end)
            sections.append(Section(rule.category, start, end, end, scope_end, parent, rule))
        return doc


Language.factory("openimr_sectionizer")(Sections)
