"""Shared fixtures: tiny studies built in a temporary folder."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from analysis.paths import DEFAULT_STUDY

MINIMAL_STUDY = textwrap.dedent("""\
    name: tiny
    title: A tiny study
    target:
      proposition: Country A supplies weapons to Country B
      topic_cues: [weapon, arms]
    actors:
      - {id: a_gov, label: Government of A, members: [Alpha, Alphaville]}
      - {id: b_gov, label: Government of B, members: [Beta]}
    entities:
      - {canonical: Alpha, type: GPE, actor: a_gov, aliases: [Republic of Alpha]}
    factors:
      - {id: opinion, label: Public opinion, direction: away}
    quantities:
      - {id: troops, label: Troops, unit: count}
    """)


def _hash_tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def make_study(tmp_path):
    """Build a study folder: ``make_study({"a.txt": "text"}, manifest=..., study=...)``."""

    def build(files: dict[str, str | bytes], *, manifest: str | None = None,
              study: str = MINIMAL_STUDY, name: str = "study") -> Path:
        root = tmp_path / name
        (root / "articles").mkdir(parents=True)
        (root / "study.yml").write_text(study, encoding="utf-8")
        for rel, content in files.items():
            path = root / "articles" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        if manifest is not None:
            (root / "manifest.csv").write_text(manifest, encoding="utf-8")
        return root

    return build


@pytest.fixture
def snapshot():
    """Return a function taking a folder and giving {path: bytes} to compare before/after."""
    return _hash_tree


@pytest.fixture(scope="session")
def embedded_study():
    from analysis.corpus.study import load_study

    return load_study(DEFAULT_STUDY)
