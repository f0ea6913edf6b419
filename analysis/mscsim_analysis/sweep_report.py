"""The sweep half of scripts/report: dose-response curves with 95 % bands, heatmaps for arms
that vary two axes, paired differences against the control arm, and the sensitivity tornado
when SWEEP_DIR/sensitivity/ exists. The statistics are sweep_stats.compute's (the same numbers
as statistics_*.csv); nothing is re-derived here.
"""

from __future__ import annotations

import math
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from . import report_html  # noqa: E402
from .report_html import Page, Picture  # noqa: E402
from .sweep_stats import _shorten, compute, short_keys  # noqa: E402
from .sweep_summary import read_summary  # noqa: E402
from .vocabulary import OKABE_ITO, series_label  # noqa: E402

DPI = 100
SIZES = {"dose_response": (12.0, 8.0), "heatmap": (12.0, 8.0), "paired": (13.0, 8.0)}
# Endpoints shown first when the sweep has them; up to MAX_ENDPOINTS in all.
PREFERRED = ["tissue/disease_activity:mean", "tissue/mean_damage:final", "balance/msc_balance:mean",
             "balance/treg_vs_th1_th17_ctl:mean", "balance/m2_vs_m1:mean", "t_proliferation/mean_divisions:final",
             "biodistribution/lattice/total:peak", "agents/msc:auc"]
MAX_ENDPOINTS = 6
LINE_COLOURS = [OKABE_ITO[c] for c in ("blue", "vermillion", "bluish_green", "orange", "reddish_purple",
                                       "sky_blue", "black")]


class SweepReportError(Exception):
    """The folder cannot be reported on; one line for the user."""


def pixels(kind: str) -> tuple:
    width, height = SIZES[kind]
    return int(round(width * DPI)), int(round(height * DPI))


def endpoint_label(column: str) -> str:
    series, _, reducer = column.rpartition(":")
    words = {"mean": "time average", "final": "at the end", "peak": "peak", "auc": "area under the curve"}
    return f"{series_label(series)}\n{words.get(reducer, reducer)}"


def headline_endpoints(summary, arms_table: pd.DataFrame) -> list:
    available = [c for c in summary.endpoint_columns
                 if c in set(arms_table["endpoint"]) and arms_table.loc[arms_table["endpoint"] == c, "mean"].notna().any()]
    chosen = [c for c in PREFERRED if c in available]
    chosen += [c for c in available if c.endswith(":mean") and c not in chosen]
    return chosen[:MAX_ENDPOINTS]


def _grid(kind: str, count: int):
    fig = plt.figure(figsize=SIZES[kind], dpi=DPI)
    columns = 3 if count > 4 else 2 if count > 1 else 1
    rows = max(1, math.ceil(count / columns))
    axes = fig.subplots(rows, columns, squeeze=False)
    for ax in list(axes.flat)[count:]:
        ax.set_visible(False)
    return fig, list(axes.flat)[:count]


def _footer(fig, summary) -> None:
    fig.text(0.995, 0.005, f"sweep {summary.attrs.get('sweep_name', summary.directory.name)} · seed "
             f"{summary.attrs.get('sweep_seed', '?')} · {summary.directory}", ha="right", va="bottom", fontsize=7,
             color="#555555")


