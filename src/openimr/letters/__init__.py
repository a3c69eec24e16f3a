"""Letters stage: a Determination rendered as a Final Determination Letter (text, HTML, PDF)
or as the JSON of the case-bundle spec. ``render(determination, fmt)`` is the one entry point.
"""

from openimr.letters.render import (
    DEFAULT_ORGANIZATION,
    FORMATS,
    LetterRenderError,
    is_draft,
    render,
)

__all__ = ["DEFAULT_ORGANIZATION", "FORMATS", "LetterRenderError", "is_draft", "render"]
