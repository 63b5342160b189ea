"""Readers: turn the raw files of ``articles/`` into records of text plus whatever metadata they carry.

Formats: ``.txt``, ``.html``/``.htm`` (main text through trafilatura), ``.jsonl``, ``.json``, ``.csv``
and ``.parquet`` (one article per record; JSONL, CSV and Parquet are streamed). Readers never modify a file; every problem becomes a ``Problem`` naming the
file and line (or record), and a record that cannot be used is skipped, never silently.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from analysis.errors import Problem

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
RECORD_SUFFIXES = {".jsonl", ".ndjson", ".json", ".csv", ".parquet"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES

# Field names accepted in record formats, first match wins.
TEXT_FIELDS = ("text", "body", "content", "article", "maintext")
META_FIELDS = {
    "title": ("title", "headline"),
    "published": ("published", "date", "date_publish", "publish_date", "datetime", "pubdate"),
    "url": ("url", "link", "source_url"),
    "outlet": ("outlet", "source", "publisher", "site_name", "sitename", "domain"),
    "author": ("author", "authors", "byline"),
    "language": ("language", "lang"),
}

csv.field_size_limit(50_000_000)


@dataclass
class RawRecord:
    """One article as read from disk, before cleaning.

    Attributes:
        file: path relative to the study's ``articles/`` folder.
        record: record number inside a multi-article file (1-based), None for one-article files.
        line: line of the file where the record starts.
        text: the decoded text (for HTML, the extracted main text).
        meta: metadata the file itself carries (title, published, url, outlet, author, language).
        fmt: the reader used.
    """

    file: str
    record: int | None
    line: int
    text: str
    meta: dict = field(default_factory=dict)
    fmt: str = "txt"


def looks_binary(raw: bytes) -> bool:
    """True for bytes that are not text: NUL bytes or many control characters in the first 8 KiB."""
    head = raw[:8192]
    if b"\x00" in head:
        return True
    if not head:
        return False
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(head) > 0.05


def is_utf16(head: bytes) -> bool:
    """True for text starting with a UTF-16 byte order mark (decoded, not taken for binary)."""
    return head.startswith((b"\xff\xfe", b"\xfe\xff"))


def _strip_nul(text: str, file: str, problems: list[Problem]) -> tuple[str, list[Problem]]:
    """Remove NUL characters (never text) and record where the first one was."""
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        problems = problems + [Problem(file, line, "warning",
                                       f"{text.count(chr(0))} NUL byte(s) removed (first at line {line})")]
        text = text.replace("\x00", "")
    return text, problems


def decode_bytes(raw: bytes, file: str) -> tuple[str, list[Problem]]:
    """Decode as UTF-8 (BOM allowed); otherwise fall back losslessly and record where it failed."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _strip_nul(raw.decode("utf-16"), file, [])
        except UnicodeDecodeError:
            pass
    try:
        return _strip_nul(raw.decode("utf-8-sig"), file, [])
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        for encoding in ("cp1252", "latin-1"):
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError:
                continue
            return _strip_nul(text, file, [Problem(file, line, "warning",
                                  f"not valid UTF-8 (first bad byte at line {line}); "
                                  f"decoded as {encoding}")])
        raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def _pick(record: dict, names: tuple[str, ...]) -> object | None:
    lowered = {str(k).lower(): v for k, v in record.items()}
    for name in names:
        value = lowered.get(name)
        if value not in (None, ""):
            return value
    return None


def record_from_mapping(obj: dict, *, file: str, record: int, line: int,
                        fmt: str) -> tuple[RawRecord | None, list[Problem]]:
    """Build a RawRecord from one JSON/CSV record; a record without text is a recorded problem."""
    text = _pick(obj, TEXT_FIELDS)
    if not isinstance(text, str) or not text.strip():
        return None, [Problem(file, line, "error",
                              f"record {record} has no text (expected one of {', '.join(TEXT_FIELDS)});"
                              " skipped")]
    meta: dict = {}
    for key, names in META_FIELDS.items():
        value = _pick(obj, names)
        if isinstance(value, list):
            value = "; ".join(str(v) for v in value)
        if value is not None:
            meta[key] = str(value).strip()
    return RawRecord(file=file, record=record, line=line, text=text, meta=meta, fmt=fmt), []


