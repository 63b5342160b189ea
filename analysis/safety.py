"""Guards for output folders: never write over the study, never delete a folder that is not ours.

Every report folder and store the package creates holds a marker file (``MARKER``); a folder is
replaced or removed only when it carries the marker (or is empty / absent).
"""

from __future__ import annotations

import os
from pathlib import Path

from analysis.errors import StudyError

MARKER = ".news-workbook-output"
# Files that identify folders written before the marker existed.
_LEGACY = {"report": ("index.html", "run.json"), "store": ("_run.json",)}


def _real(path: str | os.PathLike) -> Path:
    return Path(os.path.realpath(Path(path).expanduser()))


def check_output_outside_study(out: str | os.PathLike, study_dir: str | os.PathLike, *, what: str = "output") -> None:
    """Refuse an output folder that is, contains, or sits inside the study folder (articles included).

    Raises:
        StudyError: naming both folders; nothing has been written or deleted.
    """
    o, s = _real(out), _real(study_dir)
    if o == s or s in o.parents or o in s.parents:
        relation = "is" if o == s else ("is inside" if s in o.parents else "contains")
        raise StudyError(f"the {what} folder {o} {relation} the study folder {s}; "
                         "choose an output folder outside the study (nothing was written or deleted)")


def is_ours(folder: Path, kind: str = "report") -> bool:
    """True when ``folder`` is absent, empty, or a folder this package made (marker or legacy files)."""
    folder = Path(folder)
    if not folder.exists():
        return True
    if not folder.is_dir():
        return False
    if (folder / MARKER).is_file():
        return True
    try:
        if not any(folder.iterdir()):
            return True
    except OSError:
        return False
    return all((folder / name).exists() for name in _LEGACY.get(kind, ())) and bool(_LEGACY.get(kind))


def check_ours(folder: Path, kind: str = "report") -> None:
    """Refuse to replace or remove ``folder`` unless this package made it.

    Raises:
        StudyError: the folder exists and carries no marker.
    """
    if not is_ours(folder, kind):
        raise StudyError(f"{folder} exists and is not a {kind} folder made by news-workbook (no {MARKER} file); "
                         "refusing to replace or delete it: choose another --out or remove it yourself",
                         file=str(folder))


def write_marker(folder: Path, kind: str = "report") -> None:
    """Mark ``folder`` as made by this package."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    marker = folder / MARKER
    if not marker.exists():
        marker.write_text(f"news-workbook {kind}\n", encoding="utf-8")
