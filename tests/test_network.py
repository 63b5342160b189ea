"""Nothing reaches the network at run time: load, annotate, export and one notebook run with every
non-local connection refused (a sitecustomize guard loaded by each Python process)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.model
GUARD = Path(__file__).parent / "support"


def _run(args, tmp_path):
    env = {**os.environ, "PYTHONPATH": f"{GUARD}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
           "NEWS_WORKBOOK_CACHE": str(tmp_path / "cache")}
    return subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True, timeout=600)


def test_guard_blocks_the_network(tmp_path):
    probe = _run(["-c", "import socket; socket.create_connection(('example.org', 80), timeout=2)"], tmp_path)
    assert probe.returncode != 0 and "network access blocked" in probe.stderr


def test_load_annotate_export_and_a_notebook_offline(tmp_path):
    export = _run(["-m", "analysis", "export", "--out", str(tmp_path / "tables")], tmp_path)
    assert export.returncode == 0, export.stderr
    assert (tmp_path / "tables" / "stance_evidence.csv").exists()
    report = _run(["-m", "analysis", "run", "--only", "01", "--out", str(tmp_path / "report")], tmp_path)
    assert report.returncode == 0, report.stderr
    assert (tmp_path / "report" / "01-corpus.html").exists()
