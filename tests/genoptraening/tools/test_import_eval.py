from genoptraening.core.register import load_register
from genoptraening.tools import import_eval
from tests.conftest import KNOWLEDGE, SEEDS


def test_leave_one_out_meets_the_targets_for_every_kind():
    register = load_register(with_standard=frozenset())
    results = import_eval.measure(KNOWLEDGE, SEEDS, register, ("pdf", "docx", "text"))
    assert {r.slug for r in results} == {"lejre", "hjoerring", "skanderborg", "rebild",
                                         "hedensted"}
    assert import_eval.below_target(results) == []
    lejre = next(r for r in results if r.slug == "lejre" and r.kind == "pdf")
    assert (lejre.scores["prices"].drafted, lejre.scores["prices"].shared) == (1, 1)
    section = import_eval.render(results)
    assert section.startswith("## Measured") and "| lejre | pdf |" in section