def read_jsonl(lines: Iterable[tuple[int, str]], file: str) -> Iterator[tuple[RawRecord | None, list[Problem]]]:
    """One JSON object a line (given as (line number, text) pairs, so a file is read as it streams);
    blank lines are skipped, a bad line is a problem naming it."""
    n = 0
    for lineno, line in lines:
        if not line.strip():
            continue
        n += 1
        try:
            obj = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            yield None, [Problem(file, lineno, "error", f"not valid JSON ({exc}); record skipped")]
            continue
        if not isinstance(obj, dict):
            yield None, [Problem(file, lineno, "error", "a JSONL line must be an object; skipped")]
            continue
        yield record_from_mapping(obj, file=file, record=n, line=lineno, fmt="jsonl")
    if not n:
        yield None, [Problem(file, None, "error", "no records (only blank lines); nothing read")]


def read_json(text: str, file: str) -> Iterator[tuple[RawRecord | None, list[Problem]]]:
    """A JSON object (one article), a list of objects, or an object with an ``articles`` list."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield None, [Problem(file, exc.lineno, "error", f"not valid JSON: {exc.msg}; file skipped")]
        return
    except RecursionError:
        yield None, [Problem(file, None, "error", "JSON nested too deeply; file skipped")]
        return
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    items = data if isinstance(data, list) else [data]
    if not items:
        yield None, [Problem(file, None, "error", "no records in the JSON list; nothing read")]
    for n, obj in enumerate(items, start=1):
        if not isinstance(obj, dict):
            yield None, [Problem(file, None, "error", f"record {n} is not an object; skipped")]
            continue
        yield record_from_mapping(obj, file=file, record=n, line=1, fmt="json")


def _swallowed_rows(row: dict, width: int) -> int:
    """How many lines inside the row's multi-line fields parse as a full CSV row of ``width`` fields
    (the mark of an unterminated quote that merged the following rows into one field)."""
    if width < 2:
        return 0
    count = 0
    for value in row.values():
        if isinstance(value, str) and "\n" in value:
            for text in value.split("\n")[1:]:
                try:
                    fields = next(csv.reader([text]), [])
                except csv.Error:
                    continue
                if len(fields) == width:
                    count += 1
    return count


def _unterminated(file: str, line: int, n: int, swallowed: int) -> Problem:
    return Problem(file, line, "warning",
                   f"row {n} (ending at line {line}) has a quoted field holding {swallowed} line(s) that look "
                   "like CSV rows: an unterminated quote? Check the quotes of this row; the rows inside the "
                   "field were not read as separate articles")


def read_csv(lines: Iterable[str], file: str) -> Iterator[tuple[RawRecord | None, list[Problem]]]:
    """One article a row, with a header naming the columns; ``lines`` may be a stream."""
    reader = csv.DictReader(lines)
    n = 0
    try:
        for row in reader:
            n += 1
            line = reader.line_num
            width = len(reader.fieldnames or [])
            swallowed = _swallowed_rows(row, width)
            stray_quote = any(isinstance(v, str) and '"' in v.partition("\n")[2] for v in row.values())
            if swallowed and stray_quote:
                yield None, [_unterminated(file, line, n, swallowed)]
                swallowed = 0
            last = (line, n, swallowed)
            if None in row:
                yield None, [Problem(file, line, "warning",
                                     f"row {n} has more fields than the header; extra fields ignored")]
                row = {k: v for k, v in row.items() if k is not None}
            yield record_from_mapping(row, file=file, record=n, line=line, fmt="csv")
    except csv.Error as exc:
        yield None, [Problem(file, reader.line_num, "error", f"CSV error: {exc}; rest of file skipped")]
        return
    if n and last[2]:  # the last row ran to the end of the file inside quotes
        yield None, [_unterminated(file, *last)]
    if not n:
        yield None, [Problem(file, None, "error", "no rows after the header; nothing read")]


def read_parquet(path: Path, file: str, *, batch_size: int = 256) -> Iterator[tuple[RawRecord | None, list[Problem]]]:
    """One article a row of a Parquet file, read in batches."""
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
        n = 0
        for batch in parquet.iter_batches(batch_size=batch_size):
            for row in batch.to_pylist():
                n += 1
                yield record_from_mapping(row, file=file, record=n, line=n, fmt="parquet")
    except Exception as exc:  # noqa: BLE001 - pyarrow raises several types for damaged files
        yield None, [Problem(file, None, "error", f"not a readable Parquet file ({type(exc).__name__}: {exc}); "
                                                 "rest of file skipped")]


class _LineDecoder:
    """Decode a binary stream line by line: UTF-8, else a lossless fallback recorded as a problem."""

    def __init__(self, handle, file: str):
        self.handle = handle
        self.file = file
        self.problems: list[Problem] = []

    def __iter__(self) -> Iterator[tuple[int, str]]:
        for lineno, raw in enumerate(self.handle, start=1):
            if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if b"\x00" in raw:
                self.problems.append(Problem(self.file, lineno, "warning",
                                             f"{raw.count(0)} NUL byte(s) removed from line {lineno}"))
                raw = raw.replace(b"\x00", b"")
            try:
                yield lineno, raw.decode("utf-8")
            except UnicodeDecodeError:
                text, problems = decode_bytes(raw, self.file)
                self.problems += [Problem(self.file, lineno, p.severity, p.message.replace("line 1", f"line {lineno}"))
                                  for p in problems]
                yield lineno, text

    def texts(self) -> Iterator[str]:
        for _, text in self:
            yield text


def _with_decoding_problems(records, decoder: _LineDecoder):
    """Attach the decoder's problems to the record read at the same time."""
    for record, problems in records:
        if decoder.problems:
            problems, decoder.problems = problems + decoder.problems, []
        yield record, problems
    if decoder.problems:
        yield None, decoder.problems


