"""One topic of a knowledge file, read and written in place.

Writing replaces only the lines of that topic; the rest of the file (comments, line breaks,
the other topics) stays byte for byte as it was. The topic is written in the files' own style:
the answer folded one sentence a line (``>-``), the quotes in double quotes, short lists in
brackets. The new file is checked by the knowledge's own validation (the schema, and each
quote against the standard's text and its seed) before anything is written.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from genoptraening.core.knowledge import validate
from genoptraening.core.knowledge.schema import Standard, Topic
from genoptraening.core.knowledge.standards import StandardTextError, load_standard_text
from genoptraening.core.knowledge.validate import KnowledgeFileError, Problem, parse_file

#: Fields written in double quotes, as the knowledge files write them.
_QUOTED = {"number", "hours", "section", "quote", "url", "text", "start", "end", "file"}
#: Where the answer is folded: after a sentence, before a capital letter or a digit ("pr. gang"
#: and "41 kr. for" stay on one line).
SENTENCE_END = re.compile(r"(?<=[.?!])(?= [A-ZÆØÅ0-9])")


@dataclass(frozen=True)
class Place:
    """Where a topic stands in a knowledge file: ``topics.<topic>`` or under a law."""

    slug: str
    topic: str
    law: str | None = None

    @property
    def prefix(self) -> str:
        """The topic's path in the file, as validation problems name it."""
        return f"by_law.{self.law}.{self.topic}" if self.law else f"topics.{self.topic}"

    def of(self, standard: Standard) -> Topic | None:
        """Return the topic in a standard, if it is there."""
        table: dict[str, Topic] = dict(
            standard.by_law.get(self.law, {}) if self.law else standard.topics)  # type: ignore
        return table.get(self.topic)


