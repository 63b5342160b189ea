"""Open a built report in headless Chromium: every page loads, every image shows, no console errors.

``python -m analysis.report.check [REPORT]`` (``make check-report``) opens ``index.html`` and every
notebook page, saves a screenshot of each into ``<report>/screenshots/``, checks that every ``<img>``
loaded (through a small page that opens each report page in a frame and reads the images'
``naturalWidth``) and that the browser console shows no error. Without a Chromium binary it says so
and exits 0, so ``make test`` passes where no browser is installed.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--allow-file-access-from-files",
         "--no-first-run", "--disable-extensions"]
CONSOLE = re.compile(r":CONSOLE[:(]\d*\)?\]?\s*\"?(?P<message>.*?)\"?, source: (?P<source>\S+)")

PROBE = """<!DOCTYPE html><html><head><meta charset='utf-8'></head><body><pre id='result'>pending</pre>
<iframe id='page' style='width:1280px;height:2000px' src='{src}'></iframe>
<script>
const frame = document.getElementById('page');
function report() {{
  let result;
  try {{
    const doc = frame.contentDocument;
    const images = Array.from(doc.images);
    result = {{images: images.length,
              broken: images.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => (i.getAttribute('src') || '').slice(0, 80)),
              title: doc.title}};
  }} catch (e) {{ result = {{error: String(e)}}; }}
  document.getElementById('result').textContent = JSON.stringify(result);
}}
frame.addEventListener('load', () => setTimeout(report, 1500));
</script></body></html>"""


@dataclass
class PageCheck:
    page: str
    images: int = 0
    broken: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    screenshot: str = ""

    @property
    def ok(self) -> bool:
        return not self.broken and not self.errors


def find_browser() -> str | None:
    """The Chromium binary: ``$CHROMIUM`` or the first of the usual names on PATH."""
    if os.environ.get("CHROMIUM"):
        return os.environ["CHROMIUM"]
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


def _run(browser: str, args: list[str], timeout: float = 90) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory(prefix="news-workbook-chromium-") as profile:
        return subprocess.run([browser, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True,
                              text=True, timeout=timeout)


def check_page(browser: str, page: Path, shots: Path) -> PageCheck:
    """Screenshot one page, list its console messages, and count its images that did not load."""
    result = PageCheck(page=page.name)
    url = page.resolve().as_uri()
    shot = shots / f"{page.stem}.png"
    run = _run(browser, ["--enable-logging=stderr", "--v=0", "--virtual-time-budget=8000",
                         "--window-size=1280,2400", f"--screenshot={shot}", url])
    result.screenshot = shot.name if shot.exists() else ""
    for line in run.stderr.splitlines():
        if (match := CONSOLE.search(line)) and match["source"].startswith("file:"):
            message = match["message"]
            result.console.append(message)
            # headless Chromium logs every console level alike: any message from the page counts
            result.errors.append(f"console: {message}")
    with tempfile.TemporaryDirectory(prefix="news-workbook-probe-", dir=page.parent) as folder:
        probe = Path(folder) / "probe.html"
        probe.write_text(PROBE.format(src=html.escape("../" + page.name)), encoding="utf-8")
        dom = _run(browser, ["--virtual-time-budget=15000", "--dump-dom", probe.as_uri()]).stdout
    found = re.search(r"<pre id=\"result\">(.*?)</pre>", dom, re.S)
    try:
        data = json.loads(html.unescape(found.group(1))) if found else {"error": "no result from the probe page"}
    except json.JSONDecodeError:
        data = {"error": f"probe did not finish: {found.group(1)[:80] if found else ''}"}
    if "error" in data:
        result.errors.append(f"probe: {data['error']}")
    else:
        result.images, result.broken = data["images"], data["broken"]
        result.errors += [f"image did not load: {src}" for src in result.broken]
    return result


def check_report(report: Path, echo=print) -> list[PageCheck] | None:
    """Check ``index.html`` and every notebook page of ``report``; None when no browser is installed."""
    browser = find_browser()
    if browser is None:
        echo("check-report skipped: no Chromium found (install it, e.g. `apt-get install chromium`, "
             "or set CHROMIUM=/path/to/chrome)")
        return None
    pages = [report / "index.html", *sorted(report.glob("[0-9][0-9]-*.html"))]
    if not pages[0].exists():
        raise FileNotFoundError(f"no index.html in {report}; run `make report` first")
    shots = report / "screenshots"
    shots.mkdir(exist_ok=True)
    results = []
    for page in pages:
        result = check_page(browser, page, shots)
        status = "ok" if result.ok else "FAILED"
        echo(f"{page.name}: {status} - {result.images} images, {len(result.broken)} broken, "
             f"{len(result.console)} console message(s); screenshot screenshots/{result.screenshot}")
        for error in result.errors:
            echo(f"  {error}")
        results.append(result)
    return results


def main(argv: list[str] | None = None) -> int:
    from analysis.paths import DEFAULT_STUDY, REPORTS_DIR
    from analysis.studyfile import load_study_config

    args = sys.argv[1:] if argv is None else argv
    report = Path(args[0]).resolve() if args else REPORTS_DIR / load_study_config(DEFAULT_STUDY).name
    results = check_report(report)
    if results is None:
        return 0
    failed = sum(not r.ok for r in results)
    print(f"check-report: {len(results) - failed} passed, {failed} failed")
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
