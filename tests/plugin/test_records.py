"""The lrcheck payload of a test report: what xdist ships to the controller, and back."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from pytest_lrcheck.plugin.fit_patch import WatchedSymptom
from pytest_lrcheck.plugin.fixture import CheckRecord
from pytest_lrcheck.plugin.records import REPORT_ATTRIBUTE, Payload


def test_payload_survives_json_as_xdist_ships_it() -> None:
    payload = Payload(
        fits=2,
        symptoms=(WatchedSymptom("LRC502", "diverging-loss", "loss rose 40x"),),
        checks=(CheckRecord("check", "unhealthy", 1.25, "training unhealthy: LRC502 ..."),),
        plots=("plots/test_x.png",),
        plots_unavailable=True,
    )
    shipped = json.loads(json.dumps(payload.to_json()))
    assert Payload.from_report(SimpleNamespace(**{REPORT_ATTRIBUTE: shipped})) == payload


def test_an_empty_payload_is_false_and_carries_nothing() -> None:
    assert not Payload()
    assert Payload().to_json() == {}
    assert Payload(checks=(CheckRecord("lr_range", "range test", 0.5),))


@pytest.mark.parametrize(
    "attribute", [None, "text", {"fits": "many"}, {"checks": [[1, 2]]}, {"watch": 3}]
)
def test_a_foreign_or_broken_attribute_is_ignored(attribute: object) -> None:
    assert Payload.from_report(SimpleNamespace(**{REPORT_ATTRIBUTE: attribute})) is None
