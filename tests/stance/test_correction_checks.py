"""Issue 16.8: a correction naming an unknown article or a missing sentence_id is reported, not ignored."""

import pandas as pd
import pytest

from analysis.errors import StudyError
from analysis.stance.corrections import apply_corrections


def _evidence():
    return pd.DataFrame([{"article_id": "a", "file": "a.txt", "actor": "a_gov", "sentence_id": 1,
                          "stance": "favor", "cue": "send", "negated": False, "hedged": False, "past": False}])


def test_wrong_row_with_a_sentence_id_that_does_not_exist_is_an_error():
    corrections = pd.DataFrame([{"article": "a.txt", "actor": "a_gov", "stance": "wrong", "sentence_id": 7,
                                 "note": "", "line": 2}])
    with pytest.raises(StudyError, match="sentence 7") as exc:
        apply_corrections(_evidence(), corrections)
    assert exc.value.line == 2


def test_unknown_article_in_a_partitioned_store_is_named(make_study, tmp_path):
    from analysis.scale.engine import unknown_correction_articles
    from analysis.scale.store import mark_done, write_partition

    root = make_study({"a.txt": "Alpha.\n"})
    (root / "corrections.csv").write_text("article,actor,stance,sentence_id\na.txt,a_gov,favor,\nzzz.txt,a_gov,favor,\n")
    store = tmp_path / "store"
    write_partition(store, "articles", 0, pd.DataFrame({"article_id": ["a"], "file": ["a.txt"]}))
    mark_done(store, 0, {})
    assert unknown_correction_articles(root, store) == [(3, "zzz.txt")]
