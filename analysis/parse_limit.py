"""The parse limit: a body longer than this many characters is not parsed with spaCy.

Kept apart from ``analysis.nlp`` so the corpus tables (``problems``) can name over-limit articles
without importing spaCy.
"""

from __future__ import annotations

import os

# A body longer than this is not parsed at all (8 million words would take half an hour): it keeps
# its row in ``articles`` with its cleaned body, gets an empty Doc (so every table keeps its
# columns) and is listed in ``problems``. Raised or lowered with the environment variable below.
MAX_PARSE_CHARS = 2_000_000
MAX_PARSE_CHARS_ENV = "NEWS_WORKBOOK_MAX_PARSE_CHARS"


def max_parse_chars() -> int:
    """The parse limit in characters: ``NEWS_WORKBOOK_MAX_PARSE_CHARS`` if set, else MAX_PARSE_CHARS."""
    raw = os.environ.get(MAX_PARSE_CHARS_ENV, "").strip().replace("_", "").replace(",", "")
    if not raw:
        return MAX_PARSE_CHARS
    try:
        value = int(raw)
    except ValueError:
        from analysis.errors import StudyError

        raise StudyError(f"{MAX_PARSE_CHARS_ENV}={os.environ[MAX_PARSE_CHARS_ENV]!r} is not a whole number "
                         "of characters") from None
    return max(1, value)


def over_limit_message(n_chars: int, limit: int) -> str:
    """What the problems table says about a body that is too long to parse."""
    return (f"body of {n_chars:,} characters is over the parse limit of {limit:,} characters: not parsed "
            f"(its row and body are kept; it has no tokens, entities or stance evidence); to parse it, "
            f"set {MAX_PARSE_CHARS_ENV} above {n_chars:,} (about 4,500 words per second)")


def over_limit_problems(files_and_bodies) -> list:
    """A ``Problem`` (warning) for each (file, body) whose body is over the parse limit."""
    from analysis.errors import Problem

    limit = max_parse_chars()
    return [Problem(f"articles/{file}", None, "warning", over_limit_message(len(body), limit))
            for file, body in files_and_bodies if isinstance(body, str) and len(body) > limit]
