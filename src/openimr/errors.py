"""One exception tree, translated once at each edge.

The CLI prints one line and exits 2; the API returns one JSON error shape.
"""

from __future__ import annotations


class OpenIMRError(Exception):
    """Base of every error OpenIMR raises on purpose (bad input, bad data, refused action)."""


class BundleError(OpenIMRError):
    """A case bundle breaks the contract; the message names file, field path and problem."""

    def __init__(
        self, file: str, field: str, problem: str, position: tuple[int, int] | None = None
    ) -> None:
        self.file = file
        self.field = field
        self.problem = problem
        self.position = position  # (line, column), 1-based, where the input has them
        # one line always: a value quoted into the problem may not break it
        problem = " ".join(problem.split())
        where = file if position is None else f"{file}:{position[0]}:{position[1]}"
        where = f"{where}: {field}" if field else where
        super().__init__(f"{where}: {problem}")


class RecordReadError(OpenIMRError):
    """A medical record file could not be read (missing, unreadable PDF, no text layer)."""


class DataFileError(OpenIMRError):
    """A packaged or user data file (guidelines, vocabulary, panel) is invalid."""


class NoQualifiedReviewer(OpenIMRError):
    """No reviewer on the panel is qualified and free of conflicts for the case."""


class LetterParseError(OpenIMRError):
    """A published Final Determination Letter could not be parsed; the message says why."""


class DatabaseError(OpenIMRError):
    """The database cannot be used (bad URL, missing, unreachable); the message says what to do."""
