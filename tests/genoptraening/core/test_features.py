"""How the learned readers see a text."""

from genoptraening.core.features import vectorizer, words


def test_a_negation_marks_the_next_words_of_its_clause():
    features = words("Hun har ikke været indlagt, men hun faldt")
    assert {"ikke_varet", "ikke_indlagt", "indlagt", "har ikke"} <= set(features)
    assert "ikke_faldt" not in features  # "men" ends the negation's reach
    assert "ikke_indlagt" in words("nej, aldrig indlagt")


def test_the_vectorizer_gives_words_and_letter_groups():
    fitted = vectorizer().fit(["hun var indlagt", "hun var ikke indlagt", "han faldt"])
    names = set(fitted.get_feature_names_out())
    assert "words__ikke_indlagt" in names
    assert any(name.startswith("letters__") for name in names)
