"""Readers: every format, and every kind of bad input becomes a recorded problem, not a crash."""

import json

from analysis.corpus.readers import decode_bytes, looks_binary, read_file


def _read(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return list(read_file(path, name))


def test_txt_is_read_whole(tmp_path):
    [(record, problems)] = _read(tmp_path, "a.txt", "Line one.\nLine two.\n")
    assert record.text == "Line one.\nLine two.\n" and record.record is None and problems == []


def test_html_main_text_is_extracted(tmp_path):
    html = ("<html><head><title>Veldora weighs arms aid</title></head><body><nav>Home | World | Share</nav>"
            "<article><h1>Veldora weighs arms aid</h1><p>Veldoria is considering sending weapons to Dravonia, "
            "officials said on Wednesday after a long meeting in the capital.</p><p>The decision has not "
            "been made, a spokesperson for the presidential office told reporters in Veldora.</p></article>"
            "<footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>")
    [(record, problems)] = _read(tmp_path, "a.html", html)
    assert "considering sending weapons" in record.text
    assert "All rights reserved" not in record.text
    assert record.meta.get("title") == "Veldora weighs arms aid"


def test_jsonl_bad_line_is_a_problem_with_its_line(tmp_path):
    lines = [json.dumps({"text": "First article text.", "title": "One", "date": "2024-11-27"}),
             "{not json", "", json.dumps({"headline": "No text"}),
             json.dumps({"body": "Second article.", "source": "Outlet"})]
    results = _read(tmp_path, "a.jsonl", "\n".join(lines))
    records = [r for r, _ in results if r is not None]
    problems = [p for _, ps in results for p in ps]
    assert [r.text for r in records] == ["First article text.", "Second article."]
    assert records[0].meta == {"title": "One", "published": "2024-11-27"}
    assert records[1].meta == {"outlet": "Outlet"} and records[1].line == 5
    assert [(p.line, p.severity) for p in problems] == [(2, "error"), (4, "error")]
    assert "no text" in problems[1].message


def test_json_list_and_articles_key(tmp_path):
    data = {"articles": [{"text": "A."}, {"content": "B."}, 3]}
    results = _read(tmp_path, "a.json", json.dumps(data))
    assert [r.text for r, _ in results if r] == ["A.", "B."]
    assert any("not an object" in p.message for _, ps in results for p in ps)


def test_invalid_json_names_line(tmp_path):
    results = _read(tmp_path, "a.json", '{\n "text": "x",\n oops\n}')
    [(record, [problem])] = results
    assert record is None and problem.line == 3


def test_csv_rows_with_extra_and_missing_fields(tmp_path):
    content = 'title,text\nOne,"Body one,\nsecond line"\nTwo,Body two,EXTRA\nThree\n'
    results = _read(tmp_path, "a.csv", content)
    records = [r for r, _ in results if r]
    problems = [p for _, ps in results for p in ps]
    assert [r.text for r in records] == ["Body one,\nsecond line", "Body two"]
    assert records[0].line == 3  # the row ends on line 3
    assert any("more fields" in p.message for p in problems)
    assert any("no text" in p.message and p.line == 5 for p in problems)


def test_empty_and_binary_files(tmp_path):
    [(r1, [p1])] = _read(tmp_path, "empty.txt", b"  \n")
    [(r2, [p2])] = _read(tmp_path, "bin.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR")
    assert r1 is None and "empty" in p1.message
    assert r2 is None and "binary" in p2.message


def test_non_utf8_is_decoded_and_recorded(tmp_path):
    [(record, [problem])] = _read(tmp_path, "a.txt", "Line one.\nCaf\xe9 culture.\n".encode("cp1252"))
    assert record.text.endswith("Café culture.\n")
    assert problem.line == 2 and "not valid UTF-8" in problem.message


def test_streamed_jsonl_with_a_bad_encoding_line(tmp_path):
    content = b'{"text": "First one."}\n{"text": "Caf\xe9 two."}\n{"text": "Third."}\n'
    results = _read(tmp_path, "a.jsonl", content)
    records = [r for r, _ in results if r]
    problems = [p for _, ps in results for p in ps]
    assert [r.text for r in records] == ["First one.", "Café two.", "Third."]
    assert [(p.line, "UTF-8" in p.message) for p in problems] == [(2, True)]


def test_parquet_records(tmp_path):
    import pandas as pd

    pd.DataFrame({"text": ["Body one.", "", "Body three."], "title": ["A", "B", "C"]}).to_parquet(tmp_path / "a.parquet")
    results = list(read_file(tmp_path / "a.parquet", "a.parquet"))
    assert [r.text for r, _ in results if r] == ["Body one.", "Body three."]
    assert any("no text" in p.message for _, ps in results for p in ps)
    (tmp_path / "bad.parquet").write_bytes(b"PAR1 not really")
    [(record, [problem])] = list(read_file(tmp_path / "bad.parquet", "bad.parquet"))
    assert record is None and "Parquet" in problem.message


def test_decode_strips_bom():
    assert decode_bytes("\ufeffHello".encode("utf-8"), "x")[0] == "Hello"


def test_looks_binary():
    assert looks_binary(b"abc\x00def") and not looks_binary(b"plain text\n")


def test_html_page_metadata_from_markup():
    from analysis.corpus.readers import html_page_metadata

    ld = ('{"@context":"https://schema.org","@type":"NewsArticle","headline":"Harbour reopens: what it means",'
          '"author":{"@type":"Person","name":"Mira Tallow"},"publisher":{"@type":"Organization","name":"Quill Post"}}')
    page = (f'<html><head><title>Harbour reopens | Quill Post</title><script type="application/ld+json">{ld}</script>'
            '</head><body><h1>Harbour reopens: what it means</h1><p>Text.</p></body></html>')
    assert html_page_metadata(page) == {"outlet": "Quill Post", "title": "Harbour reopens: what it means",
                                        "author": "Mira Tallow"}
    plain = ('<html><head><meta property="og:site_name" content="Brindle Daily"><title>Ferry service is back | Brindle Daily'
             '</title></head><body><div class="byline"><span class="author">By Oren Pask</span> <time>Friday</time>'
             '</div><div class="comment-author">troll99</div></body></html>')
    assert html_page_metadata(plain) == {"outlet": "Brindle Daily", "title": "Ferry service is back", "author": "Oren Pask"}
