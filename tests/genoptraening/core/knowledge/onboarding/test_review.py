import pytest

from genoptraening.core.knowledge.onboarding.importer import import_standard
from genoptraening.core.knowledge.onboarding.messages import ImportRefused
from genoptraening.core.knowledge.onboarding.review import review, set_status
from genoptraening.core.knowledge.validate import parse_file
from genoptraening.core.register import load_register
from tests.conftest import SEEDS
from tests.genoptraening.core.knowledge.onboarding.scratch import documents, without_hjoerring

REGISTER = load_register(with_standard=frozenset())


@pytest.fixture
def imported(tmp_path):
    knowledge = without_hjoerring(tmp_path)
    import_standard(documents(tmp_path)["pdf"], "Hjørring", knowledge, REGISTER)
    return knowledge


def test_review_lists_every_draft_with_what_the_checks_say(imported):
    reviewed = review(imported, SEEDS, REGISTER.by_slug("hjoerring"))
    assert reviewed.drafts and all(p == [] for p in reviewed.problems.values())
    path = imported / "hjoerring.yml"
    path.write_text(path.read_text().replace("number: 72 33 58 50", "number: 72 33 58 51"))
    reviewed = review(imported, SEEDS, REGISTER.by_slug("hjoerring"))
    assert reviewed.problems["telefon-1"] == ["citatet indeholder ikke værdien (telefon-1)"]


def test_approve_named_facts_keeps_the_editors_comments(imported):
    path = imported / "hjoerring.yml"
    path.write_text(path.read_text() + "# redaktørens note\n")
    reviewed = review(imported, SEEDS, REGISTER.by_slug("hjoerring"))
    assert set_status(reviewed, ["telefon-1"], "approved") == ["telefon-1"]
    assert "# redaktørens note" in path.read_text()
    statuses = {d.id: d.status for d in parse_file(path).drafts}
    assert statuses["telefon-1"] == "approved" and statuses["email-1"] == "draft"


def test_approve_all_takes_only_clean_drafts_and_reject_works(imported):
    path = imported / "hjoerring.yml"
    path.write_text(path.read_text().replace("number: 72 33 58 50", "number: 72 33 58 51"))
    changed = set_status(review(imported, SEEDS, REGISTER.by_slug("hjoerring")), [], "approved")
    assert "telefon-1" not in changed and "email-1" in changed
    set_status(review(imported, SEEDS, REGISTER.by_slug("hjoerring")), ["telefon-1"], "rejected")
    assert {d.id: d.status for d in parse_file(path).drafts}["telefon-1"] == "rejected"


def test_unknown_fact_and_curated_standard_are_refused(imported):
    with pytest.raises(ImportRefused) as refused:
        set_status(review(imported, SEEDS, REGISTER.by_slug("hjoerring")), ["telefon-9"],
                   "approved")
    assert refused.value.key == "unknown_fact"
    with pytest.raises(ImportRefused) as refused:
        review(imported, SEEDS, REGISTER.by_slug("lejre"))
    assert refused.value.key == "not_imported"
    with pytest.raises(ImportRefused) as refused:
        review(imported, SEEDS, REGISTER.by_slug("vejle"))
    assert refused.value.key == "no_standard"
