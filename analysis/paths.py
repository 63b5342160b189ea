"""Where things live: every path the package uses is resolved here, never relative to a notebook."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent
RESOURCES_DIR = PACKAGE_DIR / "resources"
DATA_DIR = PROJECT_ROOT / "data"
DEFAULT_STUDY = DATA_DIR / "umerov-seoul-2024"
REPORTS_DIR = PROJECT_ROOT / "reports"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"


def resolve_study_dir(study_dir: str | os.PathLike | None) -> Path:
    """Return the absolute study folder; None or "" means the embedded study.

    A relative path is tried against the working directory first, then the project root, so the
    same notebook parameter works from JupyterLab, papermill and any working directory.
    """
    if not study_dir:
        return DEFAULT_STUDY
    path = Path(study_dir).expanduser()
    if path.is_absolute():
        return path
    if path.exists():
        return path.resolve()
    return (PROJECT_ROOT / path).resolve()


def cache_dir() -> Path:
    """Folder for derived caches (annotations); outside data/, overridable by NEWS_WORKBOOK_CACHE."""
    env = os.environ.get("NEWS_WORKBOOK_CACHE")
    return Path(env) if env else PROJECT_ROOT / ".cache"


def resolve_output_dir(output_dir: str | os.PathLike) -> Path:
    """Absolute output folder; a relative path is taken against the project root (not the notebook)."""
    path = Path(output_dir).expanduser()
    return path if path.is_absolute() else (PROJECT_ROOT / path).resolve()
