"""How the notebooks show tables: readable cells in the interactive tables."""


def test_missing_text_shows_as_an_empty_cell_and_numbers_keep_their_type():
    import pandas as pd

    from analysis.report.show import blank_missing_text

    table = pd.DataFrame({"holder": ["Zorvan council", None], "share": [0.5, float("nan")],
                          "note": pd.array(["kept", pd.NA], dtype="string")})
    shown = blank_missing_text(table)
    assert shown["holder"].tolist() == ["Zorvan council", ""] and shown["note"].tolist() == ["kept", ""]
    assert shown["share"].dtype == table["share"].dtype and table["holder"].isna().sum() == 1  # input untouched