def dose_response_figure(summary, tables: dict, endpoints: list):
    """Per endpoint: the condition mean against the dose with its 95 % t interval as a band,
    one line per arm and combination of the other axes; the control arm as a grey band."""
    dose = tables["dose_response"]
    fig, axes = _grid("dose_response", len(endpoints))
    control = summary.control_arm
    arms = tables["arms"]
    short = short_keys([k for k in summary.axes["key"]])
    log_axes = {key: scale == "log" for key, scale in zip(summary.axes["key"], summary.axes["scale"])}
    for ax, endpoint in zip(axes, endpoints):
        part = dose[dose["endpoint"] == endpoint]
        for i, ((arm, dose_key, others), line) in enumerate(part.groupby(["arm", "dose_key", "other_axes"], sort=False)):
            line = line.sort_values("dose")
            colour = LINE_COLOURS[i % len(LINE_COLOURS)]
            label = arm if others == "-" else f"{arm}: {_shorten(others, short)}"
            ax.plot(line["dose"], line["mean"], marker="osD^v"[i % 5], ls=["-", "--", ":", "-."][i % 4],
                    color=colour, lw=1.8, label=label)
            ax.fill_between(line["dose"], line["ci_low"], line["ci_high"], color=colour, alpha=0.18, lw=0)
            values = line["dose"].to_numpy(dtype=float)
            if log_axes.get(dose_key) or (values.min() > 0 and values.max() / values.min() >= 20):
                ax.set_xscale("log")
            ax.set_xlabel(short.get(dose_key, dose_key))
        if control:
            row = arms[(arms["arm"] == control) & (arms["endpoint"] == endpoint)]
            if len(row):
                r = row.iloc[0]
                ax.axhline(r["mean"], color="#555555", lw=1.2, ls="--", label=f"{control} (control)")
                if np.isfinite(r["ci_low"]):
                    ax.axhspan(r["ci_low"], r["ci_high"], color="#999999", alpha=0.2, lw=0)
        unit = part["unit"].iloc[0] if len(part) else ""
        ax.set_ylabel(unit)
        ax.set_title(endpoint_label(endpoint), fontsize=9)
        ax.grid(alpha=0.3, which="both")
    if axes:
        axes[0].legend(fontsize=7, loc="best")
    fig.suptitle("Dose–response: mean of the replicates with its 95 % interval (band); control arm dashed, "
                 "its interval grey", fontsize=11, x=0.01, ha="left")
    fig.tight_layout(rect=(0, 0.02, 1, 0.95))
    _footer(fig, summary)
    return fig


def two_axis_arms(summary, conditions_arms: pd.DataFrame) -> list:
    """(arm, x column, y column) for every arm that varies at least two grid axes."""
    runs = summary.runs
    grid_axes = [f"set:{k}" for k, kind in zip(summary.axes["key"], summary.axes["kind"]) if kind != "sample"]
    found = []
    for arm in summary.arm_order():
        own = runs[runs["arm"] == arm]
        varied = [c for c in grid_axes if c in own and own[c].replace("", np.nan).dropna().nunique() > 1]
        if len(varied) >= 2:
            found.append((arm, varied[-1], varied[-2]))
    return found


# Endpoint series with a natural range: the heatmap colours span it, whatever the sweep's values.
NATURAL_RANGES = {"tissue/disease_activity": (0.0, 100.0), "tissue/mean_damage": (0.0, 1.0),
                  "balance/msc_balance": (-1.0, 1.0), "msc/fraction_msc2": (0.0, 1.0)}


def endpoint_limits(endpoint: str, unit: str, values) -> tuple:
    """(low, high, how) fixed colour limits for an endpoint: its natural range, ±max(2, |v|)
    for log2 ratios, else 0 (or the minimum, if negative) to the maximum rounded up."""
    from .lattice import nice_ceiling

    series, _, reducer = endpoint.rpartition(":")
    if series in NATURAL_RANGES and reducer in ("mean", "final", "peak"):
        return (*NATURAL_RANGES[series], "its natural range")
    finite = np.asarray(values, dtype=float)
    finite = finite[np.isfinite(finite)]
    if unit == "log2":
        limit = max(2.0, math.ceil(float(np.abs(finite).max()))) if finite.size else 2.0
        return -limit, limit, "symmetric, at least ±2"
    if not finite.size or finite.max() <= 0:
        return (float(finite.min()) if finite.size else 0.0), 1.0, "no positive values"
    return min(0.0, float(finite.min())), nice_ceiling(float(finite.max())), "0 to the maximum, rounded up"


