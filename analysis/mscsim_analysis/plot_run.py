"""Draw one picture of a run: the MSC Yin-Yang balance, the cell counts over time (log axis),
and the last snapshot of two fields (fixed colour limits) with the cells on top.

    python3 -m mscsim_analysis.plot_run out/quickstart.h5 -o out/quickstart.png
"""

from __future__ import annotations

import argparse
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from .frames import agent_snapshot, field_snapshot  # noqa: E402
from .lattice import colour_limits, draw_cells, draw_field  # noqa: E402
from .trajectory import Trajectory  # noqa: E402
from .vocabulary import PHENOTYPE_COLOURS, TOL_MUTED, field_label, population_label, state_label  # noqa: E402

def _plot_balance(ax, series):
    present = [p for p in ("msc1", "msc0", "msc2") if f"msc/{p}" in series]
    if not present:
        ax.set_visible(False)
        return
    t = series.index.to_numpy()
    stacked = np.vstack([series[f"msc/{p}"].to_numpy() for p in present])
    ax.stackplot(t, stacked, labels=[state_label("msc", p) for p in present],
                 colors=[PHENOTYPE_COLOURS[p] for p in present], alpha=0.75)
    ax.set_xlabel("time (h)")
    ax.set_ylabel("MSCs in the tissue")
    ax.set_xlim(t[0], t[-1])
    handles = ax.get_legend_handles_labels()
    if "balance/msc_balance" in series:
        twin = ax.twinx()
        twin.plot(t, series["balance/msc_balance"], color="black", lw=2, label="MSC balance (right axis)")
        twin.set_ylim(-1, 1)
        twin.axhline(0, color="black", lw=0.5, ls=":")
        twin.set_ylabel("MSC balance: −1 all MSC1 … +1 all MSC2")
        extra = twin.get_legend_handles_labels()
        handles = (handles[0] + extra[0], handles[1] + extra[1])
    ax.legend(*handles, loc="lower left", fontsize=8, framealpha=0.9)
    ax.set_title("The MSC Yin–Yang: pro-inflammatory MSC1 vs immunosuppressive MSC2")


def _plot_counts(ax, series):
    """Log axis: 5 Tregs and 500 T cells both visible."""
    t = series.index.to_numpy()
    columns = [c for c in series.columns if c.startswith("agents/") and c != "agents/total"]
    columns.sort(key=lambda c: -float(series[c].max()))
    for i, column in enumerate(columns):
        values = series[column].to_numpy(dtype=float)
        ax.plot(t, np.where(values > 0, values, np.nan), color=TOL_MUTED[i % len(TOL_MUTED)], lw=2,
                ls="-" if i < 4 else "--", label=population_label(column.split("/")[1]))
    ax.set_yscale("log")
    ax.set_xlabel("time (h)")
    ax.set_ylabel("cells in the tissue (log scale)")
    ax.grid(alpha=0.3, which="both")
    ax.legend(fontsize=8, ncol=2, loc="lower right", framealpha=0.9)
    ax.set_title("Cells in the tissue by type")


def _plot_field(ax, run, name, agents):
    """The last snapshot of field `name` on fixed colour limits (0 to the run's maximum, rounded
    up: a 5 % variation stays a 5 % change of colour), with the MSCs on top, coloured by
    phenotype (the immune cells, thousands of them, would hide the field; the report's lattice
    picture shows them)."""
    snapshot = field_snapshot(run, name, -1)
    limits = colour_limits(run, name)
    image = draw_field(ax, snapshot, limits)
    plt.colorbar(image, ax=ax, fraction=0.046, label=f"{field_label(name)} ({snapshot.unit}), fixed {limits[0]:g}–{limits[1]:g}")
    if agents is not None and len(agents):
        chosen = agents[agents["population"] == "msc"]
        points = ax.get_window_extent().width * 72 / ax.figure.dpi / max(snapshot.values.shape[-2:])
        handles = draw_cells(ax, chosen, snapshot.voxel_um, max(2 * points, 6.0))
        if handles:
            ax.legend(handles=handles, fontsize=6.5, loc="upper right", framealpha=0.85,
                      ncol=1 if len(handles) <= 8 else 2)
    ax.set_title(f"{field_label(name)} at t = {snapshot.time_h:g} h, MSCs by phenotype", fontsize=10)


def plot_run(path: str, output: str) -> None:
    with Trajectory(path) as run:
        series = run.series()
        fields = run.field_names()
        agents = agent_snapshot(run, -1) if run.agent_snapshot_count else None
        fig, axes = plt.subplots(2, 2, figsize=(13, 10))
        _plot_balance(axes[0, 0], series)
        _plot_counts(axes[0, 1], series)
        chosen = [f for f in ("ifng", "kyn") if f in fields] or fields[:2]
        for ax, name in zip(axes[1], chosen):
            _plot_field(ax, run, name, agents)
        for ax in axes[1][len(chosen):]:
            ax.set_visible(False)
        fig.suptitle(f"mscsim: {run.meta.get('scenario_name', path)} (seed {run.meta.get('seed', '?')})")
        fig.tight_layout()
        fig.savefig(output, dpi=100)
        plt.close(fig)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trajectory", help="an mscsim .h5 file")
    parser.add_argument("-o", "--output", default=None, help="PNG to write (default: next to the .h5)")
    args = parser.parse_args(argv)
    output = args.output or args.trajectory.rsplit(".", 1)[0] + ".png"
    plot_run(args.trajectory, output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
