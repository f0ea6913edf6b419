"""Runs side by side: the report's time-series panels with the runs overlaid, and, for two
groups of replicates, where the groups differ by more than their replicate spread.

    scripts/compare A.h5 B.h5 [C.h5 ...] [-o DIR]
    scripts/compare --replicates-a a1.h5 a2.h5 a3.h5 --replicates-b b1.h5 b2.h5 b3.h5 [--label-a treated] [--label-b control]

Both forms may be combined. Default DIR: <first file's stem>_compare beside it. Group rule
(docs/analysis.md): at each output time the difference of the group means is marked when
|mean_A − mean_B| > 2 √(s_A²/n_A + s_B²/n_B) (s the replicate standard deviation; about a 95 %
interval of the difference), which needs at least 2 runs in each group.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from . import report_html  # noqa: E402
from .frames import RunFileError, open_run, time_series  # noqa: E402
from .report_html import Page, Picture  # noqa: E402
from .vocabulary import BALANCE_LABELS, OKABE_ITO, series_label  # noqa: E402

DPI = 100
SIZE = (15.0, 9.0)
PANELS = ["tissue/disease_activity", "tissue/mean_damage", "balance/msc_balance", "agents/msc",
          *BALANCE_LABELS]
RUN_COLOURS = [OKABE_ITO[c] for c in ("blue", "vermillion", "bluish_green", "orange", "reddish_purple",
                                      "sky_blue", "black", "yellow")]
GROUP_COLOURS = (OKABE_ITO["blue"], OKABE_ITO["vermillion"])


def pixels() -> tuple:
    return int(SIZE[0] * DPI), int(SIZE[1] * DPI)


def load(paths) -> list:
    """[(label, series, meta)] for each file; RunFileError for the first unusable one."""
    runs = []
    for path in paths:
        with open_run(path) as run:
            runs.append((Path(path).stem, time_series(run), run.meta))
    return runs


def _panels(fig, series_list):
    present = [p for p in PANELS if any(p in s for s in series_list)]
    axes = fig.subplots(3, 4, squeeze=False).flat
    axes = list(axes)
    for ax in axes[len(present):]:
        ax.set_visible(False)
    for ax, key in zip(axes, present):
        ax.set_title(series_label(key), fontsize=9)
        ax.grid(alpha=0.3)
        if key.startswith("balance/") and key != "balance/msc_balance":
            ax.axhline(0, color="black", lw=0.6)
    for ax in axes[8:len(present)]:
        ax.set_xlabel("time (h)")
    return list(zip(present, axes))


def overlay_figure(runs):
    fig = plt.figure(figsize=SIZE, dpi=DPI)
    panels = _panels(fig, [s for _, s, _ in runs])
    for i, (label, series, meta) in enumerate(runs):
        colour = RUN_COLOURS[i % len(RUN_COLOURS)]
        name = f"{label} ({meta.get('scenario_name', '?')}, seed {meta.get('seed', '?')})"
        for key, ax in panels:
            if key in series:
                ax.plot(series.index, series[key], color=colour, lw=1.6, ls=["-", "--", "-."][i % 3], label=name)
    _fix_limits(panels)
    handles, labels = panels[0][1].get_legend_handles_labels()
    fig.legend(handles, labels, loc="upper left", bbox_to_anchor=(0.01, 0.965), ncol=min(3, len(labels)),
               fontsize=9, frameon=False)
    fig.suptitle("Runs overlaid", fontsize=12, x=0.01, y=0.995, ha="left")
    fig.tight_layout(rect=(0, 0, 1, 0.91))
    return fig


def _fix_limits(panels) -> None:
    for key, ax in panels:
        if key == "tissue/disease_activity":
            ax.set_ylim(0, 100)
        elif key == "balance/msc_balance":
            ax.set_ylim(-1, 1)
        elif key == "tissue/mean_damage":
            ax.set_ylim(0, max(0.1, ax.get_ylim()[1]))


def group_statistics(group) -> dict:
    """{series: (mean, sd, n)} on the first run's times (the others interpolated onto them)."""
    times = group[0][1].index.to_numpy()
    out = {}
    for key in PANELS:
        columns = [np.interp(times, s.index.to_numpy(), s[key].to_numpy()) for _, s, _ in group if key in s]
        if columns:
            stack = np.vstack(columns)
            sd = stack.std(axis=0, ddof=1) if len(columns) > 1 else np.full(len(times), np.nan)
            out[key] = (pd.Series(stack.mean(axis=0), index=times), pd.Series(sd, index=times), len(columns))
    return out


def exceeds_spread(a: tuple, b: tuple, times) -> np.ndarray:
    """Where |mean_A − mean_B| > 2 √(s_A²/n_A + s_B²/n_B); all False with fewer than 2 runs a side."""
    mean_a, sd_a, n_a = a
    mean_b = np.interp(times, b[0].index.to_numpy(), b[0].to_numpy())
    sd_b = np.interp(times, b[1].index.to_numpy(), b[1].to_numpy())
    if n_a < 2 or b[2] < 2:
        return np.zeros(len(times), dtype=bool)
    spread = 2 * np.sqrt(sd_a.to_numpy() ** 2 / n_a + sd_b ** 2 / b[2])
    return np.abs(mean_a.to_numpy() - mean_b) > spread


