"""Training-data lookup tables: municipalities (with synonyms) from the register, relatives.

The files under ``data/nlu/lookups/`` are generated (``genoptraening nlu lookups``); a test
fails when they are out of date with the register or ``genoptraening.core.signals``.
"""

from __future__ import annotations

from pathlib import Path

from genoptraening.core.register import Municipality, Register
from genoptraening.core.text import drop_danish, to_ascii
from genoptraening.settings import CHECKOUT

LOOKUP_DIR = CHECKOUT / "data" / "nlu" / "lookups"


def spellings(name: str) -> list[str]:
    """Return a name as citizens write it: as is, with ae/oe/aa, and with æ/ø/å dropped."""
    variants = [name, to_ascii(name), drop_danish(name)]
    variants += [v.replace("-", " ") for v in variants if "-" in v]
    return list(dict.fromkeys(variants))


def _names(municipality: Municipality) -> list[str]:
    names = [municipality.name, *municipality.aliases]
    return list(dict.fromkeys(s for name in names for s in spellings(name)))


def render(register: Register) -> str:
    """Render the lookup table and synonyms as Rasa NLU YAML.

    Names that are everyday words (``ambiguous``, e.g. Vejen = "the road") are left out: a
    lookup table would tag every "på vejen hjem" as a municipality.
    """
    lines = [
        "# Generated from genoptraening/core/data/municipalities.yml"
        " by `genoptraening nlu lookups`.",
        "# Do not edit by hand.",
        'version: "3.1"',
        "nlu:",
        "  - lookup: municipality",
        "    examples: |",
    ]
    usable = [m for m in register.municipalities if not m.ambiguous]
    lines += [f"      - {name}" for m in usable for name in _names(m)]
    for m in usable:
        others = [n for n in _names(m) if n != m.name]
        if others:
            lines += [f"  - synonym: {m.name}", "    examples: |"]
            lines += [f"      - {name}" for name in others]
    return "\n".join(lines) + "\n"


def render_relatives() -> str:
    """Render the lookup table of relatives ("mor", "svigerfar", …) as Rasa NLU YAML."""
    from genoptraening.core.relatives import RELATIVE_NOUNS

    names = list(dict.fromkeys(s for noun in RELATIVE_NOUNS for s in spellings(noun)))
    lines = [
        "# Generated from genoptraening/core/signals.py by `genoptraening nlu lookups`.",
        "# Do not edit by hand.",
        'version: "3.1"',
        "nlu:",
        "  - lookup: relative",
        "    examples: |",
        *[f"      - {name}" for name in names],
    ]
    return "\n".join(lines) + "\n"


def rendered(register: Register) -> dict[str, str]:
    """Return each lookup file's name and content."""
    return {"municipality.yml": render(register), "relative.yml": render_relatives()}


def write(register: Register, folder: Path = LOOKUP_DIR) -> list[Path]:
    """Write the lookup files."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in rendered(register).items():
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(folder / name)
    return paths
