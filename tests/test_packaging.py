"""Set-up files agree with each other."""

import re
import tomllib

import yaml

from analysis.paths import PROJECT_ROOT


def _pyproject_pins():
    data = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())
    specs = data["project"]["dependencies"] + data["project"]["optional-dependencies"]["test"]
    return {re.split("==", s)[0].lower().replace("_", "-"): s.split("==")[1] for s in specs}


def test_everything_is_pinned():
    data = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())
    for spec in data["project"]["dependencies"] + data["project"]["optional-dependencies"]["test"]:
        assert "==" in spec, spec


def test_environment_yml_lists_the_same_dependencies():
    env = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text())
    conda, pip = {}, []
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            pip += dep["pip"]
        elif "=" in dep and not dep.startswith("python="):
            name, version = dep.split("=")
            conda[name.lower()] = version
    pip_pins = {s.split("==")[0].lower(): s.split("==")[1] for s in pip if "==" in s}
    assert {**conda, **pip_pins} == _pyproject_pins()
    assert "-e .[test]" in pip


def test_ci_runs_the_readme_test_command():
    assert "make test" in (PROJECT_ROOT / ".ci" / "run").read_text()
    readme = (PROJECT_ROOT / "README.md").read_text()
    assert "make test" in readme and "make report" in readme


def test_lxml_html_clean_is_declared_pinned_and_installed():
    """Issue 16.6: trafilatura needs lxml_html_clean; it is declared explicitly, in both files."""
    from importlib.metadata import version

    pins = _pyproject_pins()
    assert pins.get("lxml-html-clean") == version("lxml_html_clean")
    env = (PROJECT_ROOT / "environment.yml").read_text()
    assert f"lxml-html-clean={version('lxml_html_clean')}" in env
