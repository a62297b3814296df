"""``genoptraening retrieval``: measure and calibrate the search in the standards' own text."""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

NO_MODEL = "Ingen model i models/: kør `make train` først."


def register(commands: Any) -> None:
    """Add the ``retrieval`` command group."""
    retrieval = commands.add_parser("retrieval", help="søgning i standardernes egen tekst")
    sub = retrieval.add_subparsers(dest="retrieval_command", metavar="KOMMANDO")
    sub.required = True
    evaluate = sub.add_parser("evaluate", help="mål træfsikkerheden på de mærkede spørgsmål")
    evaluate.add_argument("--write-report", action="store_true",
                          help="skriv tallene i docs/nlu-evaluation.md")
    evaluate.add_argument("--min-recall3", type=float, default=0.0,
                          help="afslut med kode 1, når recall@3 på det tilbageholdte sæt er lavere")
    evaluate.add_argument("--answers", action="store_true",
                          help="mål også svarene: andel med den rette detalje før og efter "
                               "(indlæser den nyeste model i models/)")
    evaluate.set_defaults(handler=run_evaluate)
    calibrate = sub.add_parser("calibrate", help="find tærsklen og vægten på kalibreringssættet")
    calibrate.add_argument("--answers", action="store_true",
                           help="find svarenes tærskler med den trænede NLU (nyeste model)")
    calibrate.set_defaults(handler=run_calibrate)


def _search_factory() -> Any:
    from genoptraening.core.analysis import SYNONYMS_FILE
    from genoptraening.core.knowledge.loader import get_knowledge_base
    from genoptraening.core.passages import PassageSearch
    from genoptraening.settings import get_settings

    kb, settings = get_knowledge_base(), get_settings()
    synonyms: Path = settings.knowledge_dir / SYNONYMS_FILE
    nlu_dir = settings.training_data_dir / "nlu"
    return lambda treatments, **kw: PassageSearch(kb, synonyms, treatments, nlu_dir=nlu_dir, **kw)


def run_evaluate(args: argparse.Namespace) -> int:
    """Print (and optionally write) recall on the held-out set and the treatments' effect."""
    from genoptraening.core import passages
    from genoptraening.core.analysis import ALL
    from genoptraening.tools import retrieval as tool

    make = _search_factory()
    heldout, calibration = tool.load_items(tool.HELDOUT), tool.load_items(tool.CALIBRATION)
    result = tool.evaluate(heldout, make(ALL))
    found = tool.outcomes(calibration, make(ALL))
    figures = {"threshold": passages.THRESHOLD, "ngram_weight": passages.NGRAM_WEIGHT,
               **tool.threshold_figures(found, passages.THRESHOLD)}
    section = tool.render(result, tool.ablation(heldout, make), tool.ablation(calibration, make),
                          figures)
    if args.answers:
        section += "\n" + _answers(heldout, make(ALL))
    print(section)
    if args.write_report:
        tool.write_report(section)
        print(f"Skrevet: {tool.REPORT}")
    recall3 = result.overall.rate(result.overall.at3)
    if recall3 < args.min_recall3:
        print(f"recall@3 {recall3:.3f} er under {args.min_recall3:.3f}")
        return 1
    return 0


def run_calibrate(args: argparse.Namespace) -> int:
    """Print the threshold of least cost for each 4-gram weight on the calibration set."""
    from genoptraening.core.analysis import ALL
    from genoptraening.tools import retrieval as tool

    make = _search_factory()
    items = tool.load_items(tool.CALIBRATION)
    if args.answers:
        return _calibrate_answers(items, make)
    for weight, mix in itertools.product((0.0, 0.2, 0.35, 0.5), (0.0, 0.3, 0.5, 0.7)):
        search = make(ALL, ngram_weight=weight, section_weight=mix)
        scores = tool.evaluate(items, search).overall
        threshold, figures = tool.calibrate(tool.outcomes(items, search))
        print(f"4-gram-vægt {weight:.2f}, afsnitsvægt {mix:.2f}: "
              f"recall@1 {scores.rate(scores.at1):.3f}, recall@3 "
              f"{scores.rate(scores.at3):.3f}; tærskel {threshold:.2f}, pris {figures['cost']:.0f},"
              f" præcision {figures['precision']:.3f}, besvaret {figures['answered']:.3f}, "
              f"afvist uden svar {figures['unanswerable_refused']:.3f}")
    return 0


