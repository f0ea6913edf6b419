"""The domain's words for what a run file stores as codes and identifiers.

A run file names its populations (`type_names` of each agent snapshot) and stores each
cell's state as an integer code. Files written since the state columns carry their names
(attribute `value_names.<population>` of the `state` column, docs/output-format.md) name
the codes themselves, and readers use those names first. For older files the names come
from this module's copy of the C++ models' table (`models/common/cell_states.hpp`, and each
model's `state_names()` list, which is also what `mscsim parameters` prints as the allowed
values of `<population>.initial_state`). tests/python/test_report_vocabulary.py fails
when the C++ enumeration changes and this table does not.

Everything a picture shows a researcher goes through here: "CD4 T cells", not `cd4_t`.
"""

from __future__ import annotations

# State code -> state name, per population, in the order of the C++ enumerations
# (models/common/cell_states.hpp). MSCs have no state column: their phenotype is read from
# `polarization` against msc.phenotype_threshold (msc_phenotype below).
STATE_NAMES = {
    "cd4_t": ["naive", "activated", "th1", "th2", "th17"],
    "cd8_t": ["naive", "ctl"],
    "treg": ["natural", "induced"],
    "b_cell": ["naive", "activated", "plasma", "breg"],
    "nk": ["resting", "activated"],
    "dc": ["immature", "mature", "tolerogenic", "plasmacytoid"],
    "macrophage": ["m0", "m1", "m2"],
}

# The C++ enum class behind each population's codes (used by the test that parses the header).
STATE_ENUMS = {
    "cd4_t": "Cd4State", "cd8_t": "Cd8State", "treg": "TregState", "b_cell": "BCellState",
    "nk": "NkState", "dc": "DendriticState", "macrophage": "MacrophageState",
}

MSC_PHENOTYPES = ["msc0", "msc1", "msc2"]
DEFAULT_PHENOTYPE_THRESHOLD = 0.33  # msc.phenotype_threshold default (docs/parameters.md)

POPULATION_LABELS = {
    "msc": "MSCs", "cd4_t": "CD4 T cells", "cd8_t": "CD8 T cells", "treg": "Tregs",
    "b_cell": "B cells", "nk": "NK cells", "dc": "dendritic cells", "macrophage": "macrophages",
    "total": "all cells",
}

STATE_LABELS = {
    ("cd4_t", "naive"): "naive CD4", ("cd4_t", "activated"): "activated CD4",
    ("cd4_t", "th1"): "Th1", ("cd4_t", "th2"): "Th2", ("cd4_t", "th17"): "Th17",
    ("cd8_t", "naive"): "naive CD8", ("cd8_t", "ctl"): "CTL (cytotoxic CD8)",
    ("treg", "natural"): "natural Treg", ("treg", "induced"): "induced Treg",
    ("b_cell", "naive"): "naive B", ("b_cell", "activated"): "activated B",
    ("b_cell", "plasma"): "plasma cell", ("b_cell", "breg"): "Breg",
    ("nk", "resting"): "resting NK", ("nk", "activated"): "activated NK",
    ("dc", "immature"): "immature DC", ("dc", "mature"): "mature DC",
    ("dc", "tolerogenic"): "tolerogenic DC", ("dc", "plasmacytoid"): "plasmacytoid DC",
    ("macrophage", "m0"): "M0 macrophage", ("macrophage", "m1"): "M1 macrophage",
    ("macrophage", "m2"): "M2 macrophage",
    ("msc", "msc0"): "MSC0 (unpolarized)", ("msc", "msc1"): "MSC1 (pro-inflammatory)",
    ("msc", "msc2"): "MSC2 (immunosuppressive)",
}

FIELD_LABELS = {
    "ifng": "IFN-γ", "tnfa": "TNF-α", "il10": "IL-10", "il2": "IL-2", "il4": "IL-4", "il6": "IL-6",
    "il12": "IL-12", "il17": "IL-17", "tgfb": "TGF-β", "pge2": "PGE2", "kyn": "kynurenine (IDO)",
    "ccl2": "CCL2", "cxcl12": "CXCL12", "damp": "DAMPs", "health": "tissue health",
    "antigen": "antigen", "antibody": "antibody", "il1b": "IL-1β", "dsrna": "dsRNA (TLR3 ligand)",
}

# Fields with a natural scale: colour limits fixed to it rather than to the run's range.
FIELD_NATURAL_LIMITS = {"health": (0.0, 1.0)}

COMPARTMENT_LABELS = {
    "venous_blood": "venous blood", "arterial_blood": "arterial blood", "lung": "lungs",
    "liver": "liver", "spleen": "spleen", "lymph_node": "lymph nodes", "bone_marrow": "bone marrow",
    "target": "target organ vessels", "target_tissue": "target tissue (off lattice)", "csf": "CSF",
    "peritoneum": "peritoneum", "cleared": "cleared (dead)", "lattice": "lattice (simulated tissue)",
}
COMPARTMENTS = list(COMPARTMENT_LABELS)

