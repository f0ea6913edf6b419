"""Drawing the tissue lattice: cytokine fields as heatmaps in µm with a scale bar and fixed,
stated colour limits, and the cells on top, each type by marker and each state by colour
(Okabe-Ito palette, see vocabulary.py); and an animated GIF of the snapshots.
"""

from __future__ import annotations

import io
import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from mpl_toolkits.axes_grid1.anchored_artists import AnchoredSizeBar  # noqa: E402

from .frames import FieldSnapshot, agent_snapshot, field_limits  # noqa: E402
from .vocabulary import (FIELD_NATURAL_LIMITS, POPULATION_MARKERS, STATE_NAMES, MSC_PHENOTYPES,  # noqa: E402
                         field_label, state_colour, state_label)

# Draw order: many small immune cells first, MSCs last (on top).
DRAW_ORDER = ["macrophage", "dc", "nk", "b_cell", "cd8_t", "cd4_t", "treg", "msc"]


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10^k that is >= value (value > 0)."""
    exponent = math.floor(math.log10(value))
    for step in (1.0, 2.0, 2.5, 5.0, 10.0):
        candidate = step * 10.0 ** exponent
        if candidate >= value * (1 - 1e-12):
            return float(f"{candidate:.6g}")
    return 10.0 ** (exponent + 1)


def colour_limits(run, name: str) -> tuple:
    """(low, high, how): fixed colour limits for field `name`, the same for every snapshot of
    the run. A field with a natural scale uses it (health: 0-1); otherwise 0 to the run's
    maximum rounded up to 1, 2, 2.5 or 5 × 10^k, so the colour scale starts at zero and a
    5 % variation around the mean fills about 5 % of it, not all of it."""
    if name in FIELD_NATURAL_LIMITS:
        low, high = FIELD_NATURAL_LIMITS[name]
        return low, high, "its natural range"
    low, high = field_limits(run, name)
    if high <= 0:
        return 0.0, 1.0, "the field is zero everywhere"
    return min(0.0, low), nice_ceiling(high), f"0 to the run's maximum {high:.3g}, rounded up"


def scale_bar_um(width_um: float) -> float:
    """A round length near a fifth of the width (1, 2 or 5 × 10^k µm)."""
    target = width_um / 5
    exponent = math.floor(math.log10(target))
    for step in (5.0, 2.0, 1.0):
        if step * 10 ** exponent <= target:
            return step * 10 ** exponent
    return 10 ** exponent


def add_scale_bar(ax, width_um: float, colour: str = "white", boxed: bool = False) -> None:
    """A bar of a round length in µm, lower left; `boxed` puts it on a white box (over cells)."""
    length = scale_bar_um(width_um)
    bar = AnchoredSizeBar(ax.transData, length, f"{length:g} µm", "lower left", pad=0.4, color=colour,
                          frameon=boxed, size_vertical=width_um / 120, fontproperties={"size": 9})
    if boxed:
        bar.patch.set_alpha(0.85)
        bar.patch.set_edgecolor("none")
    ax.add_artist(bar)


def plane(values: np.ndarray) -> np.ndarray:
    """A 2-D field as is; a 3-D field's middle z slice."""
    return values[values.shape[0] // 2] if values.ndim == 3 else values


def draw_field(ax, snapshot: FieldSnapshot, limits: tuple, cmap: str = "viridis"):
    """The field in µm (origin lower left) with a scale bar; returns the image."""
    width, height = snapshot.extent_um
    image = ax.imshow(plane(snapshot.values), origin="lower", cmap=cmap, vmin=limits[0], vmax=limits[1],
                      extent=(0, width, 0, height), interpolation="nearest")
    add_scale_bar(ax, width)
    ax.set_xticks([])
    ax.set_yticks([])
    return image


def field_caption(snapshot: FieldSnapshot, limits: tuple) -> str:
    values = plane(snapshot.values)
    finite = values[np.isfinite(values)]
    mean = float(finite.mean()) if finite.size else float("nan")
    spread = ""
    if finite.size and mean > 0:
        spread = f"; over the lattice {finite.min():.3g}–{finite.max():.3g} (mean {mean:.3g}, " \
                 f"±{100 * max(finite.max() - mean, mean - finite.min()) / mean:.0f} %)"
    return (f"{field_label(snapshot.name)} at t = {snapshot.time_h:g} h ({snapshot.unit}). Colour scale fixed "
            f"at {limits[0]:g}–{limits[1]:g} {snapshot.unit} for every snapshot ({limits[2]}){spread}. "
            f"Voxel {snapshot.voxel_um:g} µm.")


def cell_groups(agents, lattice_z: int | None = None):
    """[(population, state, x_um-ready x, y)] groups in draw order, only those present."""
    if lattice_z is not None and "z" in agents and agents["z"].nunique() > 1:
        agents = agents[agents["z"] == lattice_z]
    file_names = agents.attrs.get("value_names", {}).get("state", {})  # the file's own state names
    groups = []
    for population in DRAW_ORDER + sorted(set(agents["population"]) - set(DRAW_ORDER)):
        cells = agents[agents["population"] == population]
        if not len(cells):
            continue
        states = MSC_PHENOTYPES if population == "msc" else list(file_names.get(population)
                                                                 or STATE_NAMES.get(population, []))
        for state in states + sorted(set(cells["state"]) - set(states)):
            part = cells[cells["state"] == state]
            if len(part):
                groups.append((population, state, part))
    return groups


def marker_size(population: str, voxel_points: float) -> float:
    """Marker area in points^2: about one voxel across, MSCs larger."""
    base = max(6.0, min(60.0, (0.9 * voxel_points) ** 2))
    return base * (2.2 if population == "msc" else 1.0)


def draw_cells(ax, agents, voxel_um: float, voxel_points: float, lattice_z: int | None = None) -> list:
    """Scatter the cells at voxel centres; returns legend handles (one per type and state)."""
    handles = []
    for population, state, part in cell_groups(agents, lattice_z):
        colour = state_colour(population, state)
        marker = POPULATION_MARKERS.get(population, "o")
        ax.scatter((part["x"] + 0.5) * voxel_um, (part["y"] + 0.5) * voxel_um, s=marker_size(population, voxel_points),
                   c=colour, marker=marker, edgecolors="black", linewidths=0.3 if population != "msc" else 0.6,
                   zorder=3 if population != "msc" else 4)
        handles.append(Line2D([], [], linestyle="", marker=marker, markersize=8, markerfacecolor=colour,
                              markeredgecolor="black", markeredgewidth=0.5,
                              label=f"{state_label(population, state)}  ({len(part)})"))
    return handles


def lattice_figure(run, snapshot: int, voxel_um: float, shape: tuple, background=None, figsize=(11.0, 8.0),
                   dpi: int = 100, title: str | None = None, legend: bool = True):
    """One agent snapshot: every cell at its voxel, marker = cell type, colour = state.
    `shape` is the lattice (ny, nx); `background` an optional (FieldSnapshot, limits) drawn
    in light grey tones underneath."""
    agents = agent_snapshot(run, snapshot)
    fig = plt.figure(figsize=figsize, dpi=dpi)
    ax = fig.add_axes([0.02, 0.06, 0.62, 0.86] if legend else [0.02, 0.02, 0.96, 0.9])
    ny, nx = shape[-2], shape[-1]
    width, height = nx * voxel_um, ny * voxel_um
    if background is not None:
        field, limits = background
        image = draw_field(ax, field, limits, cmap="Greys")
        image.set_alpha(0.35)
    ax.set_facecolor("white")
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    add_scale_bar(ax, width, colour="black", boxed=True)
    axes_points = ax.get_position().width * figsize[0] * 72
    voxel_points = axes_points / max(nx, ny)
    lattice_z = shape[0] // 2 if len(shape) == 3 else None
    handles = draw_cells(ax, agents, voxel_um, voxel_points, lattice_z)
    ax.set_title(title or f"Cells on the lattice at t = {agents.attrs['time_h']:g} h "
                          f"({len(agents)} cells; marker = cell type, colour = state)", fontsize=11)
    if legend and handles:
        columns = 1 if len(handles) <= 22 else 2
        fig.legend(handles=handles, loc="center left", bbox_to_anchor=(0.655, 0.5), fontsize=8.5 if columns == 1 else 7,
                   frameon=False, ncol=columns, title="cell type and state (count)", title_fontsize=9)
    return fig, agents


def lattice_gif(run, path, voxel_um: float, shape: tuple, max_frames: int = 40, frame_ms: int = 600) -> int:
    """An animated GIF of the agent snapshots (at most max_frames, evenly chosen); small:
    420 × 420 pixels, 64-colour palette. Returns the number of frames written."""
    from PIL import Image

    count = run.agent_snapshot_count
    chosen = sorted(set(np.linspace(0, count - 1, min(count, max_frames)).round().astype(int).tolist()))
    frames = []
    for index in chosen:
        fig, agents = lattice_figure(run, index, voxel_um, shape, figsize=(4.2, 4.2), dpi=100, legend=False,
                                     title=f"t = {run.agents(index).attrs['time_h']:g} h")
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=100)
        plt.close(fig)
        buffer.seek(0)
        frames.append(Image.open(buffer).convert("RGB").quantize(colors=64, method=Image.Quantize.MEDIANCUT))
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=frame_ms, loop=0, optimize=True)
    return len(frames)
