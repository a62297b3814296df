"""Terms for retrieval: folding, stop words, lemmas, compounds, synonyms, 4-grams."""

from pathlib import Path

from genoptraening.core.analysis import (
    ALL,
    Treatments,
    ngrams,
    split_compound,
    synonym_problems,
    synonym_table,
    terms,
)

SYNONYMS = Path(__file__).parents[3] / "knowledge" / "vocabulary" / "synonyms.yml"


def test_spellings_without_danish_letters_give_the_same_terms():
    assert terms("kørslen") == terms("koerslen") == terms("korslen") == ["korsel"]


def test_stop_words_give_no_terms():
    assert terms("hvad er det jeg skal") == []
    assert "hvad" in terms("hvad", ALL.without("stopwords"))


def test_compounds_give_their_parts():
    assert split_compound("genoptraningscenter") == ("genoptraning", "center")
    assert split_compound("egenbetaling") == ("egen", "betaling")
    assert split_compound("klagefrist") == ("klage", "frist")  # not the imperative "klag"
    assert "egen" in terms("egenbetalingen")
    assert "center" in terms("genoptræningscentret")
    assert split_compound("aflysning") == ()
    assert split_compound("bus") == ()


def test_synonyms_give_their_group():
    table = synonym_table(SYNONYMS)
    assert "=transport" in terms("kan jeg få en taxa", synonyms=table)
    assert "=transport" in terms("kørslen", synonyms=table)
    assert "=transport" not in terms("kan jeg få en taxa", ALL.without("synonyms"), table)


def test_a_missing_synonyms_file_gives_no_groups():
    assert synonym_table(None) == {}
    assert synonym_table(Path("/nonexistent/synonyms.yml")) == {}


def test_ngrams_are_within_words():
    assert ngrams("bus") == ["#bus", "bus#"]
    assert ngrams("taxa") == ["#tax", "taxa", "axa#"]
    assert ngrams("og taxa") == ngrams("taxa")  # a stop word gives none
    assert ngrams("i", ALL.without("stopwords")) == ["#i#"]


def test_every_treatment_can_be_switched_off():
    none = Treatments(**{name: False for name in ALL.__dict__})
    assert terms("Kørslen", none) == ["kørslen"]


def test_the_shipped_synonyms_file_is_clean():
    assert synonym_problems(SYNONYMS) == []


def test_a_broken_synonyms_file_is_explained_in_danish(tmp_path):
    path = tmp_path / "synonyms.yml"
    path.write_text("groups:\n  a: [taxa, kørsel]\n  b: [Taxa]\n  c: [to ord]\n  d: taxa\n",
                    encoding="utf-8")
    assert synonym_problems(path) == [
        ("groups.b", "'Taxa' står også i gruppen 'a'"),
        ("groups.c", "'to ord' er ikke ét ord"),
        ("groups.d", "skal være en liste af ord"),
    ]
    path.write_text("groups: [", encoding="utf-8")
    assert synonym_problems(path)[0][1].startswith("filen er ikke gyldig YAML")