def fingerprint(data: dict[str, Any] | Topic) -> str:
    """Return a short hash of a topic's content: its version, for the optimistic check."""
    plain = data.dict(exclude_defaults=True) if isinstance(data, Topic) else data
    canonical = json.dumps(Topic.parse_obj(plain).dict(exclude_defaults=True), sort_keys=True,
                           ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def topic_json(topic: Topic) -> dict[str, Any]:
    """Return a topic as plain data, as the history keeps it."""
    return dict(json.loads(topic.json(exclude_defaults=True)))


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml: Any = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never wrap: a quote must stay findable in the file
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _styled(value: Any, old: Any = None, key: str | None = None,
            inline: bool = False) -> Any:
    """Give plain data the knowledge files' style for ruamel.yaml to write.

    What is unchanged keeps the style it had in the file (``old``, the node ruamel.yaml read):
    its quotes, its folding, a mapping or list in brackets. New values get the files' style.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString

    if isinstance(value, dict):
        was = old if isinstance(old, dict) else {}
        order = [k for k in was if k in value] + [k for k in value if k not in was]
        styled = CommentedMap((k, _styled(value[k], was.get(k), k, inline or key == "open"))
                              for k in order)
        if isinstance(old, CommentedMap):
            for k in styled:  # a comment on an entry stays with it
                if k in old.ca.items:
                    styled.ca.items[k] = old.ca.items[k]
        if inline or (isinstance(old, CommentedMap) and old.fa.flow_style()):
            styled.fa.set_flow_style()
        return styled
    if isinstance(value, list):
        items = old if isinstance(old, list) else []
        seq = CommentedSeq(_styled(v, items[i] if i < len(items) else None, key, inline)
                           for i, v in enumerate(value))
        if isinstance(old, CommentedSeq):  # as it was written: in brackets or a line each
            flow = bool(old.fa.flow_style()) or inline
        else:
            flow = inline or all(not isinstance(v, (dict, list)) for v in value)
        if flow:
            seq.fa.set_flow_style()
        return seq
    if old is not None and type(old) is not bool and old == value and \
            isinstance(value, str) == isinstance(old, str):
        return old  # unchanged: as it was written
    if isinstance(value, str):
        if key == "answer" and "\n" not in value:
            folded = FoldedScalarString(value)
            folded.fold_pos = [m.start() for m in SENTENCE_END.finditer(value)]
            return folded
        if key in _QUOTED or key in ("lines", "values") or ": " in value or " #" in value:
            return DoubleQuotedScalarString(value)
    return value


def topic_yaml(topic: str, data: dict[str, Any], indent: int, old: Any = None) -> str:
    """Return ``topic: …`` as YAML lines indented by ``indent`` spaces.

    ``old`` is the topic as ruamel.yaml read it from the file: what did not change keeps its
    style.
    """
    out = io.StringIO()
    _yaml().dump({topic: _styled(data, old)}, out)
    lines = out.getvalue().rstrip("\n").split("\n")
    while lines and (not lines[-1].strip() or lines[-1].lstrip().startswith("#")):
        lines.pop()  # what follows the topic in the file (kept there) came with its last entry
    for i in range(len(lines) - 2, -1, -1):  # a kept comment: indented as the line it precedes
        if lines[i].lstrip().startswith("#"):
            after = lines[i + 1]
            lines[i] = " " * (len(after) - len(after.lstrip())) + lines[i].lstrip()
    pad = " " * indent
    return "".join(f"{pad}{line}\n" if line.strip() else "\n" for line in lines)


def replace_topic(text: str, place: Place, data: dict[str, Any]) -> str:
    """Return a knowledge file's text with one topic's lines replaced by ``data``.

    Raises:
        KeyError: when the topic is not in the file.

    """
    document = _yaml().load(text)
    parent = document["by_law"][place.law] if place.law else document["topics"]
    if place.topic not in parent:
        raise KeyError(place.topic)
    keys = list(parent)
    line, column = parent.lc.key(place.topic)
    lines = text.splitlines(keepends=True)
    following = keys.index(place.topic) + 1
    if following < len(keys):
        end = parent.lc.key(keys[following])[0]
    else:
        end = next((i for i in range(line + 1, len(lines))
                    if lines[i].strip() and not lines[i].lstrip().startswith("#")
                    and len(lines[i]) - len(lines[i].lstrip()) < column), len(lines))
    while end > line + 1 and (not lines[end - 1].strip()
                              or lines[end - 1].lstrip().startswith("#")):
        end -= 1  # blank lines and the next entry's comments stay where they are
    return "".join([*lines[:line], topic_yaml(place.topic, data, column, parent[place.topic]),
                    *lines[end:]])


def check_text(knowledge_dir: Path, seeds_dir: Path | None, place: Place,
               text: str) -> tuple[Standard | None, list[Problem]]:
    """Validate a knowledge file's new text as ``genoptraening kb validate`` would.

    Returns:
        The standard (None when the schema fails) and the problems of the topic at ``place``
        (problems elsewhere in the file are not the editor's to fix here).

    """
    name = f"{place.slug}.yml"
    with tempfile.TemporaryDirectory(prefix="console-") as folder:
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8")
        try:
            standard = parse_file(path)
        except KnowledgeFileError as exc:
            return None, [p for p in exc.problems if _inside(p, place)] or exc.problems
    problems: list[Problem] = []
    if seeds_dir is not None and seeds_dir.is_dir():
        problems += validate.check_sources(name, standard, seeds_dir)
    text_file = knowledge_dir / "standards" / f"{place.slug}.md"
    if text_file.is_file():
        try:
            problems += validate.check_sections(name, standard, load_standard_text(text_file))
        except StandardTextError:
            pass  # the standard's text is reported by kb validate; the topic is not at fault
    return standard, [p for p in problems if _inside(p, place)]


def _inside(problem: Problem, place: Place) -> bool:
    return problem.path == place.prefix or problem.path.startswith(place.prefix + ".") or \
        problem.path.startswith(place.prefix + "[")


def relative(problem: Problem, place: Place) -> str:
    """Return a problem's path inside its topic ("facts.phones[0].number")."""
    return problem.path[len(place.prefix):].lstrip(".") if _inside(problem, place) else ""
