"""Answer checks that staff write: questions to the assistant and what the answer must hold.

A check file (``tests/answers/*.yml``) is a YAML list of cases::

    - navn: Pris på kørsel i Lejre
      kommune: Lejre            # or null: the citizen names it (or not) in the questions
      spørgsmål:                # the turns of one conversation
        - hvad koster korsel til traening?
      skal_indeholde: ["41 kr.", "Kilde:", "Lejre Kommune"]
      må_ikke_indeholde: ["72 33 58 50"]

The expectations are checked against the replies to the *last* question, joined. Matching
ignores upper/lower case and treats any run of spaces and line breaks as one space. Field names
may be written without æ/ø/å ("spoergsmaal", "maa_ikke_indeholde"). See docs/answer-checks.md.

``genoptraening check``, the staff shell's ``/test`` (``genoptraening.staff.check`` re-exports
this module) and the staff console's Svartjek page all load and check cases here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import BaseModel, Extra, Field, ValidationError, root_validator, validator

from genoptraening.core.register import get_register
from genoptraening.core.text import skeleton, squeeze
from genoptraening.settings import get_settings

if TYPE_CHECKING:
    from genoptraening.ops.assistant import AssistantClient

#: The field names as staff write them, in the order they are explained.
FIELDS = ("navn", "kommune", "spørgsmål", "skal_indeholde", "må_ikke_indeholde")
_FIELD_BY_SKELETON = {skeleton(name): name for name in FIELDS}
_NULL_TAG = "tag:yaml.org,2002:null"


class CaseFileError(Exception):
    """One or more check files are broken; ``problems`` says where and what, in Danish."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


