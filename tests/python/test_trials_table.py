"""The clinical trial table as data (scenarios/trials/trials.toml, docs/cohorts.md): it loads,
every row names a source that is a key of docs/references.md, every cohort it names is a
valid cohort file of its row's scenario, and the comparison flags non-overlapping intervals
and only those."""

import os
import subprocess
from pathlib import Path

import pytest

from mscsim_analysis import trials_table

BINARY = os.environ.get("MSCSIM_BINARY")
ROOT = Path(os.environ.get("MSCSIM_SOURCE_DIR", Path(__file__).resolve().parents[2]))
TABLE = ROOT / "scenarios" / "trials" / "trials.toml"
REFERENCES = ROOT / "docs" / "references.md"


def rows():
    return trials_table.load(TABLE, REFERENCES)


def test_the_table_loads_and_every_source_is_a_reference_key():
    table = rows()
    keys = trials_table.reference_keys(REFERENCES)
    assert len(table) >= 30
    assert all(r["source"] in keys for r in table)
    # The results the disease scenarios are built from are all there, with their counts.
    by_key = {r["key"]: r for r in table}
    assert (by_key["agvhd_le_blanc_2008"]["responders"], by_key["agvhd_le_blanc_2008"]["evaluated"]) == (39, 55)
    assert (by_key["crohns_fistula_panes_2016"]["control_responders"], by_key["crohns_fistula_panes_2016"]["control_evaluated"]) == (36, 105)
    assert {r["source"] for r in table} >= {"Le Blanc 2008", "Molendijk 2015", "Panes 2016", "Forbes 2014", "Wang 2012",
                                            "Wang 2013", "Liang 2012", "Karussis 2010", "Peng 2013", "Li 2016", "Shi 2012",
                                            "Granel 2015", "Polchert 2008"}


def test_a_row_with_an_unknown_source_or_inconsistent_counts_is_refused(tmp_path):
    text = TABLE.read_text()
    bad_source = tmp_path / "trials.toml"
    bad_source.write_text(text.replace('source = "Le Blanc 2008"', 'source = "Le Blanc 2009"', 1)
                          .replace('"../', f'"{TABLE.parent}/../'))
    with pytest.raises(trials_table.TrialTableError, match="Le Blanc 2009"):
        trials_table.load(bad_source, REFERENCES)
    bad_counts = tmp_path / "counts.toml"
    bad_counts.write_text(text.replace("responders = 39", "responders = 56", 1).replace('"../', f'"{TABLE.parent}/../'))
    with pytest.raises(trials_table.TrialTableError, match="0 <= k <= n"):
        trials_table.load(bad_counts, REFERENCES)


def report(k_treated, k_untreated, n=40):
    from mscsim_analysis.cohort import clopper_pearson
    arms = {}
    for arm, k in (("treated", k_treated), ("untreated", k_untreated)):
        lo, hi = clopper_pearson(k, n)
        arms[arm] = {"responders": k, "patients": n, "rate": k / n, "ci_low": lo, "ci_high": hi}
    return {"arms": arms}


def test_comparison_flags_only_intervals_that_do_not_overlap():
    row = {"key": "x", "source": "Panes 2016", "criterion": "c", "responders": 53, "evaluated": 107,
           "control_responders": 36, "control_evaluated": 105}
    # Trial 50 % [40, 59], control 34 % [25, 44].
    assert trials_table.compare(row, report(20, 14))["verdict"] == "agrees, agrees"
    assert trials_table.compare(row, report(2, 14))["verdict"] == "DISAGREES (treated), agrees"
    assert trials_table.compare(row, report(20, 38))["verdict"] == "agrees, DISAGREES (control)"
    uncontrolled = {k: v for k, v in row.items() if not k.startswith("control_")}
    assert trials_table.compare(uncontrolled, report(0, 0))["verdict"] == "DISAGREES (treated)"


@pytest.mark.skipif(not BINARY, reason="MSCSIM_BINARY not set")
def test_every_cohort_of_the_table_is_a_valid_cohort_of_its_rows_scenario():
    cohorts = {}
    for r in rows():
        if r["cohort"]:
            cohorts.setdefault((TABLE.parent / r["cohort"]).resolve(), set()).add((TABLE.parent / r["scenario"]).resolve())
    assert len(cohorts) >= 8
    for cohort, scenarios in cohorts.items():
        result = subprocess.run([BINARY, "cohort", str(cohort), "--check"], capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, (cohort, result.stderr)
        assert "patients" in result.stdout
        base = next(line for line in cohort.read_text().splitlines() if line.startswith("base = "))
        assert {(cohort.parent / base.split('"')[1]).resolve()} == scenarios, cohort
