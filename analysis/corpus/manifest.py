"""The optional ``manifest.csv``: per-file metadata that wins over what the text says."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from analysis.errors import Problem

MANIFEST_FILE = "manifest.csv"
MANIFEST_COLUMNS = ("file", "outlet", "published", "title", "author", "url", "language")
UNKNOWN = {"unknown", "n/a", "na", "?"}


def safe_article_path(articles_dir: Path, rel: str) -> Path | None:
    """The file ``rel`` inside ``articles_dir``, or None if it escapes it (``..``, absolute, symlink)."""
    if not rel or Path(rel).is_absolute() or rel.startswith(("/", "\\")):
        return None
    candidate = articles_dir / rel
    try:
        resolved = candidate.resolve()
        root = articles_dir.resolve()
    except (OSError, RuntimeError):
        return None
    if resolved != root and root not in resolved.parents:
        return None
    return candidate


def read_manifest(study_dir: Path) -> tuple[dict[str, dict], list[Problem]]:
    """Rows of manifest.csv keyed by file; values 'unknown'/blank become None. Problems are recorded."""
    path = study_dir / MANIFEST_FILE
    if not path.exists():
        return {}, []
    problems: list[Problem] = []
    if not path.is_file():
        return {}, [Problem(MANIFEST_FILE, None, "error", "manifest.csv is not a file; ignored")]
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return {}, [Problem(MANIFEST_FILE, None, "error", f"manifest cannot be read ({exc.strerror}); ignored")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return {}, [Problem(MANIFEST_FILE, line, "error", "manifest is not valid UTF-8; ignored")]
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    if "file" not in header:
        return {}, [Problem(MANIFEST_FILE, 1, "error", "manifest has no 'file' column; ignored")]
    unknown_cols = [h for h in header if h not in MANIFEST_COLUMNS]
    if unknown_cols:
        problems.append(Problem(MANIFEST_FILE, 1, "warning",
                                f"unknown columns ignored: {', '.join(unknown_cols)}"))
    reader.fieldnames = header
    rows: dict[str, dict] = {}
    articles_dir = study_dir / "articles"
    try:
        for row in reader:
            line = reader.line_num
            if None in row:
                problems.append(Problem(MANIFEST_FILE, line, "warning", "more fields than columns; extras ignored"))
            file = (row.get("file") or "").strip()
            if not file:
                problems.append(Problem(MANIFEST_FILE, line, "error", "row without a file; ignored"))
                continue
            if safe_article_path(articles_dir, file) is None:
                problems.append(Problem(MANIFEST_FILE, line, "error",
                                        f"file {file!r} is outside the study's articles/ folder; refused"))
                continue
            if file in rows:
                problems.append(Problem(MANIFEST_FILE, line, "error",
                                        f"file {file!r} listed twice; the first row is used"))
                continue
            values = {}
            for col in MANIFEST_COLUMNS[1:]:
                value = (row.get(col) or "").strip()
                values[col] = None if value.lower() in UNKNOWN or not value else value
            values["_line"] = line
            rows[file] = values
    except csv.Error as exc:
        problems.append(Problem(MANIFEST_FILE, reader.line_num, "error", f"CSV error: {exc}; rest ignored"))
    return rows, problems
