"""The figures of a one-run report (scripts/report OUT.h5), each a matplotlib Figure of a fixed
pixel size (SIZES) so that a report's pictures line up and tests can check them.
"""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.patches import Wedge  # noqa: E402
from matplotlib.ticker import LogLocator, NullLocator  # noqa: E402

from .vocabulary import (BALANCE_LABELS, OKABE_ITO, PHENOTYPE_COLOURS, TOL_MUTED, compartment_label,  # noqa: E402
                         population_label, state_label)

DPI = 100
# figure -> (width, height) in inches; pixels = inches × DPI.
SIZES = {
    "biodistribution": (12.0, 8.0),
    "msc_balance": (12.0, 4.5),
    "immune_balance": (12.0, 6.5),
    "disease": (12.0, 4.2),
    "cells": (12.0, 5.0),
    "field": (5.6, 4.8),
    "lattice": (11.0, 8.0),
}


def pixels(kind: str) -> tuple:
    width, height = SIZES[kind]
    return int(round(width * DPI)), int(round(height * DPI))


def new_figure(kind: str):
    return plt.figure(figsize=SIZES[kind], dpi=DPI)


def footer(fig, meta: dict) -> None:
    """Provenance on every picture, so that one copied out of the report still says what it is."""
    text = (f"{meta.get('scenario_name', '?')} · seed {meta.get('seed', '?')} · mscsim {meta.get('version', '?')} "
            f"(commit {meta.get('git_commit', '?')})")
    fig.text(0.995, 0.005, text, ha="right", va="bottom", fontsize=7, color="#555555")


def mark_doses(ax, dose_times) -> None:
    for i, t in enumerate(dose_times):
        ax.axvline(t, color=OKABE_ITO["black"], lw=0.8, ls="--", zorder=1, label="MSC infusion" if i == 0 else None)


def biodistribution_figure(bio, dose_times, meta):
    """Small multiples: the dosed MSCs in each place that ever held any, total and by
    phenotype, on one shared log axis so that lungs (10^7) and lattice (10^2) compare."""
    fig = new_figure("biodistribution")
    totals = bio.xs("total", axis=1, level="phenotype")
    places = [p for p in totals.columns if totals[p].max() > 0]
    columns = 4
    rows = max(1, math.ceil(len(places) / columns))
    axes = fig.subplots(rows, columns, sharex=True, sharey=True, squeeze=False)
    t = bio.index.to_numpy()
    top = max(10.0, float(totals[places].to_numpy().max()) * 2) if places else 10.0
    for ax, place in zip(axes.flat, places):
        ax.plot(t, totals[place].clip(lower=0.5), color="black", lw=4, alpha=0.35, label="all dosed MSCs")
        for phenotype in ("msc0", "msc1", "msc2"):
            if (place, phenotype) in bio:
                values = bio[(place, phenotype)]
                if values.max() > 0:
                    ax.plot(t, values.clip(lower=0.5), color=PHENOTYPE_COLOURS[phenotype], lw=1.2,
                            label=state_label("msc", phenotype))
        mark_doses(ax, dose_times)
        ax.set_yscale("log")
        ax.set_ylim(0.8, top)
        ax.yaxis.set_major_locator(LogLocator(base=100.0))
        ax.yaxis.set_minor_locator(NullLocator())
        ax.set_title(compartment_label(place), fontsize=10)
        ax.grid(alpha=0.3, which="major")
    for ax in list(axes.flat)[len(places):]:
        ax.set_visible(False)
    for ax in axes[:, 0]:
        ax.set_ylabel("cells (log)")
    for ax in axes[-1, :]:
        ax.set_xlabel("time (h)")
        ax.xaxis.set_tick_params(labelbottom=True)
    handles, labels = [], []
    for ax in axes.flat:
        for h, lab in zip(*ax.get_legend_handles_labels()):
            if lab not in labels:
                handles.append(h)
                labels.append(lab)
    fig.suptitle("Where the infused MSCs are: cells per place over time (phenotype = label at release "
                 "in the body, current label on the lattice)", fontsize=11, x=0.01, y=0.985, ha="left")
    fig.legend(handles, labels, loc="upper left", bbox_to_anchor=(0.01, 0.955), fontsize=9, ncol=len(labels),
               frameon=False)
    fig.subplots_adjust(left=0.06, right=0.99, bottom=0.08, top=0.86, wspace=0.08, hspace=0.3)
    footer(fig, meta)
    return fig


