"""The package's documented errors and the record of non-fatal problems found while loading."""

from __future__ import annotations

from dataclasses import asdict, dataclass


class StudyError(Exception):
    """A study cannot be used as given; names the file (and line, where known) at fault."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None):
        self.file = file
        self.line = line
        self.message = message
        where = file or ""
        if line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {message}" if where else message)


class ModelNotFoundError(StudyError):
    """The spaCy pipeline named by the settings is not installed."""


@dataclass(frozen=True)
class Problem:
    """A non-fatal problem met while loading; kept in ``Study.problems`` and shown by the CLI.

    Attributes:
        file: path relative to the study folder.
        line: 1-based line (or record) number, or None when it concerns the whole file.
        severity: ``warning`` (data kept, with a caveat) or ``error`` (record skipped).
        message: what was wrong and what was done about it.
    """

    file: str
    line: int | None
    severity: str
    message: str

    def as_dict(self) -> dict:
        return asdict(self)
