"""spaCy's worker processes (``n_process``) die with a killed parent (issue 16.9)."""

import os
import signal
import subprocess
import sys
import time

import psutil
import pytest

pytestmark = [pytest.mark.model,
              pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux-only")]

PARENT = """
from analysis.corpus import load_study
from analysis.nlp import parse_texts
study = load_study(None)
texts = [f"{body} Copy {i}." for i in range(400) for body in study.articles["body"]]
print("parsing", flush=True)
parse_texts(texts, study.config, n_process=2, use_cache=False, progress=False)
"""


def test_spacy_workers_die_with_a_killed_parent():
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    parent = subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True, env=env)
    children = []
    try:
        assert parent.stdout.readline().strip() == "parsing"
        deadline = time.time() + 60
        while time.time() < deadline and len(children) < 2:
            children = psutil.Process(parent.pid).children()
            time.sleep(0.2)
        assert len(children) >= 2
    finally:
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
    gone, alive = psutil.wait_procs(children, timeout=15)
    for process in alive:
        process.kill()
    assert not alive