def _dial(ax, value: float, mean_value: float) -> None:
    """A half-circle gauge from -1 (all MSC1, left) to +1 (all MSC2, right)."""
    steps = 60
    for i in range(steps):
        lo, hi = -1 + 2 * i / steps, -1 + 2 * (i + 1) / steps
        mix = (lo + hi) / 2
        colour = PHENOTYPE_COLOURS["msc1"] if mix < -0.02 else PHENOTYPE_COLOURS["msc2"] if mix > 0.02 else "#dddddd"
        alpha = 0.25 + 0.75 * abs(mix)
        ax.add_patch(Wedge((0, 0), 1.0, 90 - hi * 90, 90 - lo * 90, width=0.35, color=colour, alpha=alpha, lw=0))
    for tick in (-1, -0.5, 0, 0.5, 1):
        angle = math.radians(90 - tick * 90)
        ax.plot([1.0 * math.cos(angle), 1.05 * math.cos(angle)], [1.0 * math.sin(angle), 1.05 * math.sin(angle)],
                color="black", lw=1)
        ax.text(1.14 * math.cos(angle), 1.12 * math.sin(angle), f"{tick:+g}" if tick else "0", ha="center",
                va="center", fontsize=9)
    if np.isfinite(mean_value):
        angle = math.radians(90 - mean_value * 90)
        ax.plot([0, 0.95 * math.cos(angle)], [0, 0.95 * math.sin(angle)], color="#777777", lw=2, ls=":")
    if np.isfinite(value):
        angle = math.radians(90 - value * 90)
        ax.annotate("", xy=(0.97 * math.cos(angle), 0.97 * math.sin(angle)), xytext=(0, 0),
                    arrowprops=dict(arrowstyle="-|>", color="black", lw=2.5))
    ax.add_patch(plt.Circle((0, 0), 0.05, color="black"))
    ax.text(-0.85, -0.08, "MSC1\npro-\ninflammatory", ha="center", va="top", fontsize=9, color=PHENOTYPE_COLOURS["msc1"])
    ax.text(0.85, -0.08, "MSC2\nimmuno-\nsuppressive", ha="center", va="top", fontsize=9, color=PHENOTYPE_COLOURS["msc2"])
    value_text = f"{value:+.2f}" if np.isfinite(value) else "no MSCs"
    ax.text(0, -0.2, f"end of run: {value_text}\n(dotted: time average {mean_value:+.2f})"
            if np.isfinite(mean_value) else f"end of run: {value_text}", ha="center", va="top", fontsize=9)
    ax.set_xlim(-1.3, 1.3)
    ax.set_ylim(-0.6, 1.25)
    ax.set_aspect("equal")
    ax.axis("off")


def msc_balance_figure(series, meta):
    """MSC0/MSC1/MSC2 shares over time (stacked) with the balance line, and the Yin-Yang dial."""
    fig = new_figure("msc_balance")
    ax = fig.add_axes([0.06, 0.14, 0.5, 0.74])
    dial = fig.add_axes([0.68, 0.04, 0.31, 0.86])
    t = series.index.to_numpy()
    counts = np.vstack([series.get(f"msc/{p}", np.zeros(len(t))) for p in ("msc1", "msc0", "msc2")]).astype(float)
    total = counts.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = np.where(total > 0, counts / np.where(total > 0, total, 1), np.nan)
    labels = [state_label("msc", p) for p in ("msc1", "msc0", "msc2")]
    colours = [PHENOTYPE_COLOURS[p] for p in ("msc1", "msc0", "msc2")]
    ax.stackplot(t, np.nan_to_num(shares), labels=labels, colors=colours, alpha=0.75)
    ax.set_ylim(0, 1)
    ax.set_xlim(t[0], t[-1] if t[-1] > t[0] else t[0] + 1)
    ax.set_xlabel("time (h)")
    ax.set_ylabel("share of the MSCs on the lattice")
    balance = series["balance/msc_balance"].to_numpy() if "balance/msc_balance" in series else np.full(len(t), np.nan)
    twin = ax.twinx()
    twin.plot(t, balance, color="black", lw=2, label="MSC balance (right axis)")
    twin.axhline(0, color="black", lw=0.5, ls=":")
    twin.set_ylim(-1, 1)
    twin.set_ylabel("MSC balance: (MSC2 − MSC1) / all MSCs")
    handles = ax.get_legend_handles_labels()[0] + twin.get_legend_handles_labels()[0]
    ax.legend(handles, labels + ["MSC balance (right axis)"], loc="upper left", fontsize=8, ncol=2, framealpha=0.9)
    if not np.nansum(total):
        ax.text(0.5, 0.5, "no MSCs on the lattice in this run", transform=ax.transAxes, ha="center", fontsize=12)
    ax.set_title(f"MSC polarization on the lattice (MSCs at the end: {int(total[-1])})", fontsize=11)
    finite = np.isfinite(balance) & (total > 0)
    end = float(balance[-1]) if total[-1] > 0 else float("nan")
    mean = float(np.trapz(balance[finite], t[finite]) / (t[finite][-1] - t[finite][0])) \
        if finite.sum() >= 2 and t[finite][-1] > t[finite][0] else float("nan")
    _dial(dial, end, mean)
    dial.set_title("The Yin–Yang dial", fontsize=11)
    footer(fig, meta)
    return fig


