"""Annotate a study's article bodies with spaCy, with an on-disk cache of parsed Docs (DocBin).

A cached Doc is keyed by the body's hash, the pipeline's name and version, the configuration of the
study's components and this module's format version: a rerun with nothing changed parses nothing,
and a change invalidates exactly the Docs it affects. The cache lives under ``.cache/`` (or
``NEWS_WORKBOOK_CACHE``), never in ``data/``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, DocBin

from analysis.atomic import atomic_path
from analysis.nlp.docs import keep_text
from analysis.nlp.pipeline import build_pipeline, study_components_config
from analysis.parse_limit import max_parse_chars
from analysis.paths import cache_dir

CACHE_FORMAT = "1"
PROGRESS_MIN_ARTICLES = 50
# A body longer than the pipeline's max_length (spaCy's E088 limit) is parsed in paragraph chunks
# of at most this many characters and joined back into one Doc (memory stays bounded per chunk).
CHUNK_CHARS = 100_000


@dataclass
class AnnotationStats:
    """What an annotate call did: how many Docs came from the cache and how many were parsed."""

    cached: int = 0
    parsed: int = 0
    skipped: int = 0  # bodies over the parse limit: an empty Doc, never cached


def cache_key(text: str, pipeline_id: str) -> str:
    """Key of one body under one pipeline configuration."""
    return hashlib.sha256(f"{pipeline_id}\x00{text}".encode("utf-8", "surrogatepass")).hexdigest()


def pipeline_id(nlp, config) -> str:
    """Identity of the annotation setup: model name and version, components config, format version."""
    # the word lists the components read at parse time are part of the setup, like the study's entities
    from analysis.nlp.components import demonyms, outlet_heads

    resources = {"outlet_heads": sorted(outlet_heads()), "demonyms": sorted(demonyms().items())}
    components = json.dumps({**study_components_config(config), "resources": resources}, sort_keys=True)
    spec = f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}=={nlp.meta.get('version')}|{nlp.pipe_names}"
    return hashlib.sha256(f"{CACHE_FORMAT}|{spec}|{components}".encode()).hexdigest()[:16]


def _cache_file(folder: Path, key: str) -> Path:
    return folder / key[:2] / f"{key}.spacy"


def split_chunks(text: str, size: int) -> list[str]:
    """Cut ``text`` into consecutive pieces of at most ``size`` characters whose concatenation is
    ``text``: at paragraph breaks where possible, else at a line break or space, else anywhere."""
    chunks: list[str] = []
    start, n = 0, len(text)
    while n - start > size:
        window = text[start:start + size]
        cut = -1
        for sep in ("\n\n", "\n", " "):
            i = window.rfind(sep)
            if i > 0:
                cut = i + len(sep)
                break
        if cut <= 0:
            cut = size
        chunks.append(text[start:start + cut])
        start += cut
    chunks.append(text[start:])
    return chunks


def _pipe(nlp, texts, *, batch_size: int, n_process: int):
    """``nlp.pipe`` where a text over ``nlp.max_length`` is parsed in chunks and joined into one Doc."""
    if n_process > 1:
        from analysis.lifeline import workers_die_with_parent

        workers_die_with_parent()  # spaCy's worker processes must not outlive a killed run
    limit = nlp.max_length
    size = max(1, min(CHUNK_CHARS, limit))
    short = []
    pending: list[tuple[str, list[str] | None]] = []

    def flush():
        parsed = iter(nlp.pipe([t for t, chunks in pending if chunks is None], batch_size=batch_size,
                               n_process=n_process)) if short else iter(())
        for text, chunks in pending:
            if chunks is None:
                yield next(parsed)
            else:
                parts = [d for d in nlp.pipe(chunks, batch_size=1) if len(d)]
                yield Doc.from_docs(parts, ensure_whitespace=False) if parts else nlp.make_doc("")

    for text in texts:
        if len(text) > limit:
            pending.append((text, split_chunks(text, size)))
        else:
            pending.append((text, None))
            short.append(text)
    yield from flush()


def parse_texts(texts: list[str], config, *, model: str | None = None, n_process: int = 1,
                   batch_size: int = 64, use_cache: bool = True, cache_folder: Path | None = None,
                   stats: AnnotationStats | None = None, progress: bool = True) -> list[Doc]:
    """Parse ``texts`` with the study's pipeline, reusing cached Docs; returns Docs in input order.
    A progress bar is shown from PROGRESS_MIN_ARTICLES articles unless ``progress`` is False.
    A text over ``max_parse_chars()`` gets an empty Doc (neither parsed nor cached)."""
    nlp = build_pipeline(config, model)
    pid = pipeline_id(nlp, config)
    folder = (cache_folder or cache_dir()) / "annotations"
    stats = stats if stats is not None else AnnotationStats()
    limit = max_parse_chars()
    docs: list[Doc | None] = [None] * len(texts)
    todo: list[int] = []
    keys = [cache_key(t, pid) if len(t) <= limit else "" for t in texts]
    for i, key in enumerate(keys):
        if len(texts[i]) > limit:
            docs[i] = keep_text(nlp.make_doc(""), "")
            stats.skipped += 1
            continue
        path = _cache_file(folder, key)
        if use_cache and path.exists():
            try:
                cached = next(iter(DocBin().from_bytes(path.read_bytes()).get_docs(nlp.vocab)))
                docs[i] = keep_text(cached, texts[i])
                stats.cached += 1
                continue
            except Exception:  # noqa: BLE001 - a damaged cache entry is parsed again
                path.unlink(missing_ok=True)
        todo.append(i)
    if todo:
        stream = _pipe(nlp, [texts[i] for i in todo], batch_size=batch_size, n_process=n_process)
        if progress and len(todo) >= PROGRESS_MIN_ARTICLES:
            from tqdm.auto import tqdm

            stream = tqdm(stream, total=len(todo), desc="annotating", unit="article")
        for i, doc in zip(todo, stream):
            docs[i] = keep_text(doc, texts[i])
            stats.parsed += 1
            if use_cache:
                blob = DocBin(docs=[doc]).to_bytes()
                try:
                    with atomic_path(_cache_file(folder, keys[i])) as tmp:
                        tmp.write_bytes(blob)
                except OSError as exc:
                    import warnings

                    warnings.warn(f"annotation cache {folder} cannot be written ({exc.strerror}); continuing "
                                  "without it (set NEWS_WORKBOOK_CACHE to a writable folder)", stacklevel=2)
                    use_cache = False
    return docs  # type: ignore[return-value]


def parse_study(study, *, model: str | None = None, n_process: int = 1, batch_size: int = 64,
             use_cache: bool = True, stats: AnnotationStats | None = None, progress: bool = True) -> list[Doc]:
    """Docs for ``study.articles['body']``, in the table's order."""
    return parse_texts(study.articles["body"].tolist(), study.config, model=model, n_process=n_process,
                          batch_size=batch_size, use_cache=use_cache, stats=stats, progress=progress)

