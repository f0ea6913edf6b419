"""% suppression of T proliferation in the MLR against the matched no-MSC control
(analysis/mscsim_analysis/suppression.py), run through the binary."""

import math
import os

import pytest

from mscsim_analysis.suppression import percent_suppression, suppression_series

BINARY = os.environ.get("MSCSIM_BINARY")


def test_percent_suppression_formula():
    assert percent_suppression(0.25, 1.0) == pytest.approx(75.0)
    assert percent_suppression(1.0, 1.0) == 0.0
    assert math.isnan(percent_suppression(0.5, 0.0))


def test_many_mscs_suppress_and_a_single_one_does_not():
    if not BINARY:
        pytest.skip("MSCSIM_BINARY is not set (run through ctest)")
    # A shortened MLR (4 days) on one seed: 1 MSC (1:1000) versus 500 MSCs (1:2).
    rows = suppression_series(BINARY, msc_counts=(1, 500), seeds=(7,), extra_sets=("run.duration_h=96",))
    by_count = {r.msc_count: r for r in rows}
    assert by_count[1].control_divisions["all"] > 0
    assert by_count[1].control_divisions == by_count[500].control_divisions  # one matched control per seed
    assert by_count[500].suppression() > 40.0
    assert by_count[1].suppression() < 25.0
