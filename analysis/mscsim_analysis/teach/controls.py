"""The teacher's controls and the scenario keys each one sets.

A control never invents biology: it writes real scenario keys (`--set key=value`) on top
of one of the teaching scenarios. Multipliers ("IFN-γ level 2×") scale the per-cell
secretion rates the scenario resolves to, so 1× is exactly the scenario as written.
"""

from __future__ import annotations

import re
import subprocess
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

TEACHING_SCENARIOS = ("msc1_dominated", "balanced", "msc2_dominated")
TEACHING_TITLES = {
    "msc1_dominated": "MSC1-dominated (Yin)",
    "balanced": "Balanced",
    "msc2_dominated": "MSC2-dominated (Yang)",
}

# Every cell type that releases the cytokine, as in `mscsim parameters`.
IFNG_SOURCES = ("cd4_t.ifng_secretion_th1_ng_per_ml_per_h",
                "cd8_t.ifng_secretion_ctl_ng_per_ml_per_h",
                "nk.ifng_secretion_ng_per_ml_per_h")
TNFA_SOURCES = ("cd4_t.tnfa_secretion_th1_ng_per_ml_per_h",
                "cd8_t.tnfa_secretion_ctl_ng_per_ml_per_h",
                "nk.tnfa_secretion_ng_per_ml_per_h",
                "macrophage.m1_tnfa_secretion_ng_per_ml_per_h",
                "dc.mature_tnfa_secretion_ng_per_ml_per_h")
KNOCKOUTS = {"ido_knockout": "msc.ido_enabled",
             "pge2_knockout": "msc.pge2_enabled",
             "tgfb_knockout": "msc.tgfb_enabled"}
PRIMINGS = ("none", "poly_ic_tlr3", "lps_tlr4")

# Settings the app adds to every run: agent snapshots every 6 h give the lattice frames.
APP_SETTINGS = {"run.snapshot_every_h": 6.0}


@dataclass(frozen=True)
class Control:
    id: str
    label: str
    kind: str                      # "slider", "switch" or "choice"
    keys: tuple[str, ...]
    tooltip: str
    minimum: float = 0.0
    maximum: float = 1.0
    step: float = 1.0
    unit: str = ""
    choices: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    def as_json(self) -> dict:
        out = {"id": self.id, "label": self.label, "kind": self.kind, "keys": list(self.keys),
               "tooltip": self.tooltip, "unit": self.unit}
        if self.kind == "slider":
            out.update(min=self.minimum, max=self.maximum, step=self.step)
        if self.choices:
            out["choices"] = [list(c) for c in self.choices]
        return out


CONTROLS = (
    Control("th1_count", "Th1 cells at the start", "slider", ("cd4_t.initial_count",),
            "Sets cd4_t.initial_count (the teaching scenarios start them as Th1, "
            "cd4_t.initial_state = \"th1\"). Th1 cells are the main source of IFN-γ and TNF-α: "
            "60 in MSC1-dominated, 200 in balanced, 600 in MSC2-dominated.",
            0, 800, 20, "cells"),
    Control("ifng_level", "IFN-γ level", "slider", IFNG_SOURCES,
            "Multiplies the IFN-γ each producing cell releases: " + ", ".join(IFNG_SOURCES) +
            " (1× = the scenario's value, 30 ng/mL/h per cell). IFN-γ licenses MSCs toward MSC2.",
            0, 3, 0.1, "×"),
    Control("tnfa_level", "TNF-α level", "slider", TNFA_SOURCES,
            "Multiplies the TNF-α each producing cell releases: " + ", ".join(TNFA_SOURCES) +
            " (1× = the scenario's values). TNF-α co-licenses with IFN-γ (Ren 2008).",
            0, 3, 0.1, "×"),
    Control("damage", "Tissue injury", "slider", ("fields.damp.initial_ng_per_ml",),
            "Sets fields.damp.initial_ng_per_ml: danger signals (DAMPs, TLR4 ligands) released "
            "by injured tissue, present at the start. They push MSCs toward MSC1 (3 in MSC1-dominated, 0 elsewhere).",
            0, 5, 0.5, "ng/mL"),
    Control("priming", "TLR priming of the MSCs", "choice", ("msc.priming",),
            "Sets msc.priming: none, poly(I:C) through TLR3 (favours MSC2) or LPS through TLR4 "
            "(favours MSC1), Waterman 2010.",
            choices=(("none", "none"), ("poly_ic_tlr3", "TLR3 (poly(I:C)) → MSC2"),
                     ("lps_tlr4", "TLR4 (LPS) → MSC1"))),
    Control("msc_count", "MSC dose", "slider", ("msc.initial_count",),
            "Sets msc.initial_count: MSCs placed on the lattice at the start (300 in all three "
            "teaching scenarios). The page shows the MSC:T-cell ratio beside it.",
            0, 1000, 25, "cells"),
    Control("freshly_thawed", "Freshly thawed MSCs", "switch", ("msc.freshly_thawed",),
            "Sets msc.freshly_thawed = true: straight from the freezer, a fifth of the cells die "
            "(msc.thaw_viability) and the rest respond weakly for about a day "
            "(msc.thaw_recovery_h; Francois 2012). Off: acclimated in culture."),
    Control("ido_knockout", "IDO knocked out", "switch", ("msc.ido_enabled",),
            "Sets msc.ido_enabled = false: MSCs make no kynurenine (Meisel 2004)."),
    Control("pge2_knockout", "PGE2 knocked out", "switch", ("msc.pge2_enabled",),
            "Sets msc.pge2_enabled = false: MSCs make no PGE2 (COX-2 blocked; Spaggiari 2008, "
            "Nemeth 2009)."),
    Control("tgfb_knockout", "TGF-β knocked out", "switch", ("msc.tgfb_enabled",),
            "Sets msc.tgfb_enabled = false: MSCs release no TGF-β, neither active nor basal "
            "(Di Nicola 2002)."),
    Control("duration_h", "Simulated time", "slider", ("run.duration_h",),
            "Sets run.duration_h (the teaching scenarios simulate 72 h).", 12, 72, 12, "h"),
    Control("seed", "Random seed", "slider", ("run.seed",),
            "Sets run.seed. The same seed and settings always give the same run; change it "
            "to see how much chance alone moves the result.", 1, 50, 1, ""),
)
CONTROL_BY_ID = {c.id: c for c in CONTROLS}