def heatmap_figure(summary, tables: dict, endpoints: list, arm: str, x_column: str, y_column: str):
    """Per endpoint: the mean over replicates (and over any further axes) for each pair of
    values of the arm's two axes, written in each cell, coloured on endpoint_limits."""
    ok = summary.ok_runs()
    control = summary.control_arm
    control_runs = ok[ok["arm"] == control] if control else ok.iloc[0:0]
    ok = ok[ok["arm"] == arm]
    fig, axes = _grid("heatmap", len(endpoints))
    short = short_keys([k for k in summary.axes["key"]])
    for ax, endpoint in zip(axes, endpoints):
        table = ok.pivot_table(index=y_column, columns=x_column, values=endpoint, aggfunc="mean")
        values = table.to_numpy(dtype=float)
        reference = float(control_runs[endpoint].mean()) if len(control_runs) else float("nan")
        unit = summary.units.get(endpoint, "")
        low, high, how = endpoint_limits(endpoint, unit, values)
        image = ax.imshow(values, origin="lower", cmap="PuOr_r" if low < 0 else "viridis", vmin=low, vmax=high,
                          aspect="auto")
        bar_label = f"{unit}, fixed {low:g} to {high:g} ({how})"
        for (row, column), value in np.ndenumerate(values):
            if np.isfinite(value):
                ax.text(column, row, f"{value:.3g}", ha="center", va="center", fontsize=8, color="black",
                        bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.7))
        ax.set_xticks(range(len(table.columns)))
        ax.set_xticklabels([f"{v:g}" if isinstance(v, float) else str(v) for v in table.columns], fontsize=8)
        ax.set_yticks(range(len(table.index)))
        ax.set_yticklabels([f"{v:g}" if isinstance(v, float) else str(v) for v in table.index], fontsize=8)
        x_key, y_key = x_column[len("set:"):], y_column[len("set:"):]
        ax.set_xlabel(short.get(x_key, x_key))
        ax.set_ylabel(short.get(y_key, y_key))
        ax.set_title(endpoint_label(endpoint) + (f"; {control}: {reference:.3g}" if np.isfinite(reference) else ""),
                     fontsize=9)
        bar = fig.colorbar(image, ax=ax, fraction=0.05)
        bar.set_label(bar_label, fontsize=7)
        bar.ax.tick_params(labelsize=7)
    fig.suptitle(f"Arm {arm}: mean over the ok replicates for each pair of axis values, on fixed colour scales"
                 + (f" (control arm {control} in each title)" if control else ""), fontsize=11, x=0.01, ha="left")
    fig.tight_layout(rect=(0, 0.02, 1, 0.95))
    _footer(fig, summary)
    return fig


def paired_figure(summary, tables: dict, endpoints: list):
    """Per endpoint: each condition's paired difference against the control (arm − control,
    pairs by replicate seed) with its 95 % interval; coloured where the interval excludes 0."""
    paired = tables["paired"]
    fig, axes = _grid("paired", len(endpoints))
    short = short_keys([k for k in summary.axes["key"]])
    for index, (ax, endpoint) in enumerate(zip(axes, endpoints)):
        part = paired[paired["endpoint"] == endpoint].reset_index(drop=True)
        labels = [f"{a}: {_shorten(c, short)}" if c != "-" else a for a, c in zip(part["arm"], part["condition"])]
        y = np.arange(len(part))[::-1]
        for yi, (_, row) in zip(y, part.iterrows()):
            low, high = row["ci_low"], row["ci_high"]
            excludes = np.isfinite(low) and (low > 0 or high < 0)
            colour = (OKABE_ITO["vermillion"] if row["diff_mean"] > 0 else OKABE_ITO["blue"]) if excludes else "#777777"
            if np.isfinite(low):
                ax.plot([low, high], [yi, yi], color=colour, lw=2)
            ax.plot(row["diff_mean"], yi, "o", color=colour, markersize=5)
        ax.axvline(0, color="black", lw=0.8)
        ax.set_yticks(y)
        ax.set_yticklabels(labels if index % 3 == 0 or len(axes) <= 2 else [""] * len(labels), fontsize=7)
        ax.set_ylim(-0.7, len(part) - 0.3)
        unit = part["unit"].iloc[0] if len(part) else ""
        ax.set_xlabel(f"arm − {summary.control_arm} ({unit})" if unit else f"arm − {summary.control_arm}", fontsize=8)
        ax.set_title(endpoint_label(endpoint), fontsize=9)
        ax.grid(alpha=0.3, axis="x")
    fig.suptitle(f"Paired differences against the control arm '{summary.control_arm}' with 95 % intervals "
                 "(coloured: interval excludes 0)", fontsize=11, x=0.01, ha="left")
    fig.tight_layout(rect=(0, 0.02, 1, 0.95))
    _footer(fig, summary)
    return fig


