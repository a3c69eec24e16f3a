"""Evidence back to the page: each span of a record read from a packet gets its file and page."""

from __future__ import annotations

from openimr.domain import CaseBundle, Determination, EvidenceLink


def _link(e: EvidenceLink, bundle: CaseBundle) -> None:
    try:
        rec = bundle.record(e.record)
    except KeyError:
        return
    if rec.source is not None:
        e.file, e.page = rec.source.file, rec.source.page_at(e.start)


def link_pages(d: Determination, bundle: CaseBundle) -> Determination:
    """Set ``file`` and ``page`` on every evidence link whose record has a source (in place)."""
    for item in d.items:
        for e in item.evidence:
            _link(e, bundle)
        for c in item.criteria:
            for e in c.evidence:
                _link(e, bundle)
    return d
