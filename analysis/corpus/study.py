"""Load a study: read every raw article, clean it, gather its metadata, flag duplicates, list problems."""

from __future__ import annotations

import hashlib
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from analysis.corpus import layout, metadata
from analysis.corpus.cleaning import clean_lines
from analysis.corpus.duplicates import find_duplicates
from analysis.corpus.manifest import read_manifest, safe_article_path
from analysis.corpus.normalize import split_lines
from analysis.corpus.readers import SUPPORTED_SUFFIXES, RawRecord, read_file
from analysis.errors import Problem, StudyError
from analysis.parse_limit import over_limit_problems
from analysis.paths import resolve_study_dir
from analysis.studyfile import StudyConfig, load_study_config

ARTICLE_COLUMNS = [
    "article_id", "file", "record", "format", "outlet", "published", "title", "title_suffix",
    "author", "wire", "language", "url", "n_words", "n_removed_lines", "duplicate_cluster",
    "duplicate_of", "duplicate_kind", "provenance", "text_sha256", "body_chars", "first_paragraph_chars", "body",
]
LINE_COLUMNS = ["article_id", "file", "line", "raw_start", "raw", "text", "kept", "rule"]
PROBLEM_COLUMNS = ["file", "line", "severity", "message"]
UNKNOWN_OUTLET = "unknown outlet ({})"
_WORD = re.compile(r"\b\w[\w'’-]*\b")


# The tables the corpus stage yields (the first node of analysis.tables), named here so a reader of
# cached tables need not import the pipeline.
CORPUS_TABLES: tuple[str, ...] = ("articles", "removed_lines", "problems")


@dataclass
class Study:
    """A loaded study.

    Attributes:
        path: the study folder.
        config: the validated study file.
        articles: one row per article (see ``ARTICLE_COLUMNS``), ``body`` holds the cleaned text.
        lines: every non-blank line of every article with its verdict (kept, or the removing rule).
        problems: problems met while loading (file, line, severity, message).
    """

    path: Path
    config: StudyConfig
    articles: pd.DataFrame
    lines: pd.DataFrame
    problems: pd.DataFrame

    @property
    def name(self) -> str:
        return self.config.name

    @property
    def removed_lines(self) -> pd.DataFrame:
        """Removed lines with the rule that removed each (the cleaner's audit)."""
        removed = self.lines[~self.lines["kept"].astype(bool)]  # bool even when empty
        return removed[["article_id", "file", "line", "text", "rule"]].reset_index(drop=True)

    def body(self, article_id: str) -> str:
        """The cleaned body of one article."""
        return article_body(self.articles, article_id)


def article_body(articles: pd.DataFrame, article_id: str) -> str:
    """The cleaned body of one article of an articles table.

    Raises:
        KeyError: no such article.
    """
    return str(articles.set_index("article_id").at[article_id, "body"])


def site_name(url) -> str | None:
    """The host of a URL without ``www.`` (``https://www.example.com/a`` -> ``example.com``)."""
    if not isinstance(url, str) or not url.strip():
        return None
    host = urlsplit(url.strip() if "//" in url else "//" + url.strip()).hostname or ""
    host = host.removeprefix("www.")
    return host or None


def _missing(value) -> bool:
    if value is None or value is pd.NA:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and value.strip().lower() in ("", "unknown", "nan", "none")


def outlet_label(outlet, url, article_id) -> str:
    """One article's outlet label: stated outlet, else the URL's site name, else ``unknown outlet (<id>)``."""
    if not _missing(outlet):
        return str(outlet)
    return site_name(url) or UNKNOWN_OUTLET.format(article_id)


def outlet_labels(articles: pd.DataFrame) -> pd.Series:
    """``outlet_label`` for every row of an articles table (same index)."""
    urls = articles["url"] if "url" in articles.columns else pd.Series(None, index=articles.index)
    return pd.Series([outlet_label(o, u, a) for o, u, a in zip(articles["outlet"], urls, articles["article_id"])],
                     index=articles.index, dtype=object)


