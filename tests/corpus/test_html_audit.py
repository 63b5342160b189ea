"""HTML pages (issue 14): the extractor audit, htmldate and standfirst markup, on small invented pages."""

from analysis.corpus.readers import (
    extractor_removed,
    html_publication_date,
    html_standfirsts,
    html_to_text,
    read_file,
)

P1 = ("The harbour council of Varnholm voted on Tuesday to extend the northern quay by two hundred metres, "
      "ending a dispute that had lasted for most of the decade.")
P2 = ("Ferry operators welcomed the vote, while a group of residents said they would ask the regional court "
      "to review the permit before any work begins.")
P3 = ("The regional harbour office said construction could start in the autumn if the court does not "
      "suspend the permit, and that the quay would be finished within three years.")


def page(head="", header="", footer=""):
    return (f"<html><head><title>Varnholm extends its quay | The Varnholm Ledger</title>{head}</head><body>"
            "<nav><a href='/'>Front page</a> <a href='/ports'>Ports desk</a></nav>"
            f"<article><header><h1>Varnholm extends its quay</h1>{header}</header>"
            f"<div class='story-body'><p>{P1}</p><p>{P2}</p><p>{P3}</p></div></article>"
            f"<footer>{footer}<p>Ledger Media Group, harbour road 4</p></footer></body></html>")


def _read(tmp_path, html):
    path = tmp_path / "a.html"
    path.write_text(html, encoding="utf-8")
    [(record, problems)] = list(read_file(path, "a.html"))
    return record


def test_extractor_audit_lists_the_blocks_the_extractor_dropped():
    html = page(footer="<p>Ledger newsletter for harbour watchers</p>")

    text, meta = html_to_text(html)
    assert P1 in text and P3 in text
    dropped = meta["extractor_removed"]
    assert "Ports desk" in dropped and "Ledger Media Group, harbour road 4" in dropped
    assert not any(chunk in (P1, P2, P3) for chunk in dropped)
    assert extractor_removed("<html><body><p>Only kept text here.</p></body></html>", "Only kept text here.") == []


def test_htmldate_reads_the_published_time_and_never_guesses(tmp_path):
    dated = page(head="<meta property='article:published_time' content='2021-04-06T08:00:00+02:00'>")
    assert html_publication_date(dated) == "2021-04-06"
    assert _read(tmp_path, dated).meta["published"] == "2021-04-06"
    # a date written only in the running text is not page metadata: htmldate gives none
    undated = page().replace("on Tuesday", "on 9 May 2020")
    assert html_publication_date(undated) is None
    assert "published" not in _read(tmp_path, undated).meta


def test_standfirst_elements_are_found_by_class_id_or_itemprop():
    summary = "The quay grows by two hundred metres after a decade of dispute."
    for attr in ("class='standfirst'", "class='article-dek'", "id='subtitle'", "itemprop='description'"):
        html = page(header=f"<p {attr}>{summary}</p>")
        assert html_standfirsts(html) == [summary], attr
    assert html_standfirsts(page(header="<p class='kicker'>Ports</p>")) == []


def test_html_standfirst_is_removed_from_the_body(tmp_path):
    from analysis.corpus.cleaning import clean_lines
    from analysis.corpus.normalize import split_lines

    summary = "The quay grows by two hundred metres after a decade of dispute in the town."
    record = _read(tmp_path, page(header=f"<p class='standfirst'>{summary}</p>"))
    assert summary in record.text
    cleaned = clean_lines(split_lines(record.text), standfirsts=record.meta.get("standfirst", ()))
    assert cleaned.body.startswith(P1)
    assert {line.text: rule for line, keep, rule in cleaned.lines if rule}[summary] == "standfirst"


def test_every_line_that_did_not_reach_the_body_is_in_removed_lines_with_a_rule(tmp_path):
    from analysis.corpus.study import build_article

    summary = "The quay grows by two hundred metres after a decade of dispute in the town."
    html = page(header=f"<p class='standfirst'>{summary}</p>").replace(P3, P3 + " (Ledger Harbour Desk)")
    record = _read(tmp_path, html)
    problems = []
    row, line_rows = build_article(record, "a", {}, problems)
    assert row["body"].startswith(P1) and row["body"].endswith(P3)
    for r in line_rows:
        assert r["kept"] or r["rule"], r["text"]
    rules = {r["text"]: r["rule"] for r in line_rows if not r["kept"]}
    assert rules[summary] == "standfirst"
    assert rules["(Ledger Harbour Desk)"] == "end_signature"
    assert rules["Ports desk"] == "extractor"
    kept = " ".join(r["text"] for r in line_rows if r["kept"])
    assert P1 in kept and P2 in kept