_PARAMETER_LINE = re.compile(r"^([A-Za-z0-9_.*]+) = (.*?)  \[")


def catalogue_defaults(binary: str | Path) -> dict:
    """Every parameter's default, from `mscsim parameters` (the real catalogue)."""
    text = subprocess.run([str(binary), "parameters"], check=True, capture_output=True,
                          text=True, timeout=60).stdout
    out = {}
    for line in text.splitlines():
        m = _PARAMETER_LINE.match(line)
        if m:
            try:
                out[m.group(1)] = tomllib.loads("v = " + m.group(2))["v"]
            except tomllib.TOMLDecodeError:
                continue
    return out


def _lookup(table: dict, key: str):
    node = table
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


class Scenario:
    """A teaching scenario: its file, its resolved values of the controls' keys."""

    def __init__(self, name: str, path: Path, defaults: dict):
        self.name = name
        self.path = path
        self.title = TEACHING_TITLES.get(name, name)
        self.text = path.read_text(encoding="utf-8")
        self.table = tomllib.loads(self.text)
        self._defaults = defaults

    def value(self, key: str):
        v = _lookup(self.table, key)
        return self._defaults.get(key) if v is None else v

    def control_values(self) -> dict:
        """The controls as this scenario sets them (multipliers are 1)."""
        return {
            "th1_count": int(self.value("cd4_t.initial_count") or 0),
            "ifng_level": 1.0,
            "tnfa_level": 1.0,
            "damage": float(self.value("fields.damp.initial_ng_per_ml") or 0.0),
            "priming": str(self.value("msc.priming") or "none"),
            "msc_count": int(self.value("msc.initial_count") or 0),
            "freshly_thawed": bool(self.value("msc.freshly_thawed")),
            "ido_knockout": not self.value("msc.ido_enabled"),
            "pge2_knockout": not self.value("msc.pge2_enabled"),
            "tgfb_knockout": not self.value("msc.tgfb_enabled"),
            "duration_h": float(self.value("run.duration_h")),
            "seed": int(self.value("run.seed")),
        }

    def t_cell_count(self, values: dict) -> int:
        """T cells at the start (CD4 from the control, CD8 from the scenario)."""
        return int(values["th1_count"]) + int(self.value("cd8_t.initial_count") or 0)


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, float):
        return repr(round(value, 6))
    return str(value)


def _checked(control: Control, raw):
    if control.kind == "switch":
        if not isinstance(raw, bool):
            raise ValueError(f"{control.id}: expected true or false, got {raw!r}")
        return raw
    if control.kind == "choice":
        allowed = [c[0] for c in control.choices]
        if raw not in allowed:
            raise ValueError(f"{control.id}: expected one of {', '.join(allowed)}, got {raw!r}")
        return raw
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        raise ValueError(f"{control.id}: expected a number, got {raw!r}")
    if not control.minimum <= raw <= control.maximum:
        raise ValueError(f"{control.id}: {raw} is outside [{control.minimum}, {control.maximum}]")
    return raw


def overrides(scenario: Scenario, values: dict) -> list[str]:
    """The `--set key=value` list that turns `scenario` into what the controls say.

    Only keys whose value differs from the scenario's are written, so the command line a
    teacher sees shows exactly what was changed; the app's own settings come last."""
    unknown = set(values) - set(CONTROL_BY_ID)
    if unknown:
        raise ValueError(f"unknown control(s): {', '.join(sorted(unknown))}")
    merged = scenario.control_values()
    for key, raw in values.items():
        merged[key] = _checked(CONTROL_BY_ID[key], raw)
    wanted: dict[str, object] = {
        "cd4_t.initial_count": int(merged["th1_count"]),
        "fields.damp.initial_ng_per_ml": float(merged["damage"]),
        "msc.priming": merged["priming"],
        "msc.initial_count": int(merged["msc_count"]),
        "msc.freshly_thawed": bool(merged["freshly_thawed"]),
        "run.duration_h": float(merged["duration_h"]),
        "run.seed": int(merged["seed"]),
    }
    for control_id, key in KNOCKOUTS.items():
        wanted[key] = not merged[control_id]
    for keys, factor in ((IFNG_SOURCES, merged["ifng_level"]), (TNFA_SOURCES, merged["tnfa_level"])):
        for key in keys:
            wanted[key] = float(scenario.value(key)) * float(factor)
    out = []
    for key, value in wanted.items():
        current = scenario.value(key)
        if isinstance(value, float) and isinstance(current, (int, float)) and not isinstance(current, bool):
            if abs(float(current) - value) <= 1e-12 * max(1.0, abs(value)):
                continue
        elif value == current:
            continue
        out.append(f"{key}={_toml_value(value)}")
    out += [f"{key}={_toml_value(value)}" for key, value in APP_SETTINGS.items()]
    return out


def load_scenarios(source_dir: Path, defaults: dict) -> dict[str, Scenario]:
    folder = source_dir / "scenarios" / "teaching"
    return {name: Scenario(name, folder / f"{name}.toml", defaults) for name in TEACHING_SCENARIOS}
