"""Showing study-file strings (proposition, labels, titles) in notebooks and the HTML report.

A study file is data, not markup: a proposition like ``<script>...</script>``, ``[x](javascript:..)``
or ``*A* $x$`` must appear as typed, never run or render. ``escape_markdown`` makes a string safe
to put inside ``IPython.display.Markdown``; ``escape_html`` inside HTML.
"""

from __future__ import annotations

import html
import re

# Characters with a meaning in (Jupyter) Markdown, including $ for math and | for tables.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$>])")
_WHITESPACE = re.compile(r"\s+")


def escape_html(text: object) -> str:
    """``text`` as inert HTML (``< > & " '`` escaped)."""
    return html.escape("" if text is None else str(text), quote=True)


def escape_markdown(text: object) -> str:
    """``text`` as inert Markdown inline text: one line (newlines could start a heading or a block),
    Markdown punctuation backslash-escaped, raw HTML escaped; renders as the literal string.

    Example: ``display(Markdown(f"# Who favours: *{escape_markdown(proposition)}*"))``.
    """
    one_line = _WHITESPACE.sub(" ", "" if text is None else str(text)).strip()
    return html.escape(_MARKDOWN_SPECIALS.sub(r"\\\1", one_line), quote=True)