def _calibrate_answers(items: Any, make: Any) -> int:
    """Sweep the dialogue's choice with the trained NLU; print each setting's figures."""
    from genoptraening.core.analysis import ALL
    from genoptraening.core.knowledge.loader import get_knowledge_base
    from genoptraening.core.register import get_register
    from genoptraening.dialogue import passages
    from genoptraening.dialogue.deps import Deps
    from genoptraening.ops.services import latest_model
    from genoptraening.tools import retrieval as tool

    model = latest_model()
    if model is None:
        print(NO_MODEL)
        return 1
    parsed = _parse(model, [item.question for item in items])
    kb, register = get_knowledge_base(), get_register()
    before = tool.policy_figures(items, parsed, Deps(kb, register))
    print(f"uden passager: detalje {before.detail}/{before.answerable}, værdi {before.value}")
    defaults = passages.PRIOR, passages.AGREEING, passages.HELD
    for prior, agreeing, held in itertools.product((0.0, 0.4), (1.0, 0.3, 0.2, 0.1),
                                                   (0.6, 0.8, 1.01)):
        # Module constants of the dialogue's choice; this loop is their only other writer.
        passages.PRIOR, passages.AGREEING, passages.HELD = prior, agreeing, held
        f = tool.policy_figures(items, parsed, Deps(kb, register, passages=make(ALL)))
        print(f"forrang {prior:.1f}, enige {agreeing:.2f}, holder {held:.2f}: detalje "
              f"{f.detail}/{f.answerable}, forkert afsnit {f.wrong_passage}, passage uden svar "
              f"{f.refused_wrongly}/{f.unanswerable}, værdi {f.value}")
    passages.PRIOR, passages.AGREEING, passages.HELD = defaults
    return 0


def _parse(model: Path, questions: list[str]) -> dict[str, dict[str, Any]]:
    """Parse questions with a model's NLU, in a process of its own (Rasa)."""
    from genoptraening.ops.services import rasa_env

    lines = [question.replace("\n", " ") for question in questions]
    done = subprocess.run(
        [sys.executable, "-m", "genoptraening.rasa_ext.nlu", str(model)],
        input="\n".join(lines) + "\n", capture_output=True, text=True, env=rasa_env(),
        check=True)
    results = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    return dict(zip(questions, results, strict=True))


def _answers(items: Any, search: Any) -> str:
    """Measure the answers' detail, before and after, on the held-out and calibration sets."""
    from genoptraening.core.knowledge.loader import get_knowledge_base
    from genoptraening.core.register import get_register
    from genoptraening.dialogue import passages
    from genoptraening.dialogue.deps import Deps
    from genoptraening.ops.services import latest_model
    from genoptraening.tools import retrieval as tool

    model = latest_model()
    if model is None:
        return NO_MODEL + "\n"
    calibration = tool.load_items(tool.CALIBRATION)
    parsed = _parse(model, [item.question for item in [*items, *calibration]])
    kb, register = get_knowledge_base(), get_register()
    modes = {"før (kun kuraterede emner)": Deps(kb, register),
             "efter (med standardens egen tekst)": Deps(kb, register, passages=search)}
    with_topic = tool.recall_with_topic(items, parsed, modes["efter (med standardens egen tekst)"])
    rows = []
    for mode, deps in modes.items():
        held = tool.policy_figures(items, parsed, deps)
        cal = tool.policy_figures(calibration, parsed, deps)
        rows.append(f"| {mode} | {held.detail / held.answerable:.3f} | {held.wrong_passage} | "
                    f"{cal.detail / cal.answerable:.3f} | {cal.wrong_passage} | "
                    f"{cal.refused_wrongly} of {cal.unanswerable} |")
    return "\n".join([
        "### Questions answered with the right detail", "",
        "Each question goes through the trained NLU (model "
        f"`{model.name}`) and the dialogue, with the municipality known; the detail counts as "
        "given when the replies hold at least 60 % of the labelled quote's words (lemmas, "
        "compound parts, synonym groups), each weighed by how telling it is in the standard "
        "(IDF) — quoted or paraphrased; still strict for curated answers, which paraphrase in "
        "plain Danish. The dialogue's choice (docstring of `genoptraening/dialogue/"
        f"passages.py`): threshold {search.threshold:.2f}, a question must carry information "
        f"{search.min_information:.1f}, a passage in the NLU topic's sections preferred by "
        f"{passages.PRIOR:.1f} × the intent's confidence and needing only {passages.AGREEING:.2f} "
        "when a clear topic cites its section, a curated answer holding "
        f"{passages.HELD:.0%} of the asked words' weight given alone, a passage outside the "
        f"sections of a clear topic (confidence ≥ {passages.CLEAR_TOPIC:.1f}) not shown; chosen "
        "on the calibration set (`genoptraening retrieval calibrate --answers`).", "",
        "| | held-out: detail given | held-out: passages from another section | "
        "calibration: detail given | calibration: passages from another section | "
        "calibration: passages where the standard is silent |",
        "| --- | --- | --- | --- | --- | --- |", *rows, "",
        "With the NLU's topic as the dialogue uses it, recall on the held-out set is "
        f"{with_topic.rate(with_topic.at1):.3f} at 1 and {with_topic.rate(with_topic.at3):.3f} "
        "at 3 (BM25 alone: the first table).", ""])
