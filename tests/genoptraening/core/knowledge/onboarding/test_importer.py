import datetime as dt

import pytest
import yaml

from genoptraening.core.knowledge.onboarding.importer import files_of, import_standard
from genoptraening.core.knowledge.onboarding.messages import ImportRefused
from genoptraening.core.knowledge.validate import parse_file, validate_dir
from genoptraening.core.register import load_register
from tests.conftest import SEEDS
from tests.genoptraening.core.knowledge.onboarding.scratch import documents, without_hjoerring

REGISTER = load_register(with_standard=frozenset())


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return documents(tmp_path_factory.mktemp("docs"))


@pytest.mark.parametrize("kind", ["pdf", "docx", "text"])
def test_import_writes_three_files_that_validate(tmp_path, files, kind):
    knowledge = without_hjoerring(tmp_path)
    done = import_standard(files[kind], "hjoerring", knowledge, REGISTER,
                           today=dt.date(2025, 3, 1))
    source, text, facts = files_of(knowledge, "hjoerring")
    assert source.is_file() and text.is_file() and facts.is_file()
    standard = parse_file(facts)
    assert standard.imported.file == files[kind].name and standard.topics == {}
    assert {d.status for d in standard.drafts} == {"draft"}
    phone = next(d for d in standard.drafts if d.phone)
    assert (phone.phone.number, phone.phone.label, phone.section) == (
        "72 33 58 50", "Træningsenheden", "Ansøgning")
    assert "72 33 58 50" in phone.quote
    assert {"Målgruppe", "Ansøgning", "Sagsbehandlingstid"} <= set(done.text.headings())
    assert validate_dir(knowledge, SEEDS).problems == []
    assert not list(knowledge.rglob("*.tmp"))


def test_existing_files_need_replace_and_replace_keeps_reviews(tmp_path, files):
    knowledge = without_hjoerring(tmp_path)
    import_standard(files["pdf"], "Hjørring", knowledge, REGISTER)
    path = files_of(knowledge, "hjoerring")[2]
    path.write_text(path.read_text().replace("status: draft", "status: approved", 1))
    before = path.read_text()
    with pytest.raises(ImportRefused) as refused:
        import_standard(files["docx"], "Hjørring", knowledge, REGISTER)
    assert refused.value.key == "exists" and "--replace" in str(refused.value)
    assert path.read_text() == before  # nothing written
    import_standard(files["pdf"], "Hjørring", knowledge, REGISTER, replace=True)
    assert yaml.safe_load(path.read_text())["drafts"][0]["status"] == "approved"


def test_a_document_naming_another_municipality_is_refused(tmp_path, files):
    knowledge = without_hjoerring(tmp_path)
    lejre = tmp_path / "lejre.txt"
    lejre.write_bytes((SEEDS / "000_fcbf1760aa121c15.txt").read_bytes())
    with pytest.raises(ImportRefused) as refused:
        import_standard(lejre, "Vejle", knowledge, REGISTER)
    assert refused.value.key == "other_municipality"
    assert "Lejre Kommune" in str(refused.value) and "Vejle Kommune" in str(refused.value)
    assert not files_of(knowledge, "vejle")[2].exists()


def test_no_standard_and_unknown_municipality_are_refused(tmp_path):
    knowledge = without_hjoerring(tmp_path)
    letter = tmp_path / "brev.txt"
    letter.write_text("Kære borger. Din ansøgning om parkeringstilladelse er modtaget.\n" * 5)
    with pytest.raises(ImportRefused) as refused:
        import_standard(letter, "Vejle", knowledge, REGISTER)
    assert refused.value.key == "not_a_standard"
    with pytest.raises(ImportRefused) as refused:
        import_standard(letter, "Paris", knowledge, REGISTER)
    assert refused.value.key == "unknown_municipality"
    assert not (knowledge / "vejle.yml").exists()


@pytest.mark.parametrize(("seed", "slug", "title"), [
    ("001_f4a1c6cfc55bc51b.txt", "hjoerring", "KVALITETSSTANDARD"),
    # Skanderborg's text opens with "1. Indledning", Rebild's with one law's part: neither is
    # the title every answer's source names.
    ("002_799ebacafca7cc2e.txt", "skanderborg", "Kvalitetsstandard"),
    ("003_d40ffce71fe9f5f8.txt", "rebild", "Kvalitetsstandard"),
])
def test_the_title_is_the_heading_that_names_the_standard(tmp_path, seed, slug, title):
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    done = import_standard(SEEDS / seed, slug, knowledge, REGISTER)
    assert done.text.title == title == done.standard.title


def test_a_list_item_broken_after_a_preposition_goes_on_after_the_blank_line(tmp_path):
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    done = import_standard(SEEDS / "002_799ebacafca7cc2e.txt", "skanderborg", knowledge,
                           REGISTER)
    costs = done.text.section("Hvilke udgifter kan du have")
    assert ("- Ved hjælp til kørsel har du en egenbetaling. Prisen for kørslen fastsættes "
            "årligt af Skanderborg Kommunes Byråd i forbindelse med vedtagelsen af "
            "budgettet.") in costs.paragraphs[0].split("\n")
