import logging

from genoptraening.rasa_ext.spacy_da import build_local_pipeline, load_danish


def test_local_pipeline_lemmatises_danish(tmp_path):
    import spacy

    path = build_local_pipeline(tmp_path / "pipeline")
    nlp = spacy.load(path)
    lemmas = {t.text: t.lemma_ for t in nlp("faldet indkøbene er")}
    assert lemmas == {"faldet": "fald", "indkøbene": "indkøb", "er": "være"}


def test_missing_preferred_model_falls_back_and_says_so(caplog):
    caplog.set_level(logging.INFO)
    nlp, name = load_danish("da_model_that_is_not_installed")
    assert name.startswith("genoptraening_da_lookup-")
    assert nlp.path is not None  # loaded from disk, as Rasa's SpacyNLP requires
    assert "is not installed; using spaCy's Danish language data" in caplog.text


def test_an_installed_model_is_used_when_named(tmp_path, caplog):
    # A pipeline on disk stands in for an installed da_core_news_sm: spacy.load takes both.
    caplog.set_level(logging.INFO)
    path = build_local_pipeline(tmp_path / "pipeline")
    nlp, name = load_danish(str(path))
    assert name == str(path)
    assert f"using the spaCy model {path}" in caplog.text
