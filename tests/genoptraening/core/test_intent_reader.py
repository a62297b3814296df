"""The learned intent reader: training, ranking, each question of a message, saving."""

import pytest

from genoptraening.core.intent_reader import IntentReader, Question

_EXAMPLES = [
    ("hvad koster det", "ask_cost"), ("er det gratis", "ask_cost"),
    ("skal jeg betale for træningen", "ask_cost"), ("hvad er prisen", "ask_cost"),
    ("hvordan klager jeg", "ask_complaint_decision"),
    ("jeg vil klage over afgørelsen", "ask_complaint_decision"),
    ("kan jeg klage over afslaget", "ask_complaint_decision"),
    ("hvor sender jeg min klage", "ask_complaint_decision"),
    ("hvordan kommer jeg derhen", "ask_transport"), ("kan jeg blive kørt", "ask_transport"),
    ("får jeg kørsel til træningen", "ask_transport"), ("hvem betaler taxaen", "ask_transport"),
]


@pytest.fixture(scope="module")
def reader() -> IntentReader:
    return IntentReader.train(_EXAMPLES)


def test_ranks_a_message_s_intents_best_first(reader):
    (ranking,) = reader.rank(["hvad koster træningen"], length=2)
    assert ranking[0][0] == "ask_cost" and len(ranking) == 2
    assert ranking[0][1] >= ranking[1][1]
    assert sorted(reader.intents) == ["ask_complaint_decision", "ask_cost", "ask_transport"]
    assert reader.rank([]) == []


def test_reads_each_question_of_a_message_of_several(reader):
    asked = reader.questions("Hvordan klager jeg, og hvad koster kørsel til træningen?")
    assert [q.text for q in asked] == ["Hvordan klager jeg", "hvad koster kørsel til træningen?"]
    assert asked[0].intent == "ask_complaint_decision"
    assert all(0 < q.confidence <= 1 for q in asked)


def test_a_story_s_one_question_is_read_but_a_lone_question_is_the_message(reader):
    assert [q.text for q in reader.questions("Min mor er faldet. Hvad koster det?")] == [
        "Hvad koster det?"]
    assert reader.questions("hvad koster det?") == []
    assert reader.questions("Min mor er faldet.") == []
    assert reader.questions(None) == []


def test_survives_saving_and_loading(reader):
    again = IntentReader.from_bytes(reader.to_bytes())
    assert again.rank(["kan jeg blive kørt"]) == reader.rank(["kan jeg blive kørt"])


def test_needs_two_intents_to_learn():
    with pytest.raises(ValueError, match="mindst to"):
        IntentReader.train([("hej", "greet"), ("goddag", "greet")])


def test_a_question_is_read_back_from_nlu_output_and_malformed_output_is_none():
    question = Question("hvad koster det?", "ask_cost", 0.9)
    assert Question.from_dict(question.as_dict()) == question
    for bad in (None, "x", {"text": "a", "intent": "b"}, {"text": 1, "intent": "b",
                                                          "confidence": 1}):
        assert Question.from_dict(bad) is None


def test_text_it_has_never_seen_gets_a_low_confidence(reader):
    (ranking,) = reader.rank(["xqzv blorp qwty"])
    assert ranking[0][1] < 0.3  # below the fallback's threshold: "Mente du …?"
    (known,) = reader.rank(["hvad koster det"])
    assert known[0][1] > 0.5


def test_a_told_sentence_asks_for_transport_only_beside_a_question(reader, monkeypatch):
    from genoptraening.core import intent_reader

    monkeypatch.setattr(intent_reader, "IMPLIED_SURE", 0.0)  # the small reader is unsure
    story = "Hun kan ikke blive kørt af mig. Det er gratis, siger naboen. Hvordan klager jeg?"
    implied = reader.implied(story)
    assert [(q.text, q.intent) for q in implied] == [
        ("Hun kan ikke blive kørt af mig.", "ask_transport")]  # the cost sentence is no need
    assert reader.implied("Hun kan ikke blive kørt af mig.") == []  # no question: its own
    assert reader.implied(None) == []
