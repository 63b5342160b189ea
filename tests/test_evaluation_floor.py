"""Floors under the accuracy figures of `make evaluate`: no figure may regress silently.

The floors sit just under the figures measured when they were set (README, "Accuracy"), on the four
development studies of ../shared/devset (micro-averaged, and per study where the issue asks that
no study lags far behind) and on the embedded study. Raise a floor when a figure rises for good.
"""

import pytest

from analysis.evaluation_run import default_studies, evaluate, is_embedded

pytestmark = pytest.mark.model

# measure -> (path into a study's figures, development micro floor)
FLOORS = {
    "body both ends": (("body", "both"), 0.95),
    "stated dates found": (("dates", "share"), 0.95),
    "PERSON+GPE F1": (("entities_person_gpe", "f1"), 0.96),
    "ORG F1": (("entities_org", "f1"), 0.96),
    "stance triples F1": (("stance_triples", "f1"), 0.92),
    "factors F1": (("factors", "f1"), 0.92),
    "factor direction": (("factors", "direction_accuracy"), 0.89),
    "quantities F1": (("quantities", "f1"), 0.91),
    "outlet found": (("outlet", "share"), 0.97),
    "title exact": (("title", "share"), 0.97),
    "author found": (("author", "share"), 0.97),
}
# no single development study more than this below its floor
STUDY_SLACK = 0.15


def _value(figures: dict, path: tuple[str, str]) -> float:
    return figures[path[0]][path[1]]


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    studies = default_studies()
    if not any(not is_embedded(p) for p in studies):
        pytest.skip("no development studies (../shared/devset) beside the project")
    _, scores = evaluate(studies, tmp_path_factory.mktemp("evaluation"))
    return scores


@pytest.mark.parametrize("measure", sorted(FLOORS))
def test_development_figures_stay_above_their_floors(scores, measure):
    path, floor = FLOORS[measure]
    assert _value(scores["micro"]["dev"], path) >= floor
    for name, figures in scores["studies"].items():
        if name != "umerov-seoul-2024":
            assert _value(figures, path) >= floor - STUDY_SLACK, name


def test_no_dates_invented_and_no_entity_split(scores):
    dev = scores["micro"]["dev"]
    assert dev["dates"]["invented"] == 0
    assert dev["outlet"]["invented"] == 0 and dev["author"]["invented"] == 0
    assert dev["entities_counts"]["splits"] == 0


def test_embedded_study_stays_at_or_above_095(scores):
    embedded = scores["micro"]["embedded"]
    for measure, (path, _) in FLOORS.items():
        if path[0] in embedded and measure != "stated dates found":
            assert _value(embedded, path) >= 0.95, measure
