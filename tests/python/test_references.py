"""Every citation a user sees resolves inside the repository: each "Author Year" in a parameter's
reference, a scenario file, docs/*.md or the README is a key of docs/references.md, every
parameter reference names a source or says `assumption`/`calibrated`, and nothing points at
files users do not have (the internal model specification, the seed reviews)."""

import os
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

BINARY = os.environ.get("MSCSIM_BINARY")
ROOT = Path(os.environ.get("MSCSIM_SOURCE_DIR", Path(__file__).resolve().parents[2]))
REFERENCES = ROOT / "docs" / "references.md"

# "Surname 2008", "Le Blanc 2003", "Di Nicola 2002", "Bernardo & Fibbe 2013", "Saltelli et al. 2010";
# a year followed by "-<digit>" is an ISO date ("Measured 2026-12-03"), not a citation.
PARTICLE = r"(?:(?:[Vv]an|[Dd]e|[Ll]e|[Dd]i|la|von|der|den)\s)"
SURNAME = PARTICLE + r"*[A-Z][A-Za-z'\-]+"
CITATION = re.compile(r"\b(" + SURNAME + r"(?:\s(?:&|and)\s" + SURNAME + r")?)(?:\set\sal\.?)?,?\s((?:19|20)\d\d)\b(?!-\d)")
# Capitalised words followed by a year that are not citations.
NOT_AUTHORS = {"January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December", "Debian", "Ubuntu", "Version", "Since", "In", "From",
               "Until", "Before", "After", "Standard", "Copyright", "ISO", "Python", "C"}
# Pointers to texts that ship only with the project's internal notes, not with mscsim.
INTERNAL = re.compile(r"MODEL\.md|(?<![-\w])seed [12](?=[,;:)])|seed tables|\bseeds/")


def fold(text: str) -> str:
    """Accents off (François -> Francois), so either spelling matches the key."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def reference_keys() -> set:
    keys = {fold(m.group(1).strip()) for m in re.finditer(r"^### (.+)$", REFERENCES.read_text(), re.M)}
    assert keys, "docs/references.md lists no keys"
    return keys


def unresolved(text: str, keys: set) -> list:
    """Citations in text that are not keys of docs/references.md."""
    found = []
    for m in CITATION.finditer(fold(text)):
        author, year = m.group(1), m.group(2)
        words = author.split()
        if words[0] in NOT_AUTHORS:
            continue
        # The match may start with a capitalised word of the sentence ("Source. Le Blanc 2008"):
        # accept the citation if any suffix of the words is a key.
        if not any(f"{' '.join(words[i:])} {year}" in keys for i in range(len(words))):
            found.append(f"{author} {year}")
    return found


def user_visible_texts():
    for path in sorted((ROOT / "scenarios").rglob("*.toml")):
        yield path
    for path in sorted((ROOT / "docs").glob("*.md")):
        yield path
    yield ROOT / "README.md"


@pytest.mark.parametrize("path", list(user_visible_texts()), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_citation_in_the_file_is_a_reference_key(path):
    if path == REFERENCES:
        return
    text = path.read_text()
    missing = unresolved(text, reference_keys())
    assert not missing, f"{path.relative_to(ROOT)} cites sources missing from docs/references.md: {missing}"
    internal = sorted({m.group(0) for m in INTERNAL.finditer(text)})
    assert not internal, f"{path.relative_to(ROOT)} points at texts users do not have: {internal}"


def test_no_user_visible_script_mentions_the_internal_specification():
    # The code is read too (models/ cites its rules): no file points at the internal spec.
    paths = [p for d in ("analysis", "scripts", "app", "sim", "models", "tests") for p in (ROOT / d).rglob("*")
             if p.is_file() and p != Path(__file__).resolve()]
    offenders = [str(p.relative_to(ROOT)) for p in paths
                 if p.suffix in {"", ".py", ".cpp", ".hpp", ".sh", ".md", ".cmake", ".txt"}
                 and "MODEL.md" in p.read_text(errors="replace")]
    assert not offenders, f"mention MODEL.md: {offenders}"


def test_references_page_keys_are_unique_and_well_formed():
    headings = re.findall(r"^### (.+)$", REFERENCES.read_text(), re.M)
    assert len(headings) == len(set(headings)), "a key appears twice in docs/references.md"
    for key in headings:
        assert CITATION.fullmatch(fold(key)), f"key {key!r} is not 'Author Year'"


def test_the_citation_parser_sees_what_it_should():
    keys = {"Ren 2008", "Le Blanc 2003", "Bernardo & Fibbe 2013", "Francois 2012"}
    assert unresolved("Ren 2008; Le Blanc 2003 and Bernardo & Fibbe 2013, François 2012", keys) == []
    assert unresolved("Source. Ren 2008 (Nobody 1999)", keys) == ["Nobody 1999"]
    assert unresolved("see Saltelli et al. 2010", keys) == ["Saltelli 2010"]
    assert INTERNAL.search("(seed 2; Nemeth 2009)") and INTERNAL.search("MODEL.md section 3")
    assert not INTERNAL.search("mscsim run --seed 2, then") and not INTERNAL.search("the seed 12345")


@pytest.mark.skipif(not BINARY, reason="needs MSCSIM_BINARY (run through ctest)")
def test_every_parameter_reference_names_a_source_or_an_assumption():
    out = subprocess.run([BINARY, "parameters"], capture_output=True, text=True, check=True).stdout
    keys = reference_keys()
    bad = []
    for line in out.splitlines():
        key, _, rest = line.partition(" = ")
        reference = rest.split("]  ", 1)[1] if "]  " in rest else ""
        problems = unresolved(reference, keys)
        if INTERNAL.search(reference):
            problems.append("points at the internal specification or the seed reviews")
        cites_a_key = len(list(CITATION.finditer(fold(reference)))) > 0
        if not (cites_a_key or "assumption" in reference or "calibrated" in reference):
            problems.append("names neither a source nor an assumption")
        if problems:
            bad.append(f"{key}: {reference!r}: {problems}")
    assert not bad, "\n".join(bad)


def test_an_iso_date_is_not_a_citation_but_an_unknown_author_year_is():
    keys = reference_keys()
    assert unresolved("Measured 2026-12-03 on the shared machine.", keys) == []
    assert unresolved("As Nobodyknown 2026 showed.", keys) == ["Nobodyknown 2026"]