def groups_figure(group_a, group_b, label_a, label_b):
    fig = plt.figure(figsize=SIZE, dpi=DPI)
    panels = _panels(fig, [s for _, s, _ in group_a + group_b])
    stats_a, stats_b = group_statistics(group_a), group_statistics(group_b)
    marked = {}
    for key, ax in panels:
        for stats, label, colour, group in ((stats_a, label_a, GROUP_COLOURS[0], group_a),
                                            (stats_b, label_b, GROUP_COLOURS[1], group_b)):
            if key not in stats:
                continue
            mean, sd, n = stats[key]
            ax.plot(mean.index, mean, color=colour, lw=2, label=f"{label}: mean of {n} runs")
            if n > 1:
                ax.fill_between(mean.index, mean - sd, mean + sd, color=colour, alpha=0.2, lw=0,
                                label=f"{label}: ± 1 SD")
        if key in stats_a and key in stats_b:
            times = stats_a[key][0].index.to_numpy()
            flags = exceeds_spread(stats_a[key], stats_b[key], times)
            marked[key] = int(flags.sum())
            if flags.any():
                ax.plot(times[flags], np.zeros(flags.sum()), "|", color="black", markersize=12, mew=2,
                        transform=ax.get_xaxis_transform(), clip_on=False,
                        label="difference beyond the replicate spread")
    _fix_limits(panels)
    handles, labels = [], []
    for _, ax in panels:
        for h, lab in zip(*ax.get_legend_handles_labels()):
            if lab not in labels:
                handles.append(h)
                labels.append(lab)
    fig.legend(handles, labels, loc="upper left", bbox_to_anchor=(0.01, 0.965), ncol=3, fontsize=9, frameon=False)
    fig.suptitle(f"{label_a} vs {label_b}: group means ± 1 SD; black ticks on the time axis where "
                 "|mean difference| > 2·√(s²_A/n_A + s²_B/n_B)", fontsize=12, x=0.01, y=0.995, ha="left")
    fig.tight_layout(rect=(0, 0, 1, 0.9))
    return fig, marked


def compare(files, out=None, replicates_a=(), replicates_b=(), label_a="A", label_b="B") -> Page:
    files, replicates_a, replicates_b = list(files), list(replicates_a), list(replicates_b)
    first = (files + replicates_a + replicates_b)[0]
    out = Path(out) if out else Path(first).with_name(Path(first).stem + "_compare")
    runs = load(files)
    group_a, group_b = load(replicates_a), load(replicates_b)
    out.mkdir(parents=True, exist_ok=True)
    pictures = []
    if runs:
        fig = overlay_figure(runs)
        fig.savefig(out / "overlay.png", dpi=DPI)
        plt.close(fig)
        pictures.append(Picture(out / "overlay.png", "Runs overlaid",
                                "Each run's time series; disease activity 0–100 and MSC balance −1…+1 on fixed axes.",
                                pixels()))
    notes = []
    if group_a and group_b:
        fig, marked = groups_figure(group_a, group_b, label_a, label_b)
        fig.savefig(out / "groups.png", dpi=DPI)
        plt.close(fig)
        summary = "; ".join(f"{series_label(k)}: {n} time(s)" for k, n in marked.items() if n)
        pictures.append(Picture(out / "groups.png", "Replicate groups",
                                f"{label_a} ({len(group_a)} runs) vs {label_b} ({len(group_b)} runs): mean ± 1 SD. "
                                f"Marked where |mean_A − mean_B| > 2·√(s²_A/n_A + s²_B/n_B): "
                                f"{summary or 'nowhere'}.", pixels()))
        if min(len(group_a), len(group_b)) < 2:
            notes.append("a group has fewer than 2 runs: no replicate spread, nothing is marked")
    page = Page(title="mscsim comparison", notes=notes, pictures=pictures,
                meta={"runs": ", ".join(str(f) for f in files) or "-",
                      f"group {label_a}": ", ".join(str(f) for f in replicates_a) or "-",
                      f"group {label_b}": ", ".join(str(f) for f in replicates_b) or "-"})
    report_html.write(page, out)
    return page


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/compare", description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", help="run files to overlay")
    parser.add_argument("--replicates-a", nargs="+", default=[], metavar="A.h5", help="replicate runs of group A")
    parser.add_argument("--replicates-b", nargs="+", default=[], metavar="B.h5", help="replicate runs of group B")
    parser.add_argument("--label-a", default="A")
    parser.add_argument("--label-b", default="B")
    parser.add_argument("-o", "--output", help="folder to write (default: <first stem>_compare beside it)")
    args = parser.parse_args(argv)
    if bool(args.replicates_a) != bool(args.replicates_b):
        print("scripts/compare: give both --replicates-a and --replicates-b, or neither", file=sys.stderr)
        return 2
    if not args.files and not args.replicates_a:
        print("scripts/compare: nothing to compare (give run files or --replicates-a/--replicates-b)", file=sys.stderr)
        return 2
    try:
        page = compare(args.files, args.output, args.replicates_a, args.replicates_b, args.label_a, args.label_b)
    except RunFileError as error:
        print(f"scripts/compare: {error}", file=sys.stderr)
        return 2
    print(f"{len(page.pictures)} pictures and index.html in {page.pictures[0].path.parent}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