# balance/* series: log2((a + 1) / (b + 1)) (models/tissue/immune_readouts.cpp); what a
# positive and a negative value mean, in words.
BALANCE_LABELS = {
    "balance/treg_vs_th1_th17_ctl": ("Treg vs effectors (Th1 + Th17 + CTL)", "Tregs", "effectors"),
    "balance/m2_vs_m1": ("M2 vs M1 macrophages", "M2", "M1"),
    "balance/toldc_vs_mdc": ("tolerogenic vs mature DCs", "tolDC", "mDC"),
    "balance/breg_vs_activated_b_plasma": ("Breg vs activated B + plasma cells", "Breg", "activated B + plasma"),
    "balance/th1_vs_th2": ("Th1 vs Th2", "Th1", "Th2"),
    "balance/th17_vs_treg": ("Th17 vs Treg", "Th17", "Tregs"),
}

SERIES_LABELS = {
    "tissue/disease_activity": "disease activity (score 0–100)",
    "tissue/mean_damage": "mean tissue damage (0–1)",
    "balance/msc_balance": "MSC balance (−1 MSC1 … +1 MSC2)",
    "t_proliferation/mean_divisions": "T-cell divisions (mean per precursor)",
}

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour
# vision deficiency. Grey is added for resting / unpolarized cells.
OKABE_ITO = {
    "black": "#000000", "orange": "#E69F00", "sky_blue": "#56B4E9", "bluish_green": "#009E73",
    "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "reddish_purple": "#CC79A7",
    "grey": "#999999",
}
# Paul Tol's "muted" scheme (colour-blind safe, 9 colours) for many-category lines.
TOL_MUTED = ["#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677",
             "#882255", "#AA4499", "#DDDDDD"]

PHENOTYPE_COLOURS = {"msc0": OKABE_ITO["grey"], "msc1": OKABE_ITO["vermillion"], "msc2": OKABE_ITO["blue"]}

# Marker per population, colour per state: colour says what the cell does (grey resting or
# naive, orange activated, vermillion pro-inflammatory effector, purple Th17/plasma/pDC,
# blue and green regulatory), the marker says which cell it is.
POPULATION_MARKERS = {
    "msc": "*", "cd4_t": "o", "cd8_t": "^", "treg": "s", "b_cell": "v", "nk": "X", "dc": "D",
    "macrophage": "h",
}
STATE_COLOURS = {
    ("msc", "msc0"): "grey", ("msc", "msc1"): "vermillion", ("msc", "msc2"): "blue",
    ("cd4_t", "naive"): "grey", ("cd4_t", "activated"): "orange", ("cd4_t", "th1"): "vermillion",
    ("cd4_t", "th2"): "bluish_green", ("cd4_t", "th17"): "reddish_purple",
    ("cd8_t", "naive"): "grey", ("cd8_t", "ctl"): "vermillion",
    ("treg", "natural"): "blue", ("treg", "induced"): "sky_blue",
    ("b_cell", "naive"): "grey", ("b_cell", "activated"): "orange", ("b_cell", "plasma"): "reddish_purple",
    ("b_cell", "breg"): "blue",
    ("nk", "resting"): "grey", ("nk", "activated"): "orange",
    ("dc", "immature"): "grey", ("dc", "mature"): "vermillion", ("dc", "tolerogenic"): "blue",
    ("dc", "plasmacytoid"): "reddish_purple",
    ("macrophage", "m0"): "grey", ("macrophage", "m1"): "vermillion", ("macrophage", "m2"): "blue",
}


def population_label(name: str) -> str:
    return POPULATION_LABELS.get(name, name.replace("_", " "))


def state_label(population: str, state: str) -> str:
    return STATE_LABELS.get((population, state), f"{population_label(population)}: {state}")


def state_colour(population: str, state: str) -> str:
    return OKABE_ITO[STATE_COLOURS.get((population, state), "black")]


def field_label(name: str) -> str:
    return FIELD_LABELS.get(name, name)


def compartment_label(name: str) -> str:
    return COMPARTMENT_LABELS.get(name, name.replace("_", " "))


def state_name(population: str, code, names=None) -> str:
    """The name of state `code` of `population`; "" for a missing code (NaN: the population
    has no state column) and "state <code>" for a code the names do not cover. `names` are
    the file's own names of the codes (Trajectory.agents(k).attrs["value_names"]["state"]
    [population]); without them this module's table (written for older files) is used."""
    try:
        number = float(code)
    except (TypeError, ValueError):
        return ""
    if number != number:  # NaN
        return ""
    names = list(names) if names else STATE_NAMES.get(population, [])
    index = int(number)
    return names[index] if 0 <= index < len(names) and index == number else f"state {index}"


def msc_phenotype(polarization: float, threshold: float = DEFAULT_PHENOTYPE_THRESHOLD) -> str:
    """MSC1 below -threshold, MSC2 above +threshold, MSC0 between (models/msc/msc.cpp)."""
    if polarization < -threshold:
        return "msc1"
    if polarization > threshold:
        return "msc2"
    return "msc0"


def series_label(column: str) -> str:
    """A series column ("agents/cd4_t", "cd4_t/th1", "fields/ifng_mean") in words."""
    if column in SERIES_LABELS:
        return SERIES_LABELS[column]
    if column in BALANCE_LABELS:
        return BALANCE_LABELS[column][0]
    group, _, name = column.rpartition("/")
    if group == "agents":
        return population_label(name)
    if group == "fields":
        base, _, reducer = name.rpartition("_")
        return f"{field_label(base)} ({reducer})"
    if group == "msc" and name in MSC_PHENOTYPES:
        return state_label("msc", name)
    if (group, name) in STATE_LABELS:
        return state_label(group, name)
    return column.replace("_", " ")
