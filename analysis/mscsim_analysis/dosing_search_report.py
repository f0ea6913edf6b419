"""Tables, figures and the HTML page of a regimen search (scripts/optimize-regimen)."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from . import report_html  # noqa: E402
from .dosing_search import describe, overrides  # noqa: E402
from .dosing_sweep import replicate_values  # noqa: E402
from .dosing_window import HARM_PROXIES, jsonable  # noqa: E402
from .report_html import Page, Picture  # noqa: E402
from .sweep_stats import t_interval  # noqa: E402
from .vocabulary import OKABE_ITO  # noqa: E402

DPI = 100
BIAS_NOTE = ("The search's best objective is optimistically biased: among N noisy trials the one that looks best "
             "was selected partly for its lucky noise (winner's curse). The re-evaluation runs the top regimens "
             "again with more replicates and fresh seeds (sweep seed + 1); trust those numbers, not the search's.")


def trials_table(trials: list) -> pd.DataFrame:
    rows = []
    for t in trials:
        ci = t_interval(t.diffs)
        rows.append({"trial": t.number, "regimen": describe(t.params), "objective_diff_mean": t.objective,
                     "ci_low": ci["ci_low"], "ci_high": ci["ci_high"], "n": ci["n"],
                     **{f"param:{k}": v for k, v in t.params.items()}})
    return pd.DataFrame(rows)


def history_figure(trials: list, sign: int, endpoint: str):
    fig, ax = plt.subplots(figsize=(9.0, 5.0), dpi=DPI)
    numbers = np.array([t.number for t in trials])
    table = trials_table(trials)
    mean = table["objective_diff_mean"].to_numpy(dtype=float)
    low, high = table["ci_low"].to_numpy(dtype=float), table["ci_high"].to_numpy(dtype=float)
    ax.errorbar(numbers, mean, yerr=[mean - low, high - mean], fmt="o", color=OKABE_ITO["blue"], capsize=3,
                label="trial: mean paired difference, 95 % t interval")
    running = np.fmin.accumulate(-sign * np.nan_to_num(mean, nan=np.inf)) * -sign
    ax.step(numbers, running, where="post", color=OKABE_ITO["vermillion"], label="best so far (biased)")
    ax.axhline(0, color="#555555", ls="--", lw=1)
    ax.set_xlabel("trial")
    ax.set_ylabel(f"{endpoint}\ndifference from untreated")
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


def final_figure(rows: list, endpoint: str):
    fig, axes = plt.subplots(1, 2, figsize=(13.0, 1.8 + 0.9 * len(rows)), dpi=DPI)
    y = np.arange(len(rows))[::-1]
    labels = [textwrap.fill(f"{r['label']}: {r['regimen']}", 48) for r in rows]
    for ax, prefix, title in ((axes[0], "diff", "against untreated"), (axes[1], "vs_scenario", "against the scenario's regimen")):
        mean = np.array([r[f"{prefix}_mean"] for r in rows], dtype=float)
        low = np.array([r[f"{prefix}_low"] for r in rows], dtype=float)
        high = np.array([r[f"{prefix}_high"] for r in rows], dtype=float)
        ok = np.isfinite(low)
        ax.errorbar(mean[ok], y[ok], xerr=[mean[ok] - low[ok], high[ok] - mean[ok]], fmt="o",
                    color=OKABE_ITO["blue"], capsize=4)
        ax.plot(mean[~ok], y[~ok], "o", color="#999999")
        ax.axvline(0, color="#555555", ls="--", lw=1)
        ax.set_title(f"paired difference {title}", fontsize=9)
        ax.set_xlabel(endpoint)
        ax.grid(alpha=0.3)
    axes[0].set_yticks(y, labels, fontsize=7)
    axes[1].set_yticks(y, [""] * len(rows))
    fig.tight_layout()
    return fig


def _save(fig, path: Path) -> Path:
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
    return path


def final_lines(rows: list, endpoint: str) -> list:
    lines = [f"re-evaluation ({rows[0]['n']} fresh paired seeds), {endpoint}:",
             "  regimen | vs untreated [95 %] | vs the scenario's regimen [95 %], p"]
    for r in rows:
        lines.append(f"  {r['label']}: {r['regimen']} | {r['diff_mean']:+.3g} [{r['diff_low']:+.3g}, "
                     f"{r['diff_high']:+.3g}] | {r['vs_scenario_mean']:+.3g} [{r['vs_scenario_low']:+.3g}, "
                     f"{r['vs_scenario_high']:+.3g}], p {r['vs_scenario_p']:.2g}")
        harms = [f"{column} {r[f'{column} mean']:.3g}" for column, _, _ in HARM_PROXIES if f"{column} mean" in r]
        if harms:
            lines.append("      harm proxies (mean): " + "; ".join(harms))
    return lines


def add_harm(rows: list, final_dir: Path) -> None:
    """The harm proxies of the window (MSC balance, lung entrapment) for each re-evaluated
    regimen, from the re-evaluation sweep: the search optimises the endpoint alone, so the
    reader sees what the winning regimens cost."""
    if not (final_dir / "summary.csv").exists() and not (final_dir / "summary.h5").exists():
        return
    columns = [h[0] for h in HARM_PROXIES]
    values = replicate_values(final_dir, columns)
    for i, row in enumerate(rows):
        entry = values.get((f"r{i:02d}", 0))
        for column in columns:
            if entry is not None:
                ci = t_interval(entry[column])
                row[f"{column} mean"], row[f"{column} ci_low"], row[f"{column} ci_high"] = \
                    ci["mean"], ci["ci_low"], ci["ci_high"]


def write_search(out: Path, scenario: Path, args, trials: list, best: list, rows: list, sign: int) -> list:
    add_harm(rows, out / "sweeps" / "final")
    trials_path, final_path, json_path = out / "trials.csv", out / "final.csv", out / "search.json"
    trials_table(trials).to_csv(trials_path, index=False)
    pd.DataFrame([{k: v for k, v in r.items() if k not in ("params", "values")} for r in rows]).to_csv(final_path, index=False)
    found = [{"trial": t.number, "params": t.params, "overrides": overrides(t.params),
              "search_objective": t.objective} for t in best]
    json_path.write_text(json.dumps(jsonable({"scenario": str(scenario), "endpoint": args.endpoint,
                                              "trials": args.trials, "replicates": args.replicates,
                                              "seed": args.seed, "final_seed": args.seed + 1,
                                              "final_replicates": args.final_replicates, "top": found,
                                              "final": rows}), indent=1) + "\n")
    lines = final_lines(rows, args.endpoint)
    for line in lines:
        print(line)
    folder = out / "report"
    folder.mkdir(parents=True, exist_ok=True)
    pictures = [Picture(_save(history_figure(trials, sign, args.endpoint), folder / "history.png"), "Search",
                        "Each trial's mean paired difference against untreated over its replicates with the 95 % t "
                        "interval; the step line is the best so far, which is biased (see the note)."),
                Picture(_save(final_figure(rows, args.endpoint), folder / "final.png"), "Re-evaluation",
                        "Top regimens and the scenario's own regimen re-run with fresh seeds: paired difference "
                        "against untreated (left) and against the scenario's regimen (right), 95 % t intervals.")]
    meta = {"scenario": str(scenario), "endpoint": args.endpoint, "trials": args.trials,
            "replicates per trial": args.replicates, "sampler": f"optuna TPE, seed {args.seed}",
            "re-evaluation": f"top {args.top}, {args.final_replicates} replicates, sweep seed {args.seed + 1}",
            "overrides": ", ".join(args.set) or "(none)"}
    page = Page(title=f"Regimen search: {scenario.stem}", meta=meta, pictures=pictures, notes=[BIAS_NOTE],
                intro="Definitions in docs/dosing.md. A hypothesis of the model, not a recommendation.",
                appendix="\n".join(lines), appendix_title="Numbers")
    return [trials_path, final_path, json_path, report_html.write(page, folder)]