def with_outlet(table: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """``table`` (with an article_id column) joined to each article's outlet label."""
    return table.merge(articles[["article_id"]].assign(outlet=outlet_labels(articles)), on="article_id")


def count_words(text: str) -> int:
    """Number of word tokens (letters/digits, with inner apostrophes and hyphens)."""
    return len(_WORD.findall(text))


def _shown(rel: str) -> str:
    """A relative path fit for a problem record: bytes of a non-UTF-8 name shown as U+FFFD."""
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _iter_article_files(articles_dir: Path, problems: list[Problem]) -> list[tuple[Path, str]]:
    files: list[tuple[Path, str]] = []
    for root, dirs, names in os.walk(articles_dir, followlinks=False):
        for d in sorted(dirs):
            rel_dir = (Path(root) / d).relative_to(articles_dir).as_posix()
            if d.startswith("."):
                problems.append(Problem(f"articles/{_shown(rel_dir)}", None, "warning", "hidden folder; skipped"))
            elif (Path(root) / d).is_symlink():
                problems.append(Problem(f"articles/{_shown(rel_dir)}", None, "warning",
                                        "folder link not followed; skipped (copy the files into articles/)"))
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (Path(root) / d).is_symlink())
        for name in sorted(names):
            if name.startswith("."):
                rel_hidden = (Path(root) / name).relative_to(articles_dir).as_posix()
                problems.append(Problem(f"articles/{_shown(rel_hidden)}", None, "warning", "hidden file; skipped"))
                continue
            path = Path(root) / name
            rel = path.relative_to(articles_dir).as_posix()
            try:
                rel.encode("utf-8")
            except UnicodeEncodeError:
                problems.append(Problem(f"articles/{_shown(rel)}", None, "error",
                                        "file name is not valid UTF-8; rename the file (UTF-8 name) "
                                        "to include it; skipped"))
                continue
            if safe_article_path(articles_dir, rel) is None:
                problems.append(Problem(f"articles/{rel}", None, "error",
                                        "link points outside the study folder; refused"))
                continue
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                problems.append(Problem(f"articles/{rel}", None, "warning",
                                        f"unsupported file type {path.suffix or '(none)'}; skipped "
                                        f"(supported: {', '.join(sorted(SUPPORTED_SUFFIXES))})"))
                continue
            files.append((path, rel))
    return files


def _article_id(record: RawRecord, used: set[str]) -> str:
    stem = record.file.rsplit(".", 1)[0]
    base = stem if record.record is None else f"{stem}#{record.record}"
    article_id, n = base, 2
    while article_id in used:
        article_id, n = f"{base}~{n}", n + 1
    used.add(article_id)
    return article_id


def _resolve(field: str, manifest: dict, record_meta: dict, text_value: str | None,
             provenance: list[str], record_note: str = "") -> str | None:
    """Manifest wins where it has a value, then the record's own metadata, then the text."""
    for source, value in (("manifest", manifest.get(field)), ("record", record_meta.get(field)),
                          ("text", text_value)):
        if value and not _missing(value):
            provenance.append(f"{field}:{source}" + (record_note if source == "record" else ""))
            return value
    return None


