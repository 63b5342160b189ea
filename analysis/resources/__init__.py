"""The one loader for the lexicons and patterns in this folder (see README.md for their sources).

Every file follows the same rules: UTF-8; a line whose first non-blank character is ``#`` is a
comment, and so is the rest of a line after whitespace and ``#``; blank lines are skipped; entries
keep the case they are written in. Lists (``.txt``) have one entry a line, CSVs a header row, YAML
files one document. Lookups that ignore case use ``word_set``, which lower-cases.
"""

from __future__ import annotations

import csv
import io
import re
from functools import cache
from pathlib import Path

import yaml

RESOURCES_DIR = Path(__file__).resolve().parent
_COMMENT = re.compile(r"(?:^|\s)#.*$")


def _lines(name: str) -> list[str]:
    text = (RESOURCES_DIR / name).read_text(encoding="utf-8")
    return [kept for line in text.splitlines() if (kept := _COMMENT.sub("", line).strip())]


@cache
def entries(name: str) -> tuple[str, ...]:
    """The entries of a one-entry-a-line list (``name`` with or without ``.txt``), as written."""
    return tuple(_lines(name if "." in name else f"{name}.txt"))


@cache
def word_set(name: str) -> frozenset[str]:
    """The entries of a list, lower-cased, for case-insensitive lookups."""
    return frozenset(entry.lower() for entry in entries(name))


@cache
def csv_rows(name: str) -> tuple[dict[str, str], ...]:
    """The rows of a CSV as dicts of stripped strings (comment lines skipped)."""
    reader = csv.DictReader(io.StringIO("\n".join(_lines(name))))
    return tuple({key.strip(): (value or "").strip() for key, value in row.items()} for row in reader)


@cache
def yaml_data(name: str):
    """A YAML file's document (its ``#`` comments are YAML's own)."""
    return yaml.safe_load((RESOURCES_DIR / name).read_text(encoding="utf-8"))
