"""Figures and the HTML page of a therapeutic-window study (scripts/window), in the report
tools' style (report_html: one self-contained page, pictures embedded)."""

from __future__ import annotations

import math
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from . import report_html  # noqa: E402
from .report_html import Page, Picture  # noqa: E402
from .vocabulary import OKABE_ITO  # noqa: E402

DPI = 100
BLUE, RED, GREEN, ORANGE, GREY = (OKABE_ITO[c] for c in ("blue", "vermillion", "bluish_green", "orange", "black"))


def _interval_span(ax, pair, colour, doses):
    low, high = pair
    low = low if math.isfinite(low) else doses[-1] * 1.5
    high = high if math.isfinite(high) else doses[-1] * 1.5
    ax.axvspan(low, high, color=colour, alpha=0.12, lw=0)


def effect_figure(result: dict, title: str):
    """The paired difference against untreated at each dose with its 95 % interval, the MED
    and the plateau dose with their bootstrap intervals, and the margin around the best."""
    doses = np.asarray(result["doses"], dtype=float)
    fig, ax = plt.subplots(figsize=(9.0, 5.5), dpi=DPI)
    mean, low, high = (np.asarray(result[k], dtype=float) for k in ("diff_mean", "diff_low", "diff_high"))
    ax.errorbar(doses, mean, yerr=[mean - low, high - mean], color=BLUE, marker="o", capsize=4, lw=1.8,
                label="treated − untreated (paired), 95 % t interval")
    ax.axhline(0, color=GREY, lw=1, ls="--")
    if math.isfinite(result["med"]):
        ax.axvline(result["med"], color=GREEN, lw=1.8, label=f"minimal effective dose {result['med']:.3g}")
        _interval_span(ax, result["med_interval"], GREEN, doses)
    if math.isfinite(result["plateau_dose"]):
        ax.axvline(result["plateau_dose"], color=ORANGE, lw=1.8, ls="-.",
                   label=f"plateau dose {result['plateau_dose']:.3g} (within {result['margin']:.3g} of the best)")
        _interval_span(ax, result["plateau_interval"], ORANGE, doses)
        best = result["best_diff"]
        ax.axhspan(best - result["sign"] * result["margin"], best, color=ORANGE, alpha=0.08, lw=0)
    if math.isfinite(result["decline_dose"]):
        ax.axvline(result["decline_dose"], color=RED, lw=1.5, ls=":", label=f"more is worse from {result['decline_dose']:.3g}")
    ax.set_xscale("log")
    ax.set_xlabel("dose (cells/kg)")
    ax.set_ylabel(f"{result['endpoint']}\ndifference from untreated")
    ax.set_title(title, fontsize=10)
    ax.grid(alpha=0.3, which="both")
    ax.legend(fontsize=8, loc="best")
    fig.tight_layout()
    return fig


def harm_figure(result: dict):
    harms = result["harms"]
    fig, axes = plt.subplots(1, max(1, len(harms)), figsize=(6.0 * max(1, len(harms)), 4.5), dpi=DPI, squeeze=False)
    doses = np.asarray(result["doses"], dtype=float)
    for ax, harm in zip(axes.flat, harms):
        mean, low, high = (np.asarray(harm[k], dtype=float) for k in ("mean", "low", "high"))
        ax.plot(doses, mean, color=RED, marker="s", lw=1.8)
        ax.fill_between(doses, low, high, color=RED, alpha=0.2, lw=0)
        ax.axhline(harm["control_mean"], color=GREY, ls="--", lw=1, label="untreated")
        if math.isfinite(harm["rise_dose"]):
            ax.axvline(harm["rise_dose"], color=RED, ls=":", label=f"more harmful from {harm['rise_dose']:.3g}")
        ax.set_xscale("log")
        if harm["harm_sign"] > 0 and np.nanmin(low) > 0:
            ax.set_yscale("log")
        ax.set_xlabel("dose (cells/kg)")
        ax.set_title(harm["label"], fontsize=9)
        ax.grid(alpha=0.3, which="both")
        ax.legend(fontsize=8)
    for ax in list(axes.flat)[len(harms):]:
        ax.set_visible(False)
    fig.tight_layout()
    return fig


def _save(fig, path: Path) -> Path:
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
    return path


