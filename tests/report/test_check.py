"""make check-report: headless Chromium opens every page; skipped with a clear message without a browser."""

import base64

import pytest

from analysis.report import check

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")


def test_without_a_browser_it_says_so_and_passes(tmp_path, monkeypatch):
    monkeypatch.setattr(check, "find_browser", lambda: None)
    lines = []
    assert check.check_report(tmp_path, echo=lines.append) is None
    assert "skipped: no Chromium found" in lines[0]


@pytest.fixture
def browser():
    found = check.find_browser()
    if found is None:
        pytest.skip("no Chromium on this machine (apt-get install chromium, or set CHROMIUM): browser check not run")
    return found


def test_good_and_broken_pages(tmp_path, browser):
    (tmp_path / "fig.png").write_bytes(PNG)
    (tmp_path / "index.html").write_text("<html><body><img src='fig.png'><img src='data:image/png;base64,"
                                         + base64.b64encode(PNG).decode() + "'></body></html>")
    (tmp_path / "01-bad.html").write_text("<html><body><img src='missing.png'>"
                                          "<script>undefinedFunction()</script></body></html>")
    results = {r.page: r for r in check.check_report(tmp_path, echo=lambda *a: None)}
    assert results["index.html"].ok and results["index.html"].images == 2
    bad = results["01-bad.html"]
    assert not bad.ok and bad.broken == ["missing.png"]
    assert any("undefinedFunction" in e for e in bad.errors)
    assert (tmp_path / "screenshots" / "index.png").stat().st_size > 0
