"""Issue 16.9: what a killed run leaves beside a report folder is cleaned or recovered at the next start."""

import os
import subprocess
import sys

from analysis.atomic import atomic_dir, recover_dir


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_stale_temporary_folders_are_removed_at_the_next_start(tmp_path):
    target = tmp_path / "report"
    legacy = tmp_path / ".report.k2j4_x9q"          # left by a killed run of an older version
    dead = tmp_path / f".report.{_dead_pid()}.abc123"  # left by a killed run
    alive = tmp_path / f".report.{os.getpid()}.zzz"  # being built right now by a live process
    for folder in (legacy, dead, alive):
        folder.mkdir()
        (folder / "index.html").write_text("partial")
    with atomic_dir(target) as work:
        (work / "index.html").write_text("new")
    assert not legacy.exists() and not dead.exists()
    assert alive.exists()
    assert (target / "index.html").read_text() == "new"
    assert {p.name for p in tmp_path.iterdir()} == {alive.name, "report"}


def test_kill_during_the_swap_is_recovered(tmp_path):
    target = tmp_path / "report"
    old = tmp_path / ".report.old"
    old.mkdir()
    (old / "index.html").write_text("previous good report")
    recover_dir(target)
    assert (target / "index.html").read_text() == "previous good report"
    assert not old.exists()