def build_article(record: RawRecord, article_id: str, manifest_row: dict,
                  problems: list[Problem]) -> tuple[dict, list[dict]]:
    """Clean one record and assemble its article row and line rows."""
    rel = f"articles/{record.file}"
    lines = split_lines(record.text)
    cleaned = clean_lines(lines, standfirsts=record.meta.get("standfirst", ()))
    for note in cleaned.notes:
        problems.append(Problem(rel, record.line, "warning", note))
    if not cleaned.body.strip():
        problems.append(Problem(rel, record.line, "warning", "no body text left after cleaning"))

    text_date, date_source = metadata.header_publication_date(_header_lines(cleaned, record.line))
    title, suffix = (layout.split_title_suffix(cleaned.headline) if cleaned.headline else (None, None))
    page = _page_lines(cleaned)
    text_author, author_source = layout.page_author(page, cleaned.headline)
    text_outlet, outlet_source = layout.page_outlet([(t, r) for t, r, _ in page], suffix, cleaned.headline)
    if suffix and not layout.same_outlet(suffix, text_outlet or record.meta.get("outlet") or manifest_row.get("outlet")):
        title, suffix = cleaned.headline, None  # a suffix that is not the page's outlet is part of the headline

    wires: list[str] = []
    body_first = cleaned.body.split("\n", 1)[0]
    if (agency := metadata.dateline_wire(body_first)):
        wires.append(agency)
    credits = [line.text for line, _, rule in cleaned.lines if rule == "end_credit"]
    credits += [line.text for line, _, rule in cleaned.lines if rule == "byline"]
    if cleaned.trailing_credit:
        credits.append(cleaned.trailing_credit)
    for credit in credits:
        for agency in metadata.agencies_in(credit):
            if agency not in wires:
                wires.append(agency)

    provenance: list[str] = []
    record_meta = dict(record.meta)
    extractor_removed = record_meta.pop("extractor_removed", [])
    record_meta.pop("standfirst", None)
    if record_meta.get("published"):
        parsed = metadata.parse_date_value(record_meta["published"])
        if parsed is None:
            problems.append(Problem(rel, record.line, "warning",
                                    f"date {record_meta['published']!r} is not an explicit date; ignored"))
        record_meta["published"] = parsed
    manifest = dict(manifest_row)
    if manifest.get("published"):
        parsed = metadata.parse_date_value(manifest["published"])
        if parsed is None:
            problems.append(Problem("manifest.csv", manifest.get("_line"), "warning",
                                    f"date {manifest['published']!r} is not an explicit date; ignored"))
        manifest["published"] = parsed

    row = {
        "article_id": article_id,
        "file": record.file,
        "record": record.record,
        "format": record.fmt,
        "outlet": _resolve("outlet", manifest, record_meta, text_outlet, provenance),
        "published": _resolve("published", manifest, record_meta, text_date, provenance,
                              "(htmldate)" if record.fmt == "html" else ""),
        "title": _resolve("title", manifest, record_meta, title, provenance),
        "title_suffix": suffix,
        "author": _resolve("author", manifest, record_meta, text_author, provenance),
        "wire": "; ".join(wires) or None,
        "language": _resolve("language", manifest, record_meta, None, provenance),
        "url": _resolve("url", manifest, record_meta, None, provenance),
        "n_words": count_words(cleaned.body),
        "n_removed_lines": sum(1 for line, keep, rule in cleaned.lines if rule is not None),
        "provenance": " ".join(_noted(p, {"published:text": date_source, "outlet:text": f"({outlet_source})",
                                          "author:text": f"({author_source})"}) for p in provenance)
                      + ("" if any(p.startswith("outlet:") for p in provenance) else f" outlet:none({outlet_source})"),
        "text_sha256": hashlib.sha256(record.text.encode("utf-8", "surrogatepass")).hexdigest(),
        "body_chars": len(cleaned.body),
        "first_paragraph_chars": cleaned.body.find("\n\n") if "\n\n" in cleaned.body else len(cleaned.body),
        "body": cleaned.body,
    }
    line_rows = [
        {"article_id": article_id, "file": record.file, "line": record.line + line.number - 1,
         "raw_start": line.start, "raw": line.raw, "text": line.text, "kept": keep, "rule": rule}
        for line, keep, rule in cleaned.lines if line.text
    ]
    line_rows += [{"article_id": article_id, "file": record.file, "line": None, "raw_start": None,
                   "raw": chunk, "text": chunk, "kept": False, "rule": "extractor"}
                  for chunk in extractor_removed]
    row["n_removed_lines"] += len(extractor_removed)
    if cleaned.trailing_credit:
        last_kept = max(i for i, r in enumerate(line_rows) if r["kept"])
        line_rows.insert(last_kept + 1, {**line_rows[last_kept], "text": cleaned.trailing_credit,
                                         "kept": False, "rule": cleaned.trailing_rule or "end_credit"})
    return row, line_rows


def _noted(entry: str, notes: dict[str, str]) -> str:
    """A provenance entry with its note ('outlet:text' -> 'outlet:text(masthead line 1)')."""
    note = notes.get(entry)
    return entry + note if note and note != "()" else entry


def _page_lines(cleaned) -> list[tuple[str, str | None, str]]:
    """The non-blank lines of a cleaned record as (text, rule, zone): zone 'header' above the first
    body line, 'footer' below the last, else 'body'."""
    kept = [k for k, (_, keep, _) in enumerate(cleaned.lines) if keep]
    first, last = (kept[0], kept[-1]) if kept else (len(cleaned.lines), -1)
    return [(line.text, rule, "header" if k < first else "footer" if k > last else "body")
            for k, (line, _, rule) in enumerate(cleaned.lines) if line.text]


def _header_lines(cleaned, first_line: int) -> list[tuple[int, str, str | None]]:
    """(file line, text, rule) of the removed lines above the first body line (the page header)."""
    out = []
    for line, keep, rule in cleaned.lines:
        if keep:
            break
        if line.text:
            out.append((first_line + line.number - 1, line.text, rule))
    return out


def _check_study_dir(path) -> tuple[Path, StudyConfig, Path]:
    study_dir = resolve_study_dir(path)
    if not study_dir.is_dir():
        raise StudyError(f"study folder not found: {study_dir}", file=str(study_dir))
    config = load_study_config(study_dir)
    articles_dir = study_dir / "articles"
    if not articles_dir.is_dir():
        raise StudyError("the study folder has no articles/ folder", file=str(articles_dir))
    return study_dir, config, articles_dir


