"""Issue 16: random bytes, encodings and file names thrown at load_study: it never raises, never
modifies the study folder, and every input it skips is a listed problem."""

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.corpus.study import load_study
from tests.conftest import MINIMAL_STUDY

SUFFIXES = [".txt", ".jsonl", ".csv", ".json", ".html", ".parquet", ".md", ""]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "latin-1", "cp1252"]

names = st.tuples(
    st.sampled_from(["", ".", "_"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/\\"),
            min_size=1, max_size=12),
    st.sampled_from(SUFFIXES),
    st.booleans(),  # a non-UTF-8 byte in the name
).map(lambda t: (t[0] + t[1] + t[2]).encode("utf-8") if not t[3] else (t[0] + t[1]).encode() + b"\xe9" + t[2].encode())

encoded_text = st.tuples(st.text(max_size=300), st.sampled_from(ENCODINGS)).map(
    lambda t: t[0].encode(t[1], "replace"))
contents = st.one_of(st.binary(max_size=400), encoded_text,
                     st.text(max_size=200).map(lambda t: ('{"text": %r}\n' % t).encode("utf-8", "replace")))


def _snapshot(root):
    out = {}
    for dirpath, _, files in os.walk(os.fsencode(root)):
        for f in files:
            p = os.path.join(dirpath, f)
            with open(p, "rb") as fh:
                out[p] = (fh.read(), os.stat(p).st_mtime_ns)
    return out


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=st.lists(st.tuples(names, contents), min_size=1, max_size=6, unique_by=lambda f: f[0]))
def test_load_study_never_raises_never_writes_and_lists_what_it_skips(tmp_path_factory, files):
    root = tmp_path_factory.mktemp("prop")
    (root / "study.yml").write_text(MINIMAL_STUDY, encoding="utf-8")
    articles = os.fsencode(root / "articles")
    os.mkdir(articles)
    for name, content in files:
        with open(os.path.join(articles, name), "wb") as fh:
            fh.write(content)
    before = _snapshot(root)
    study = load_study(root)
    assert _snapshot(root) == before
    loaded = set(study.articles["file"])
    listed = set(study.problems["file"])
    for name, _ in files:
        shown = name.decode("utf-8", "replace")
        assert shown in loaded or f"articles/{shown}" in listed, (shown, study.problems.to_dict("records"))