def html_to_text(html: str) -> tuple[str, dict]:
    """Main text and metadata of an HTML page through trafilatura (no network access)."""
    import trafilatura

    text = trafilatura.extract(html, output_format="txt", include_comments=False,
                               include_tables=False, favor_recall=True, with_metadata=False) or ""
    meta: dict = {}
    try:
        doc = trafilatura.extract_metadata(html)
    except Exception:  # noqa: BLE001 - metadata is optional; the text is what matters
        doc = None
    if doc is not None:
        for key, attr in (("title", "title"), ("url", "url"),
                          ("outlet", "sitename"), ("author", "author")):
            value = getattr(doc, attr, None)
            if value:
                meta[key] = str(value)
    meta.update(html_page_metadata(html))
    published = html_publication_date(html)
    if published:
        meta["published"] = published
    meta["extractor_removed"] = extractor_removed(html, text)
    standfirsts = html_standfirsts(html)
    if standfirsts:
        meta["standfirst"] = standfirsts
    return text, meta


_ARTICLE_TYPES = ("Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
                  "BlogPosting", "Report", "ScholarlyArticle", "WebPage")


def _ld_objects(data) -> list[dict]:
    """Every JSON-LD object of a parsed block (lists and ``@graph`` unfolded)."""
    if isinstance(data, list):
        return [o for item in data for o in _ld_objects(item)]
    if isinstance(data, dict):
        return [data] + [o for o in _ld_objects(data.get("@graph", []))]
    return []


def _ld_names(value) -> list[str]:
    """Names of a JSON-LD author or publisher value (a string, an object with ``name``, or a list)."""
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, dict):
        return _ld_names(value.get("name"))
    if isinstance(value, list):
        return [n for item in value for n in _ld_names(item)]
    return []


