"""Draw one picture of a run: the MSC Yin-Yang balance, the cell counts over time, and
the last snapshot of two fields with the cells on top.

    python3 -m mscsim_analysis.plot_run out/quickstart.h5 -o out/quickstart.png
"""

from __future__ import annotations

import argparse
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from .trajectory import Trajectory  # noqa: E402

PHENOTYPE_COLOURS = {"msc/msc1": "tab:red", "msc/msc0": "tab:grey", "msc/msc2": "tab:blue"}


def _plot_balance(ax, series):
    present = [c for c in PHENOTYPE_COLOURS if c in series]
    if not present:
        ax.set_visible(False)
        return
    t = series.index.to_numpy()
    stacked = np.vstack([series[c].to_numpy() for c in present])
    ax.stackplot(t, stacked, labels=[c.split("/")[1].upper() for c in present],
                 colors=[PHENOTYPE_COLOURS[c] for c in present], alpha=0.6)
    ax.set_xlabel("time (h)")
    ax.set_ylabel("MSCs in the tissue")
    ax.legend(loc="upper left", fontsize=8)
    if "balance/msc_balance" in series:
        twin = ax.twinx()
        twin.plot(t, series["balance/msc_balance"], color="black", lw=2, label="balance")
        twin.set_ylim(-1, 1)
        twin.axhline(0, color="black", lw=0.5, ls=":")
        twin.set_ylabel("(MSC2 - MSC1) / all  (Yin-Yang dial)")
    ax.set_title("MSC polarization: MSC1 (red) vs MSC2 (blue)")


def _plot_counts(ax, series):
    t = series.index.to_numpy()
    for column in series.columns:
        if column.startswith("agents/") and column != "agents/total":
            ax.plot(t, series[column], label=column.split("/")[1])
    ax.set_xlabel("time (h)")
    ax.set_ylabel("cells")
    ax.set_ylim(bottom=0)
    ax.legend(fontsize=8)
    ax.set_title("Cells in the tissue")


def _plot_field(ax, run, name, agents):
    times, values = run.field(name)
    last = values[-1]
    if last.ndim == 3:  # 3-D: middle z slice
        last = last[last.shape[0] // 2]
    image = ax.imshow(last, origin="lower", cmap="magma")
    plt.colorbar(image, ax=ax, fraction=0.046, label=f"{name} (ng/mL)")
    if agents is not None and len(agents):
        names = list(agents.attrs.get("type_names", []))
        # Immune cells small and faint; MSCs on top, coloured by phenotype (MSC1 red,
        # MSC0 grey, MSC2 blue), so the Yin-Yang is visible in space too.
        for index, type_name in enumerate(names):
            if type_name == "msc":
                continue
            cells = agents[agents["population"] == index]
            ax.scatter(cells["x"], cells["y"], s=1, alpha=0.35, label=type_name)
        if "msc" in names and "polarization" in agents:
            msc = agents[agents["population"] == names.index("msc")]
            colour = np.where(msc["polarization"] > 0.33, "tab:blue",
                              np.where(msc["polarization"] < -0.33, "tab:red", "lightgrey"))
            ax.scatter(msc["x"], msc["y"], s=14, c=colour, edgecolors="black", linewidths=0.4, label="MSC")
        ax.legend(fontsize=6, markerscale=3, loc="upper right")
    ax.set_title(f"{name} at t = {times[-1]:g} h")
    ax.set_xticks([])
    ax.set_yticks([])


def plot_run(path: str, output: str) -> None:
    with Trajectory(path) as run:
        series = run.series()
        fields = run.field_names()
        agents = run.agents(run.agent_snapshot_count - 1) if run.agent_snapshot_count else None
        fig, axes = plt.subplots(2, 2, figsize=(12, 9))
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