def immune_balance_figure(series, dose_times, meta):
    """The six balance/* indices, log2((a + 1) / (b + 1)): above zero the first-named side
    dominates. One small panel each, the regulatory side shaded blue, the other vermillion."""
    fig = new_figure("immune_balance")
    keys = [k for k in BALANCE_LABELS if k in series]
    axes = fig.subplots(2, 3, sharex=True, squeeze=False)
    t = series.index.to_numpy()
    regulatory_on_top = {"balance/treg_vs_th1_th17_ctl": True, "balance/m2_vs_m1": True,
                         "balance/toldc_vs_mdc": True, "balance/breg_vs_activated_b_plasma": True,
                         "balance/th1_vs_th2": False, "balance/th17_vs_treg": False}
    for ax, key in zip(axes.flat, keys):
        title, upper, lower = BALANCE_LABELS[key]
        values = series[key].to_numpy()
        limit = max(2.0, math.ceil(np.nanmax(np.abs(values)) + 0.5)) if np.isfinite(values).any() else 2.0
        top_colour = OKABE_ITO["blue"] if regulatory_on_top[key] else OKABE_ITO["vermillion"]
        bottom_colour = OKABE_ITO["vermillion"] if regulatory_on_top[key] else OKABE_ITO["blue"]
        ax.axhspan(0, limit, color=top_colour, alpha=0.08)
        ax.axhspan(-limit, 0, color=bottom_colour, alpha=0.08)
        ax.axhline(0, color="black", lw=0.6)
        ax.plot(t, values, color="black", lw=1.8)
        mark_doses(ax, dose_times)
        ax.set_ylim(-limit, limit)
        ax.text(0.02, 0.96, f"↑ more {upper}", transform=ax.transAxes, va="top", fontsize=8, color=top_colour)
        ax.text(0.02, 0.04, f"↓ more {lower}", transform=ax.transAxes, va="bottom", fontsize=8, color=bottom_colour)
        ax.set_title(title, fontsize=10)
        ax.grid(alpha=0.3)
    for ax in list(axes.flat)[len(keys):]:
        ax.set_visible(False)
    for ax in axes[:, 0]:
        ax.set_ylabel("log2 ratio (+1 each)")
    for ax in axes[-1, :]:
        ax.set_xlabel("time (h)")
    fig.suptitle("Immune balance: log2((a + 1)/(b + 1)); blue side regulatory, vermillion side inflammatory",
                 fontsize=11, x=0.01, ha="left")
    fig.subplots_adjust(left=0.06, right=0.99, bottom=0.1, top=0.88, wspace=0.18, hspace=0.32)
    footer(fig, meta)
    return fig


def disease_figure(series, dose_times, meta):
    """Disease activity (fixed 0-100 axis) and mean tissue damage (0 up to at least 0.1)."""
    fig = new_figure("disease")
    axes = fig.subplots(1, 2)
    t = series.index.to_numpy()
    if "tissue/disease_activity" in series:
        axes[0].plot(t, series["tissue/disease_activity"], color=OKABE_ITO["vermillion"], lw=2)
    axes[0].set_ylim(0, 100)
    axes[0].set_ylabel("disease activity (score 0–100)")
    axes[0].set_title("Disease activity", fontsize=11)
    if "tissue/mean_damage" in series:
        damage = series["tissue/mean_damage"]
        axes[1].plot(t, damage, color=OKABE_ITO["reddish_purple"], lw=2)
        axes[1].set_ylim(0, max(0.1, min(1.0, float(np.nanmax(damage)) * 1.2)))
    axes[1].set_ylabel("mean tissue damage (0 healthy … 1 destroyed)")
    axes[1].set_title("Tissue damage", fontsize=11)
    for ax in axes:
        mark_doses(ax, dose_times)
        ax.set_xlabel("time (h)")
        ax.grid(alpha=0.3)
        if dose_times:
            ax.legend(fontsize=8, loc="upper right")
    fig.subplots_adjust(left=0.06, right=0.99, bottom=0.13, top=0.92, wspace=0.18)
    footer(fig, meta)
    return fig


def cells_figure(series, dose_times, meta):
    """Cells of each type on the lattice over time, on a log axis so that 3 Tregs and 500 T
    cells are both visible."""
    fig = new_figure("cells")
    ax = fig.add_axes([0.07, 0.12, 0.62, 0.8])
    t = series.index.to_numpy()
    columns = [c for c in series.columns if c.startswith("agents/") and c != "agents/total"]
    columns.sort(key=lambda c: -float(series[c].max()))
    for i, column in enumerate(columns):
        values = series[column].to_numpy(dtype=float)
        ax.plot(t, np.where(values > 0, values, np.nan), color=TOL_MUTED[i % len(TOL_MUTED)], lw=2,
                ls="-" if i < 4 else "--",
                label=f"{population_label(column.split('/')[1])} ({int(values[-1])} at the end)")
    mark_doses(ax, dose_times)
    ax.set_yscale("log")
    ax.set_xlabel("time (h)")
    ax.set_ylabel("cells on the lattice (log scale)")
    ax.grid(alpha=0.3, which="both")
    ax.set_title("Cells on the lattice by type", fontsize=11)
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=9, frameon=False)
    footer(fig, meta)
    return fig