def html_page_metadata(html: str) -> dict:
    """Outlet, title and author as the page's own markup states them, where it does: the outlet from
    ``og:site_name`` or the JSON-LD article's ``publisher``; the title from the JSON-LD ``headline``
    or the page's one headline ``<h1>`` (the headline as printed: og:title and <title> may be cut or
    carry a ' | Site' suffix); the author from the JSON-LD ``author`` or a byline element (class,
    rel or itemprop 'author'/'byline'). Keys the page does not state are absent (the extractor's
    metadata then stands)."""
    import re

    import lxml.html

    from analysis.corpus.layout import byline_author, split_title_suffix

    try:
        tree = lxml.html.fromstring(html)
    except Exception:  # noqa: BLE001
        return {}
    meta: dict = {}
    articles = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content())
        except (ValueError, RecursionError):
            continue
        for obj in _ld_objects(data):
            kind = obj.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if any(k in _ARTICLE_TYPES for k in kinds if isinstance(k, str)):
                articles.append(obj)
    site = tree.xpath('string(//meta[@property="og:site_name"]/@content)').strip()
    publisher = next((n for a in articles for n in _ld_names(a.get("publisher"))), "")
    if site or publisher:
        meta["outlet"] = site or publisher
    h1s = [re.sub(r"\s+", " ", h.text_content()).strip() for h in tree.xpath("//body//h1")]
    headline = next((a["headline"].strip() for a in articles if isinstance(a.get("headline"), str)
                     and a["headline"].strip()), "")
    shown = [re.sub(r"\s+", " ", t).strip() for t in (tree.xpath('string(//meta[@property="og:title"]/@content)'),
                                                      split_title_suffix(tree.xpath("string(//title)").strip())[0])]
    shown = [t for t in shown if t]
    # the printed <h1> when it is the page's title (og:title and <title> may be cut or carry a suffix)
    printed = next((h for h in h1s if any(h.casefold().startswith(t.casefold()) for t in shown)), "")
    if headline or printed:
        meta["title"] = headline or printed
    elif shown:
        meta["title"] = shown[-1]
    authors = next((names for a in articles if (names := _ld_names(a.get("author")))), [])
    stated = tree.xpath('string(//meta[@name="author"]/@content)').strip()
    if stated and stated.casefold() == meta.get("outlet", "").casefold():
        stated = ""  # a site that names itself as author gives no byline
    if authors:
        meta["author"] = " and ".join(authors)
    elif stated:
        meta["author"] = stated
    else:  # the innermost byline element: its text without 'By' and without a date beside the name
        marked = '[contains(@class, "byline") or contains(@class, "author") or @rel="author" or @itemprop="author"]'
        for element in tree.xpath(f"//body//*{marked}[not(.//*{marked})]"):
            if element.xpath('ancestor-or-self::*[contains(@class, "comment")]'):
                continue
            text = re.sub(r"\s+", " ", element.text_content()).strip()
            name = byline_author(text) or (text if 2 <= len(text.split()) <= 5 and text[:1].isupper() else None)
            if name:
                meta["author"] = name
                break
    return meta


# class, id or itemprop tokens that mark a summary printed under the headline (not the body)
_STANDFIRST_MARK = r"(?:standfirst|dek|deck|strapline|subtitle|sub-title|subheadline|sub-headline|summary|" \
                   r"article-summary|teaser|excerpt|description|abstract|intro-summary)"


def html_standfirsts(html: str) -> list[str]:
    """Texts of the page's summary elements (a standfirst, dek, subtitle, summary or teaser by its
    class, id or itemprop), whitespace collapsed; the cleaner removes them as 'standfirst' where
    they open the extracted text."""
    import re

    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except Exception:  # noqa: BLE001
        return []
    mark = re.compile(rf"(?:^|[\s_-]){_STANDFIRST_MARK}(?:$|[\s_-])", re.IGNORECASE)
    out: list[str] = []
    for element in tree.iter("p", "div", "h2", "h3", "span", "section"):
        tokens = " ".join(element.get(a, "") for a in ("class", "id", "itemprop"))
        if not mark.search(tokens) or element.xpath("ancestor::head"):
            continue
        text = re.sub(r"\s+", " ", element.text_content()).strip()
        if text and len(text.split()) <= 80 and text not in out:
            out.append(text)
    return out


