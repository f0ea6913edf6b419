"""Pictures for researchers: one run or one sweep folder into PNG figures and a
self-contained index.html (docs/analysis.md).

    scripts/report OUT.h5 [-o DIR] [--gif | --no-gif]     default DIR: OUT_report beside OUT.h5
    scripts/report --follow OUT.h5 [-o DIR] [--interval S]  while the run writes OUT.h5.partial
    scripts/report SWEEP_DIR [-o DIR]                     default DIR: SWEEP_DIR/report

A file that is not a finished mscsim run (missing, .partial, truncated, another format) or a
folder that is not a sweep is refused with one line on stderr and exit status 2.

--follow re-renders the report from the growing OUT.h5.partial (read as an HDF5 SWMR reader)
every S seconds, with a note saying how far the run is and a tag that makes the browser
reload the page, until OUT.h5 appears; then it writes the final report and exits 0. It
fails (exit 2) when the run ends without OUT.h5 or the file is not an mscsim run.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from . import report_html, run_figures  # noqa: E402
from .frames import RunFileBusy, RunFileError, biodistribution, doses, field_snapshot, open_run, time_series  # noqa: E402
from .lattice import colour_limits, draw_field, field_caption, lattice_figure, lattice_gif  # noqa: E402
from .report_html import Page, Picture  # noqa: E402
from .vocabulary import field_label  # noqa: E402

# Fields shown first (the cytokines of the Yin-Yang); the others follow when not zero everywhere.
KEY_FIELDS = ["ifng", "tnfa", "il10", "tgfb", "pge2", "kyn", "il6", "il12", "il17", "il2", "il4", "ccl2",
              "cxcl12", "damp", "health", "antigen", "antibody"]
GIF_SNAPSHOTS = 3  # a GIF is made without --gif when the run has at least this many snapshots


def default_run_directory(path: Path) -> Path:
    return path.with_name(path.stem + "_report")


def _save(fig, path: Path) -> Path:
    fig.savefig(path, dpi=run_figures.DPI)
    plt.close(fig)
    return path


def lattice_geometry(run) -> tuple:
    """(voxel_um, shape) of the lattice: from the fields, else from the scenario."""
    import tomllib

    for name in run.field_names():
        dataset = run._file["fields"][name]
        return float(dataset.attrs.get("voxel_um", 20.0)), tuple(dataset.shape[1:])
    tissue = tomllib.loads(run.scenario_toml or "").get("tissue", {})
    size = list(tissue.get("size_voxels", [100, 100]))
    return float(tissue.get("voxel_um", 20.0)), tuple(reversed(size))


def field_figure(run, name: str, meta: dict):
    snapshot = field_snapshot(run, name, -1)
    limits = colour_limits(run, name)
    fig = run_figures.new_figure("field")
    ax = fig.add_axes([0.03, 0.1, 0.72, 0.8])
    image = draw_field(ax, snapshot, limits)
    colourbar = fig.colorbar(image, ax=ax, fraction=0.06, pad=0.03)
    colourbar.set_label(f"{field_label(name)} ({snapshot.unit})")
    ax.set_title(f"{field_label(name)} at t = {snapshot.time_h:g} h", fontsize=11)
    fig.text(0.03, 0.04, f"colour scale fixed: {limits[0]:g}–{limits[1]:g} {snapshot.unit} ({limits[2]})",
             fontsize=8)
    run_figures.footer(fig, meta)
    return fig, field_caption(snapshot, limits)


def run_report(path, directory=None, gif=None, live_refresh_s: int = 0) -> Page:
    """Writes the figures and index.html of one run into `directory`; returns the page (its
    pictures carry the pixel size each PNG has). live_refresh_s > 0: `path` is the growing
    OUT.h5.partial of a running run; the page says so and reloads itself that often."""
    path = Path(path)
    directory = Path(directory) if directory else default_run_directory(path)
    live = live_refresh_s > 0
    with open_run(path, live=live) as run:
        directory.mkdir(parents=True, exist_ok=True)
        meta = run.meta
        series = time_series(run)
        dose_table = doses(run)
        dose_times = sorted(set(dose_table["time_h"])) if len(dose_table) else []
        pictures = []

        def add(kind, name, fig, section, caption, grid=False):
            pictures.append(Picture(_save(fig, directory / name), section, caption, run_figures.pixels(kind), grid))

        bio = biodistribution(run)
        if len(dose_table) and bio.shape[1]:
            given = float(dose_table["cells_given"].sum())
            add("biodistribution", "biodistribution.png", run_figures.biodistribution_figure(bio, dose_times, meta),
                "MSC biodistribution",
                f"Dosed MSCs in each place that held any, log scale shared by all panels ({len(dose_table)} "
                f"infusion(s), {given:.3g} cells in all; dashed lines: infusions). In the body a cell counts under "
                f"its phenotype at release; on the lattice under its current label.")
        add("msc_balance", "msc_balance.png", run_figures.msc_balance_figure(series, meta), "MSC polarization",
            "Left: share of the lattice MSCs that are MSC1 (pro-inflammatory), MSC0 and MSC2 (immunosuppressive), "
            "with the MSC balance (MSC2 − MSC1)/all on the right axis. Right: the Yin–Yang dial at the end of "
            "the run (arrow) and averaged over time (dotted), from −1 (all MSC1) to +1 (all MSC2).")
        add("immune_balance", "immune_balance.png", run_figures.immune_balance_figure(series, dose_times, meta),
            "Immune balance",
            "The balance/* series, log2((a + 1)/(b + 1)) of the cell counts named in each title: 0 means equal, "
            "+1 twice as many of the first. Blue half: the regulatory side; vermillion half: the inflammatory side.")
        add("disease", "disease.png", run_figures.disease_figure(series, dose_times, meta), "Damage and disease activity",
            "Disease activity (0–100, fixed axis) and the mean damage of the lattice's voxels over time.")
        add("cells", "cells.png", run_figures.cells_figure(series, dose_times, meta), "Cells on the lattice",
            "Cells of each type over time on a log axis (a type absent at a time leaves a gap).")
        for name in _shown_fields(run):
            fig, caption = field_figure(run, name, meta)
            add("field", f"field_{name}.png", fig, "Cytokine and tissue fields (last snapshot)", caption, grid=True)
        if run.agent_snapshot_count:
            voxel_um, shape = lattice_geometry(run)
            fig, agents = lattice_figure(run, -1, voxel_um, shape, figsize=run_figures.SIZES["lattice"],
                                         dpi=run_figures.DPI)
            run_figures.footer(fig, meta)
            add("lattice", "lattice.png", fig, "The lattice",
                f"Every cell at its voxel at t = {agents.attrs['time_h']:g} h: marker = cell type, colour = state "
                f"(Okabe–Ito colours: grey resting/naive/MSC0, orange activated, vermillion pro-inflammatory, purple "
                f"Th17/plasma/pDC, green Th2, blue regulatory/MSC2). Scale bar in µm.")
            make_gif = not live and (gif if gif is not None else run.agent_snapshot_count >= GIF_SNAPSHOTS)
            if make_gif and run.agent_snapshot_count >= 2:
                gif_path = directory / "lattice.gif"
                frames = lattice_gif(run, gif_path, voxel_um, shape)
                pictures.append(Picture(gif_path, "The lattice",
                                        f"The lattice over the run ({frames} snapshots, 0.6 s each; markers and "
                                        f"colours as above).", (420, 420)))
        page = Page(title=f"mscsim run: {meta.get('scenario_name', path.stem)}",
                    intro=f"Report of {path} ({len(series)} output times, {series.index[-1]:g} h simulated).",
                    meta=_run_meta(meta, path), pictures=pictures,
                    appendix=run.scenario_toml, appendix_title="Resolved scenario (mscsim run on this text reproduces the run)")
        if live:
            page.notes.append(f"Run in progress at t = {series.index[-1]:g} h: this page shows the file so far and "
                              f"reloads every {live_refresh_s} s until the run finishes.")
            page.refresh_s = live_refresh_s
    report_html.write(page, directory)
    return page


def final_and_partial(target: Path) -> tuple:
    """(OUT.h5, OUT.h5.partial) for either name."""
    if target.name.endswith(".partial"):
        target = target.with_name(target.name[: -len(".partial")])
    return target, target.with_name(target.name + ".partial")


def follow(target, directory=None, interval_s: float = 5.0, gif=None, start_wait_s: float = 30.0,
           busy_tries: int = 10) -> Page:
    """Re-renders the report of a running run until it finishes; returns the final page.
    Waits up to start_wait_s for the run to create its file; a file that cannot be read
    busy_tries times in a row, or a run that ends without OUT.h5, raises RunFileError."""
    final, partial = final_and_partial(Path(target))
    directory = Path(directory) if directory else default_run_directory(final)
    refresh = max(1, round(interval_s))
    started = time.monotonic()
    seen_partial = False
    busy = idle = 0
    while True:
        if partial.exists():
            seen_partial = True
            # A .partial that opens as an ordinary file is no longer written (a live one
            # refuses ordinary readers): a stopped or crashed run. Seen three times in a row,
            # not the moment the finishing run reopens it to add /meta.
            idle = idle + 1 if _abandoned(partial) else 0
            if idle >= 3:
                raise RunFileError(f"{partial}: no run is writing it any more (stopped or crashed before the end)")
            try:
                run_report(partial, directory, gif, live_refresh_s=refresh)
                busy = 0
            except RunFileError as error:
                if not partial.exists():
                    continue  # renamed to OUT.h5 (finished) or removed while being read
                if not isinstance(error, RunFileBusy):
                    raise  # not an mscsim run, or damaged
                busy += 1
                if busy >= busy_tries:
                    raise
        elif final.exists():
            return run_report(final, directory, gif)
        elif seen_partial:
            raise RunFileError(f"{final}: the run ended without a finished file ({partial.name} is gone)")
        elif time.monotonic() - started > start_wait_s:
            raise RunFileError(f"{final}: no such file, and no run is writing {partial.name}")
        time.sleep(interval_s)


def _abandoned(partial: Path) -> bool:
    try:
        with h5py.File(partial, "r") as f:
            return "meta" not in f
    except (OSError, RuntimeError):  # live (SWMR), being reopened, gone, or damaged
        return False


def _shown_fields(run) -> list:
    names = run.field_names()
    ordered = [n for n in KEY_FIELDS if n in names] + [n for n in names if n not in KEY_FIELDS]
    shown = []
    for name in ordered:
        _, values = run.field(name)
        last = np.abs(values[-1])
        if name == "health" or (np.isfinite(last).any() and np.nanmax(last) > 0):
            shown.append(name)
    return shown


def _run_meta(meta: dict, path: Path) -> dict:
    keys = [("scenario", "scenario_name"), ("seed", "seed"), ("mscsim version", "version"),
            ("commit", "git_commit"), ("started (UTC)", "started_utc"), ("simulated (h)", "duration_h"),
            ("time step (h)", "dt_h"), ("threads", "threads"), ("wall time (s)", "wall_s")]
    table = {"file": str(path)}
    for label, key in keys:
        if key in meta:
            value = meta[key]
            table[label] = f"{value:.3g}" if isinstance(value, float) else value
    return table


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/report", description=__doc__.splitlines()[0])
    parser.add_argument("target", help="a run file OUT.h5, or a sweep folder")
    parser.add_argument("-o", "--output", help="folder to write (default: OUT_report beside OUT.h5, or SWEEP_DIR/report)")
    gif = parser.add_mutually_exclusive_group()
    gif.add_argument("--gif", dest="gif", action="store_true", default=None,
                     help="animate the lattice snapshots (default: when the run has >= 3)")
    gif.add_argument("--no-gif", dest="gif", action="store_false")
    parser.add_argument("--follow", action="store_true",
                        help="re-render while the run writes OUT.h5.partial, until it finishes")
    parser.add_argument("--interval", type=float, default=5.0, metavar="S",
                        help="seconds between re-renders with --follow (default 5)")
    args = parser.parse_args(argv)
    target = Path(args.target)
    try:
        if args.follow:
            if args.interval <= 0:
                raise RunFileError(f"--interval must be positive, not {args.interval:g}")
            page = follow(target, args.output, args.interval, args.gif)
            out = Path(args.output) if args.output else default_run_directory(final_and_partial(target)[0])
        elif target.is_dir():
            from .sweep_report import SweepReportError, sweep_report
            try:
                page = sweep_report(target, args.output)
            except SweepReportError as error:
                raise RunFileError(str(error)) from None
            out = Path(args.output) if args.output else target / "report"
        else:
            page = run_report(target, args.output, args.gif)
            out = Path(args.output) if args.output else default_run_directory(target)
    except RunFileError as error:
        print(f"scripts/report: {error}", file=sys.stderr)
        return 2
    print(f"{len(page.pictures)} pictures and {out / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
