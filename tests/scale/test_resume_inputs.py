"""Issue 16.3: resuming a store after the study's inputs changed is refused, naming what changed."""

import pytest

from analysis.errors import StudyError
from analysis.scale.engine import _check_run, _run_identity


def test_resume_after_inputs_changed_is_refused(make_study, tmp_path):
    root = make_study({"a.txt": "Alpha said so.\n", "b.txt": "Beta said so.\n"},
                      manifest="file,outlet\na.txt,Daily\n")
    store = tmp_path / "store"
    _check_run(store, _run_identity(root, 500, None), fresh=False)
    _check_run(store, _run_identity(root, 500, None), fresh=False)  # nothing changed: resumes

    (root / "articles" / "a.txt").write_text("Alpha said something else entirely.\n")
    (root / "articles" / "c.txt").write_text("Gamma is new.\n")
    (root / "corrections.csv").write_text("article,actor,stance,sentence_id,note\n")
    with pytest.raises(StudyError) as exc:
        _check_run(store, _run_identity(root, 500, None), fresh=False)
    message = str(exc.value)
    assert "articles/a.txt" in message and "articles/c.txt" in message and "corrections.csv" in message
    assert "--fresh" in message

    (root / "manifest.csv").unlink()
    with pytest.raises(StudyError, match="removed: manifest.csv"):
        _check_run(store, _run_identity(root, 500, None), fresh=False)
    _check_run(store, _run_identity(root, 500, None), fresh=True)  # --fresh starts over
