import math

import pandas as pd

from analysis.frames import iter_rows


def _same(a, b) -> bool:
    return a == b or (isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b))


def test_iter_rows_yields_what_itertuples_yields_for_strings_numbers_and_gaps():
    frame = pd.DataFrame({"article_id": ["a", None, "c"], "sentence_id": [0, 3, 7],
                          "score": [0.5, None, 2.0], "note": pd.Series(["x", None, 1], dtype=object)})
    columns = ["article_id", "sentence_id", "score", "note"]
    expected = list(frame[columns].itertuples(index=False, name=None))
    got = list(iter_rows(frame, columns))
    assert len(got) == len(expected) == 3
    for got_row, expected_row in zip(got, expected):
        assert all(_same(a, b) and type(a) is type(b) for a, b in zip(got_row, expected_row))


def test_iter_rows_of_an_empty_frame_is_empty():
    assert list(iter_rows(pd.DataFrame(columns=["a", "b"]), ["a", "b"])) == []