def unknowns_figure(unknowns: dict):
    """MED and plateau dose at the low and high end of each top parameter, against the
    baseline window."""
    rows = unknowns["ends"]
    fig, ax = plt.subplots(figsize=(9.0, 1.2 + 0.6 * len(rows)), dpi=DPI)
    labels = [f"{r['parameter']} = {r['value']:.3g} ({r['end']})" for r in rows]
    y = np.arange(len(rows))[::-1]
    for yi, row in zip(y, rows):
        for key, colour, marker in (("med", GREEN, "o"), ("plateau_dose", ORANGE, "D")):
            value = row[key]
            if math.isfinite(value):
                ax.plot(value, yi, marker=marker, color=colour, ms=8)
        low, high = row["med_interval"]
        if math.isfinite(low):
            ax.plot([low, high if math.isfinite(high) else low], [yi, yi], color=GREEN, lw=2, alpha=0.5)
    base = unknowns["baseline"]
    if math.isfinite(base["med"]):
        ax.axvline(base["med"], color=GREEN, ls="--", lw=1, label="MED, baseline")
    if math.isfinite(base["plateau_dose"]):
        ax.axvline(base["plateau_dose"], color=ORANGE, ls="--", lw=1, label="plateau, baseline")
    ax.plot([], [], "o", color=GREEN, label="MED (bar: 95 % bootstrap)")
    ax.plot([], [], "D", color=ORANGE, label="plateau dose")
    ax.set_yticks(y, labels, fontsize=8)
    ax.set_xscale("log")
    ax.set_xlabel("dose (cells/kg)")
    ax.legend(fontsize=7, loc="best")
    ax.grid(alpha=0.3, which="both")
    fig.tight_layout()
    return fig


def window_report(out: Path, result: dict, scenario: Path, args, unknowns=None) -> Path:
    from .dosing_window import summary_lines
    folder = out / "report"
    folder.mkdir(parents=True, exist_ok=True)
    pictures = [Picture(_save(effect_figure(result, f"{scenario.stem}: dose–response"), folder / "window.png"),
                        "Dose–response of the primary endpoint",
                        "Paired difference treated − untreated (same replicate seeds) with its 95 % Student t "
                        "interval. Green: minimal effective dose (lowest dose whose interval excludes zero in the "
                        "beneficial direction, interpolated on log dose) with its 95 % bootstrap interval (band); "
                        "orange: plateau dose (lowest dose equivalent to the best within the margin, TOST 90 %) with "
                        "its bootstrap interval; the orange horizontal band is the margin below the best effect.")]
    if result["harms"]:
        pictures.append(Picture(_save(harm_figure(result), folder / "harm.png"), "Harm proxies",
                                "Mean of the replicates with its 95 % t interval (band); untreated dashed. Dotted: the "
                                "lowest dose above the plateau (or best) dose at which the proxy is more harmful than "
                                "there (paired 95 % interval)."))
    notes = []
    if unknowns is not None:
        pictures.append(Picture(_save(unknowns_figure(unknowns), folder / "unknowns.png"), "What the model does not know",
                                "The window re-run with each of the most influential parameters at the low and the "
                                "high end of its plausible range (the sensitivity sweep's sample range); dashed: the "
                                "baseline window (re-run with the re-runs' doses and replicates when these differ "
                                "from the main window's, so that only the parameter differs)."))
        notes += unknowns["lines"]
    meta = {"scenario": str(scenario), "endpoint": result["endpoint"], "doses (cells/kg)":
            ", ".join(f"{d:.3g}" for d in result["doses"]), "paired replicates": result["n_replicates"],
            "sweep seed": args.seed, "overrides": ", ".join(args.set) or "(none)",
            "bootstrap": f"{result['n_boot']} resamples of the replicate seeds (seed {result['boot_seed']})"}
    page = Page(title=f"Therapeutic window: {scenario.stem}", meta=meta, pictures=pictures, notes=notes,
                intro="Definitions in docs/dosing.md. A hypothesis of the model, not a recommendation: the "
                      "parameters the answer is most sensitive to are listed below when the study ran a "
                      "sensitivity sweep.",
                appendix="\n".join(summary_lines(result)), appendix_title="Numbers")
    return report_html.write(page, folder)