class _Loader(yaml.SafeLoader):
    """YAML without surprises for staff: every value is text, except an empty one or null.

    Plain YAML would read ``112`` as a number, ``2023-06-12`` as a date and ``no`` as false.
    A field written twice in one case is an error rather than silently overwritten.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"feltet »{key}« står to gange i samme tilfælde",
                    key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag == _NULL_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _as_list(value: Any) -> Any:
    # One question or one text may be written without the list brackets.
    if isinstance(value, str):
        return [value]
    for number, item in enumerate(value if isinstance(value, list) else [], start=1):
        if isinstance(item, dict):
            # YAML reads an unquoted "Kilde: ..." as a field, not as text.
            key = next(iter(item), "")
            raise ValueError(f"nr. {number} blev læst som et felt (»{key}: …«); sæt teksten "
                             f'i anførselstegn, fx "{key}:"')
    return value


class CaseSpec(BaseModel):
    """One case as written in a check file (validation only)."""

    name: str = Field(alias="navn")
    municipality: str | None = Field(None, alias="kommune")
    questions: list[str] = Field(alias="spørgsmål")
    must_contain: list[str] = Field(default_factory=list, alias="skal_indeholde")
    must_not_contain: list[str] = Field(default_factory=list, alias="må_ikke_indeholde")

    class Config:
        extra = Extra.forbid
        anystr_strip_whitespace = True

    _lists = validator("questions", "must_contain", "must_not_contain", pre=True,
                       allow_reuse=True)(_as_list)

    @validator("name")
    def _name_given(cls, value: str) -> str:
        if not value:
            raise ValueError("er tomt: giv tilfældet et navn")
        return value

    @validator("municipality")
    def _known_municipality(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        found = get_register().lookup(value)
        if found is None:
            raise ValueError(f"kender ikke kommunen »{value}«; skriv fx »Hjørring« eller "
                             "»Lejre«, eller null for ingen kommune")
        return found.name

    @validator("questions")
    def _questions_given(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError("er tomt: skriv mindst ét spørgsmål")
        if any(not text for text in value):
            raise ValueError("indeholder et tomt spørgsmål")
        return value

    @validator("must_contain", "must_not_contain")
    def _no_empty_text(cls, value: list[str]) -> list[str]:
        if any(not text for text in value):
            raise ValueError("indeholder en tom tekst")
        return value

    @root_validator(skip_on_failure=True)
    def _checks_something(cls, values: dict[str, Any]) -> dict[str, Any]:
        required, forbidden = values["must_contain"], values["must_not_contain"]
        if not required and not forbidden:
            raise ValueError("tjekker ikke noget: skriv mindst én tekst under skal_indeholde "
                             "eller må_ikke_indeholde")
        both = sorted({squeeze(t) for t in required} & {squeeze(t) for t in forbidden})
        if both:
            raise ValueError(f"»{both[0]}« står både under skal_indeholde og "
                             "må_ikke_indeholde")
        return values


@dataclass(frozen=True)
class Case:
    """A validated case, with the file and line it came from."""

    name: str
    municipality: str | None
    questions: tuple[str, ...]
    must_contain: tuple[str, ...]
    must_not_contain: tuple[str, ...]
    file: Path
    line: int = 0


@dataclass
class CaseResult:
    """What happened when a case was put to the assistant."""

    case: Case
    replies: list[str] = field(default_factory=list)  # to the last question
    missing: list[str] = field(default_factory=list)
    forbidden: list[str] = field(default_factory=list)
    error: str | None = None  # the assistant did not answer
    intent: str = ""  # how the last question was understood
    confidence: float = 0.0

    @property
    def passed(self) -> bool:
        """Tell whether everything required is there and nothing forbidden is."""
        return self.error is None and not self.missing and not self.forbidden


# --- Loading --------------------------------------------------------------------------------


def default_files(folder: Path | None = None) -> list[Path]:
    """Return the check files of a folder (the settings' ``answers_dir``), sorted by name.

    Empty when no folder is given and the settings have none (an installed package).
    """
    folder = folder or get_settings().answers_dir
    return sorted(folder.glob("*.yml")) if folder is not None else []


def display_path(path: Path) -> str:
    """Show a path relative to the project when it lies inside it."""
    try:
        return str(path.resolve().relative_to(get_settings().home))
    except ValueError:
        return str(path)


def load_files(paths: Iterable[Path]) -> list[Case]:
    """Load and validate check files (folders mean their ``*.yml`` files).

    Raises:
        CaseFileError: With every problem of every file, each saying file, case and what.

    """
    cases: list[Case] = []
    problems: list[str] = []
    for path in paths:
        for file in default_files(path) if path.is_dir() else [path]:
            try:
                cases.extend(load_file(file))
            except CaseFileError as exc:
                problems.extend(exc.problems)
    if problems:
        raise CaseFileError(problems)
    return cases


def load_file(path: Path) -> list[Case]:
    """Load and validate one check file.

    Raises:
        CaseFileError: With every problem found, in Danish.

    """
    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CaseFileError([f"{shown}: filen findes ikke"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CaseFileError([f"{shown}: filen kan ikke læses ({exc})"]) from None
    data, lines = _parse(text, shown)
    if data is None:
        raise CaseFileError([f"{shown}: filen indeholder ingen tilfælde"])
    if not isinstance(data, list):
        raise CaseFileError([f"{shown}: filen skal være en liste af tilfælde, hvor hvert "
                             "tilfælde starter med »- navn: …«"])
    cases: list[Case] = []
    problems: list[str] = []
    names: dict[str, int] = {}
    for index, item in enumerate(data):
        line = lines[index] if index < len(lines) else 0
        where = _where(shown, index, line, item)
        if not isinstance(item, dict):
            problems.append(f"{where}: tilfældet skal bestå af felterne {', '.join(FIELDS)}")
            continue
        name = item.get("navn")
        if isinstance(name, str) and name.strip() in names:
            problems.append(f"{where}: navnet er også brugt i tilfælde {names[name.strip()]}; "
                            "giv hvert tilfælde sit eget navn")
            continue
        if isinstance(name, str) and name.strip():
            names[name.strip()] = index + 1
        try:
            spec = CaseSpec.parse_obj(_normalise_keys(item))
        except ValidationError as exc:
            problems.extend(f"{where}: {message}" for message in _danish_errors(exc))
            continue
        cases.append(Case(spec.name, spec.municipality, tuple(spec.questions),
                          tuple(spec.must_contain), tuple(spec.must_not_contain), path, line))
    if problems:
        raise CaseFileError(problems)
    return cases


def _parse(text: str, shown: str) -> tuple[Any, list[int]]:
    """Read the YAML; return the data and the line each list item starts on."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        at = f" (linje {mark.line + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise CaseFileError([
            f"{shown}: filen er ikke gyldig YAML{at}. Sæt spørgsmål og tekster i anførselstegn, "
            f'fx ["hvad koster det?"], og ryk felterne ind under »- navn:« '
            f"(YAML siger: {problem})"]) from None
    finally:
        loader.dispose()
    lines = ([item.start_mark.line + 1 for item in node.value]
             if isinstance(node, yaml.SequenceNode) else [])
    return data, lines


def _where(shown: str, index: int, line: int, item: Any) -> str:
    name = item.get("navn") if isinstance(item, dict) else None
    label = f"tilfælde {index + 1}" + (f" »{name}«" if isinstance(name, str) and name else "")
    return f"{shown}, {label}" + (f" (linje {line})" if line else "")


def _normalise_keys(item: dict[Any, Any]) -> dict[Any, Any]:
    """Map "Spørgsmål", "spoergsmaal" and "sporgsmal" alike to the field name."""
    normalised: dict[Any, Any] = {}
    for key, value in item.items():
        folded = skeleton(str(key)).replace(" ", "_") if isinstance(key, str) else key
        normalised[_FIELD_BY_SKELETON.get(folded, key)] = value
    return normalised


_MESSAGES = {
    "value_error.missing": "mangler",
    "type_error.none.not_allowed": "er tomt",
    "type_error.list": "skal være en liste, fx [\"tekst 1\", \"tekst 2\"]",
    "type_error.str": "skal være tekst",
}


def _danish_errors(exc: ValidationError) -> list[str]:
    """Say pydantic's validation errors in Danish: field, position, what is wrong."""
    messages = []
    for error in exc.errors():
        loc = [part for part in error["loc"] if part != "__root__"]
        kind = str(error["type"])
        if kind == "value_error.extra":
            messages.append(f"ukendt felt »{loc[0]}«; felterne er {', '.join(FIELDS)}")
            continue
        if kind.startswith("value_error") and kind != "value_error.missing":
            text = str(error["msg"])
        else:
            text = _MESSAGES.get(kind, str(error["msg"]))
        place = " ".join(
            f"(nr. {part + 1})" if isinstance(part, int) else f"feltet {part}" for part in loc)
        messages.append(f"{place} {text}" if place else f"tilfældet {text}")
    return messages


# --- Checking -------------------------------------------------------------------------------


def evaluate(case: Case, replies: Sequence[str]) -> CaseResult:
    """Check the replies to a case's last question against its expectations."""
    answer = squeeze("\n".join(replies))
    return CaseResult(
        case=case,
        replies=list(replies),
        missing=[t for t in case.must_contain if squeeze(t) not in answer],
        forbidden=[t for t in case.must_not_contain if squeeze(t) in answer],
    )


def run_case(client: AssistantClient, case: Case) -> CaseResult:
    """Put a case to the assistant in a fresh conversation; check the last replies."""
    import httpx

    client.new_conversation()
    turn = None
    try:
        for question in case.questions:
            turn = client.say(question, case.municipality)
    except httpx.HTTPError as exc:
        return CaseResult(case=case, error=f"assistenten svarede ikke: {exc}")
    assert turn is not None  # a case has at least one question
    result = evaluate(case, turn.texts)
    result.intent, result.confidence = turn.intent, turn.confidence
    return result
