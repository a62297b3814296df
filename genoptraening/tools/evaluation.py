"""NLU evaluation on the held-out test file (``tests/nlu/test_data.yml``, never trained on).

Runs ``rasa test nlu`` and writes the figures to ``docs/nlu-evaluation.md``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from genoptraening.ops.services import rasa_env
from genoptraening.settings import CHECKOUT
from genoptraening.tools.report import REPORT, kept_sections

TEST_FILE = CHECKOUT / "tests" / "nlu" / "test_data.yml"
RESULTS = CHECKOUT / "results" / "nlu"


@dataclass
class Scores:
    """Intent and entity scores of one evaluation."""

    intent_accuracy: float
    intent_macro_f1: float
    intent_weighted_f1: float
    per_intent: dict[str, tuple[float, int]]
    entity_f1: dict[str, tuple[float, int]]
    examples: int


def _read(results: Path) -> Scores:
    intents = json.loads((results / "intent_report.json").read_text(encoding="utf-8"))
    summary = {"accuracy", "macro avg", "weighted avg", "micro avg"}
    per_intent = {
        name: (row["f1-score"], int(row["support"]))
        for name, row in intents.items() if name not in summary and isinstance(row, dict)
    }
    entity_f1: dict[str, tuple[float, int]] = {}
    for report in sorted(results.glob("*Extractor_report.json")):
        for name, row in json.loads(report.read_text(encoding="utf-8")).items():
            if isinstance(row, dict) and name not in summary and name != "no_entity":
                entity_f1[f"{name} ({report.name.split('_report')[0]})"] = (
                    row["f1-score"], int(row["support"]))
    return Scores(
        intent_accuracy=intents["accuracy"],
        intent_macro_f1=intents["macro avg"]["f1-score"],
        intent_weighted_f1=intents["weighted avg"]["f1-score"],
        per_intent=per_intent,
        entity_f1=entity_f1,
        examples=sum(support for _, support in per_intent.values()),
    )


def evaluate(model: Path, write_report: bool = True) -> Scores:
    """Evaluate ``model`` on the held-out file; return the scores.

    Args:
        model: The trained model.
        write_report: Also rewrite docs/nlu-evaluation.md (``make evaluate``; ``make test``
            only checks the figures).

    """
    RESULTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "genoptraening.rasa_ext.launch", "test", "nlu",
         "--model", str(model), "--nlu", str(TEST_FILE),
         "--out", str(RESULTS)],
        cwd=CHECKOUT, env=rasa_env(), check=True,
    )
    scores = _read(RESULTS)
    if write_report:
        # The retrieval and conversation figures below the NLU ones are other tools' to write.
        tail = kept_sections(REPORT)
        REPORT.write_text(render(scores, model.name) + (f"\n{tail}" if tail else ""),
                          encoding="utf-8")
    return scores


def render(scores: Scores, model_name: str) -> str:
    """Render the scores as Markdown."""
    lines = [
        "# NLU evaluation on the held-out test set",
        "",
        "Produced by `make evaluate` (`genoptraening nlu evaluate`): `rasa test nlu` with",
        f"`{TEST_FILE.relative_to(CHECKOUT)}`, which was written separately from the training",
        "data and is never trained on. Model: `" + model_name + "`.",
        "",
        f"- examples: {scores.examples}",
        f"- intent accuracy: {scores.intent_accuracy:.3f}",
        f"- intent macro F1: {scores.intent_macro_f1:.3f}",
        f"- intent weighted F1: {scores.intent_weighted_f1:.3f}",
        "",
        "## Entities",
        "",
        "| entity (extractor) | F1 | examples |",
        "| --- | --- | --- |",
        *[f"| {name} | {f1:.3f} | {n} |" for name, (f1, n) in scores.entity_f1.items()],
        "",
        "## Intents (lowest F1 first)",
        "",
        "| intent | F1 | examples |",
        "| --- | --- | --- |",
        *[f"| {name} | {f1:.3f} | {n} |"
          for name, (f1, n) in sorted(scores.per_intent.items(), key=lambda kv: kv[1][0])],
        "",
    ]
    return "\n".join(lines)
