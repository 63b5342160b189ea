"""Every lexicon or pattern file in analysis/resources has a row in its README (what, source)."""

from analysis.resources import RESOURCES_DIR


def test_every_resource_file_has_a_readme_row():
    readme = (RESOURCES_DIR / "README.md").read_text(encoding="utf-8")
    files = [p.relative_to(RESOURCES_DIR).as_posix() for p in RESOURCES_DIR.rglob("*")
             if p.suffix in (".txt", ".csv", ".yml", ".yaml")]
    assert files
    assert [f for f in files if f"| `{f}` |" not in readme] == []
