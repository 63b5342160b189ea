"""Property-based hardening: arbitrary input never raises anything but the package's documented
errors, never hangs, and never changes a raw file."""

import hashlib
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.corpus import layout, metadata
from analysis.corpus.cleaning import clean_lines
from analysis.corpus.manifest import read_manifest
from analysis.corpus.normalize import split_lines
from analysis.corpus.readers import RawRecord, read_file
from analysis.corpus.study import load_study
from analysis.errors import Problem, StudyError
from analysis.studyfile import parse_study_text
from tests.conftest import MINIMAL_STUDY

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
text_with_breaks = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400).map(
    lambda t: t.replace("|", "\n"))
line_endings = st.sampled_from(["\n", "\r\n", "\r"])


@SETTINGS
@given(content=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".jsonl", ".csv", ".json", ".html",
                                                                  ".parquet"]))
def test_readers_take_any_bytes(tmp_path_factory, content, suffix):
    folder = tmp_path_factory.mktemp("r")
    path = folder / f"a{suffix}"
    path.write_bytes(content)
    for record, problems in read_file(path, path.name):
        assert record is None or isinstance(record, RawRecord)
        assert all(isinstance(p, Problem) for p in problems)
    assert path.read_bytes() == content


@SETTINGS
@given(rows=st.lists(st.lists(st.text(max_size=30), max_size=6), max_size=8), ending=line_endings)
def test_csv_and_jsonl_with_missing_or_extra_fields(tmp_path_factory, rows, ending):
    import csv
    import io
    import json

    folder = tmp_path_factory.mktemp("c")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=ending)
    writer.writerow(["text", "title"])
    writer.writerows(rows)
    (folder / "a.csv").write_text(buffer.getvalue(), encoding="utf-8", newline="")
    (folder / "a.jsonl").write_text(ending.join(json.dumps(dict(zip(["text", "x", "title"], r))) for r in rows))
    for name in ("a.csv", "a.jsonl"):
        results = list(read_file(folder / name, name))
        assert all(r is None or r.text.strip() for r, _ in results)


@SETTINGS
@given(text=text_with_breaks)
def test_cleaner_accounts_for_every_line(text):
    lines = split_lines(text)
    result = clean_lines(lines)
    nonblank = [line for line in lines if line.text]
    verdicts = [(keep, rule) for line, keep, rule in result.lines if line.text]
    assert len(verdicts) == len(nonblank)
    assert all(keep != bool(rule) for keep, rule in verdicts)
    kept = [line.text for line, keep, _ in result.lines if keep]
    assert all(part in result.body or part.rstrip() in result.body for part in kept[:-1])


def test_huge_line_does_not_hang():
    text = "Veldora weighs arms. " * 120_000  # one line of about 2.3 MB
    result = clean_lines(split_lines(text))
    assert result.body.startswith("Veldora weighs arms.")
    assert metadata.find_dates(text[:100_000]) == []


@SETTINGS
@given(text=st.text(max_size=300))
def test_metadata_parsers_take_any_text(text):
    for date, start, end in metadata.find_dates(text):
        assert 0 <= start < end <= len(text)
    metadata.is_timestamp_line(text)
    layout.find_byline(text)
    title, suffix = layout.split_title_suffix(text)
    assert title == text if suffix is None else text.startswith(title) and text.endswith(suffix)
    assert metadata.parse_date_value(text) is None or len(metadata.parse_date_value(text)) == 10


@SETTINGS
@given(text=st.text(alphabet=string.printable + "äöü“”", max_size=500))
def test_study_loader_raises_only_study_error(text):
    try:
        parse_study_text(text)
    except StudyError:
        pass


@pytest.mark.parametrize("text", [
    "[" * 20_000,
    "a: " + "{b: " * 5_000 + "1" + "}" * 5_000,
    "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c, *c]\n",
    "name: x\ntitle: !!python/object/apply:os.system ['true']\ntarget: {proposition: abc}\n",
    "\x00\x01\x02",
])
def test_hostile_study_files(text):
    with pytest.raises(StudyError):
        parse_study_text(text)


@SETTINGS
@given(manifest=st.text(max_size=300), files=st.dictionaries(
    st.sampled_from(["a.txt", "b.jsonl", "c.csv", "d.json", "sub/e.txt"]), st.binary(max_size=300), max_size=4))
def test_load_study_on_arbitrary_content(tmp_path_factory, manifest, files):
    root = tmp_path_factory.mktemp("s")
    (root / "articles" / "sub").mkdir(parents=True)
    (root / "study.yml").write_text(MINIMAL_STUDY)
    (root / "manifest.csv").write_text(manifest)
    for name, content in files.items():
        (root / "articles" / name).write_bytes(content)
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in root.rglob("*") if p.is_file()}
    study = load_study(root)
    read_manifest(root)
    assert set(study.problems.columns) == {"file", "line", "severity", "message"}
    after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in root.rglob("*") if p.is_file()}
    assert before == after