def html_publication_date(html: str) -> str | None:
    """The page's original publication date from its HTML metadata (htmldate, no guessing from
    the text: extensive_search off), or None."""
    try:
        from htmldate import find_date
        return find_date(html, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    except Exception:  # noqa: BLE001 - a page without usable metadata simply has no date
        return None


def extractor_removed(html: str, text: str) -> list[str]:
    """Visible text blocks of the page that the extractor did not keep (navigation, bylines,
    captions ...), in page order, so the audit can list them."""
    import re

    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except Exception:  # noqa: BLE001
        return []
    for bad in tree.xpath("//script|//style|//noscript|//head|//template"):
        bad.drop_tree()
    kept = re.sub(r"\s+", " ", text)
    out: list[str] = []
    for chunk in tree.itertext():
        chunk = re.sub(r"\s+", " ", chunk).strip()
        if chunk and chunk not in kept and chunk not in out:
            out.append(chunk)
    return out


def read_file(path: Path, rel: str) -> Iterator[tuple[RawRecord | None, list[Problem]]]:
    """Yield the records of one raw file with the problems met reading each.

    Multi-article formats (JSONL, CSV, Parquet) are read as they stream, so a file larger than
    memory can be loaded; the others are read whole.
    """
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(8192)
    except OSError as exc:
        yield None, [Problem(rel, None, "error", f"cannot be read ({exc.strerror}); skipped")]
        return
    if size == 0 or (size <= len(head) and not head.strip()):
        yield None, [Problem(rel, None, "error", "empty file; skipped")]
        return
    if suffix == ".parquet":
        yield from read_parquet(path, rel)
        return
    utf16 = is_utf16(head)
    if not utf16 and looks_binary(head):
        yield None, [Problem(rel, None, "error", "binary content, not text; skipped")]
        return
    if suffix in (".jsonl", ".ndjson", ".csv") and not utf16:
        try:
            with open(path, "rb") as handle:
                decoder = _LineDecoder(handle, rel)
                records = read_jsonl(decoder, rel) if suffix != ".csv" else read_csv(decoder.texts(), rel)
                yield from _with_decoding_problems(records, decoder)
        except OSError as exc:
            yield None, [Problem(rel, None, "error", f"read failed ({exc.strerror}); rest of file skipped")]
        return
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield None, [Problem(rel, None, "error", f"cannot be read ({exc.strerror}); skipped")]
        return
    if not raw.strip():
        yield None, [Problem(rel, None, "error", "empty file; skipped")]
        return
    text, problems = decode_bytes(raw, rel)
    if suffix in (".jsonl", ".ndjson", ".csv"):  # UTF-16: decoded whole
        lines = list(enumerate(text.splitlines(keepends=True), start=1))
        records = read_jsonl(lines, rel) if suffix != ".csv" else read_csv((t for _, t in lines), rel)
        for i, (record, record_problems) in enumerate(records):
            yield record, (problems if i == 0 else []) + record_problems
        return
    if suffix in TEXT_SUFFIXES:
        yield RawRecord(file=rel, record=None, line=1, text=text, fmt="txt"), problems
    elif suffix in HTML_SUFFIXES:
        try:
            body, meta = html_to_text(text)
        except ImportError as exc:
            yield None, problems + [Problem(rel, None, "error",
                                            f"HTML reader unavailable ({exc}); install the pinned dependencies "
                                            "(pip install -e .); file skipped")]
            return
        if not body.strip():
            yield None, problems + [Problem(rel, None, "error", "no main text found in HTML; skipped")]
            return
        yield RawRecord(file=rel, record=None, line=1, text=body, meta=meta, fmt="html"), problems
    else:
        if problems:
            yield None, problems
        yield from read_json(text, rel)