def _frames(rows: list[dict], line_rows: list[dict], problems: list[Problem]):
    articles = pd.DataFrame(rows, columns=ARTICLE_COLUMNS)
    articles["record"] = articles["record"].astype("Int64")
    return (articles, pd.DataFrame(line_rows, columns=LINE_COLUMNS),
            pd.DataFrame([p.as_dict() for p in problems], columns=PROBLEM_COLUMNS).astype({"line": "Int64"}))


def iter_record_batches(path: str | os.PathLike | None = None, *, batch_size: int = 500):
    """Stream a study's raw records in batches: yields (items, problems), items being
    (record, article_id, manifest_row) triples not cleaned yet. Reading is cheap; cleaning
    (``clean_batch``) can then run wherever the batch is processed.

    Raises:
        StudyError: the folder, its study.yml or its articles/ folder cannot be used.
    """
    study_dir, _, articles_dir = _check_study_dir(path)
    problems: list[Problem] = []
    manifest, manifest_problems = read_manifest(study_dir)
    problems += manifest_problems
    files = _iter_article_files(articles_dir, problems)
    seen_files = {rel for _, rel in files}
    for file, row in manifest.items():
        if file not in seen_files:
            problems.append(Problem("manifest.csv", row["_line"], "error",
                                    f"file {file!r} is not in articles/; row ignored"))
    items: list[tuple[RawRecord, str, dict]] = []
    used_ids: set[str] = set()
    for path_, rel in files:
        for record, record_problems in read_file(path_, rel):
            problems += [Problem(f"articles/{p.file}" if not p.file.startswith("articles/") else p.file,
                                 p.line, p.severity, p.message) for p in record_problems]
            if record is None:
                continue
            manifest_row = manifest.get(rel, {}) if record.record is None else {}
            items.append((record, _article_id(record, used_ids), manifest_row))
            if len(items) >= batch_size:
                yield items, problems
                items, problems = [], []
    if items or problems:
        yield items, problems


def clean_batch(items: list[tuple[RawRecord, str, dict]], problems: list[Problem]):
    """Clean a batch of raw records: (articles, lines, problems) DataFrames."""
    problems = list(problems)
    rows: list[dict] = []
    line_rows: list[dict] = []
    for record, article_id, manifest_row in items:
        row, lines = build_article(record, article_id, manifest_row, problems)
        rows.append(row)
        line_rows += lines
    # Listed when the study loads, so the CLI shows it with the other problems.
    problems += over_limit_problems((row["file"], row["body"]) for row in rows)
    return _frames(rows, line_rows, problems)


def iter_article_batches(path: str | os.PathLike | None = None, *, batch_size: int = 500):
    """Stream a study's articles, cleaned, in batches of ``batch_size``: yields
    (articles, lines, problems) DataFrames. Memory holds one batch, whatever the corpus size.
    Duplicate columns are left empty (they need the whole corpus: see ``load_study``).

    Raises:
        StudyError: the folder, its study.yml or its articles/ folder cannot be used.
    """
    for items, problems in iter_record_batches(path, batch_size=batch_size):
        yield clean_batch(items, problems)


def flag_duplicates(articles: pd.DataFrame) -> pd.DataFrame:
    """Fill duplicate_of, duplicate_kind and duplicate_cluster (in place) and return the table."""
    dups = find_duplicates(articles["article_id"].tolist(), articles["body"].tolist())
    articles["duplicate_of"] = articles["article_id"].map(lambda a: dups[a][0] if a in dups else None)
    articles["duplicate_kind"] = articles["article_id"].map(lambda a: dups[a][1] if a in dups else None)
    clusters = {a: v[0] for a, v in dups.items()}
    heads = set(clusters.values())
    articles["duplicate_cluster"] = articles["article_id"].map(
        lambda a: clusters.get(a, a if a in heads else None))
    return articles


def load_study(path: str | os.PathLike | None = None) -> Study:
    """Load the study folder at ``path`` (None: the embedded study) into memory.

    Raises:
        StudyError: the folder, its study.yml or its articles/ folder cannot be used.
    """
    study_dir, config, _ = _check_study_dir(path)
    batches = list(iter_article_batches(study_dir, batch_size=10_000))
    if batches:
        articles = pd.concat([b[0] for b in batches], ignore_index=True)
        lines = pd.concat([b[1] for b in batches], ignore_index=True)
        problems = pd.concat([b[2] for b in batches], ignore_index=True)
    else:
        articles, lines, problems = _frames([], [], [])
    return Study(path=study_dir, config=config, articles=flag_duplicates(articles), lines=lines,
                 problems=problems)