def _save(fig, path: Path) -> Path:
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
    return path


def sensitivity_pictures(directory: Path, out: Path) -> list:
    """The tornado (PRCC) and Sobol plots of SWEEP_DIR/sensitivity/, drawn by scripts/sensitivity;
    when only prcc.csv is there, the tornados are drawn from it into the report folder."""
    folder = directory / "sensitivity"
    if not folder.is_dir():
        return []
    found = sorted(folder.glob("tornado_*.png")) + sorted(folder.glob("sobol_*.png"))
    if not found and (folder / "prcc.csv").exists():
        from .sensitivity import tornado_plots
        found = tornado_plots(pd.read_csv(folder / "prcc.csv"), out)
    pictures = []
    for path in found:
        kind = "Sobol first-order and total indices" if path.name.startswith("sobol") else \
            "PRCC tornado (largest influence on top; starred: significant after Bonferroni)"
        pictures.append(Picture(path, "Sensitivity", f"{kind}: {path.stem}.", None, grid=True))
    return pictures


def sweep_report(directory, out=None) -> Page:
    directory = Path(directory)
    out = Path(out) if out else directory / "report"
    try:
        summary = read_summary(directory)
    except (FileNotFoundError, ValueError) as error:
        raise SweepReportError(f"{directory}: not a sweep folder ({str(error).splitlines()[0]})") from None
    if not len(summary.ok_runs()):
        raise SweepReportError(f"{directory}: no run of the sweep finished (status ok)")
    tables, notes = compute(summary)
    out.mkdir(parents=True, exist_ok=True)
    endpoints = headline_endpoints(summary, tables["arms"]) if len(tables["arms"]) else []
    pictures = []
    if len(tables["dose_response"]) and endpoints:
        pictures.append(Picture(_save(dose_response_figure(summary, tables, endpoints), out / "dose_response.png"),
                                "Dose–response", "Mean of the ok replicates at each dose with its 95 % Student t "
                                "interval (band); the control arm's mean dashed with its interval in grey.",
                                pixels("dose_response")))
    for arm, x_column, y_column in two_axis_arms(summary, tables["arms"]):
        if endpoints:
            name = f"heatmap_{arm}.png"
            pictures.append(Picture(_save(heatmap_figure(summary, tables, endpoints, arm, x_column, y_column),
                                          out / name), "Two-axis heatmaps",
                                    f"Arm {arm}: mean of each endpoint for every pair of values of "
                                    f"{y_column[4:]} (rows) and {x_column[4:]} (columns). The numbers are the means; "
                                    f"the colours use fixed limits stated on each colour bar (the endpoint's natural "
                                    f"range, ±2 or more for log2 ratios, else 0 to the maximum), so that a small "
                                    f"difference looks small. The control arm's mean is in each title.",
                                    pixels("heatmap")))
    if len(tables["paired"]) and endpoints:
        pictures.append(Picture(_save(paired_figure(summary, tables, endpoints), out / "paired_differences.png"),
                                "Arms against the control",
                                "Paired difference arm − control over the replicates with the same seed, with its "
                                "95 % t interval; coloured where the interval excludes zero (vermillion: higher "
                                "than control, blue: lower).", pixels("paired")))
    pictures += sensitivity_pictures(directory, out)
    status = summary.runs["status"].value_counts().to_dict()
    meta = {"folder": str(directory), "sweep": summary.attrs.get("sweep_name", directory.name),
            "base scenario": summary.attrs.get("base_scenario", "?"), "sweep seed": summary.attrs.get("sweep_seed", "?"),
            "replicates": summary.replicates, "control arm": summary.control_arm or "(none)",
            "sampling": summary.sampling, "arms": ", ".join(summary.arm_order()),
            "runs": ", ".join(f"{n} {s}" for s, n in status.items()), "summary read from": str(summary.source)}
    page = Page(title=f"mscsim sweep: {meta['sweep']}", meta=meta, pictures=pictures, notes=notes,
                intro="Statistics as in docs/sweeps.md (Student t, 95 %, paired by replicate seed).")
    report_html.write(page, out)
    return page
