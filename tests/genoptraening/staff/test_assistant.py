"""Staff turns read the REST channel's replies: the text entries with their structured payloads."""

import io

from rich.console import Console

from genoptraening.staff.answered import answered, score
from genoptraening.staff.assistant import StaffReply, StaffTurn, pair_replies
from genoptraening.staff.shell_view import RichView, View

SOURCE = ("Kilde: Kvalitetsstandard for genoptræning og vedligeholdende træning, Lejre Kommune, "
          "afsnit »9. Transport til genoptræning eller træning«")
SECTION = "9. Transport til genoptræning eller træning"
PASSAGE = "Taksten reguleres én gang årligt ved årets udgang."


def payload(text: str, **fields: object) -> dict:
    return {"kind": "genoptraening.reply", "version": 1, "text": text, "sources": [],
            "passage": None, "phones": [], "facts": [], **fields}


def transport_turn() -> StaffTurn:
    """A greeting and an answer from a topic and a passage, as the REST channel returns them."""
    answer = "Kørsel koster 41 kr. for ud og hjem."
    return StaffTurn(message="hvad koster kørsel?", intent="ask_transport", confidence=0.93,
                     replies=[
        {"recipient_id": "s", "text": "Hej."},
        {"recipient_id": "s", "custom": payload("Hej.", answered_by={
            "kind": "message", "topic": None, "intent": "greet", "confidence": 0.9,
            "score": None})},
        {"recipient_id": "s", "text": f"{answer}\n{SOURCE}",
         "buttons": [{"title": "Hvordan søger jeg?", "payload": "/ask_apply"}]},
        {"recipient_id": "s", "custom": payload(
            answer, sources=[{"text": SOURCE, "general": False, "section": SECTION,
                              "municipality": "Lejre Kommune", "file": "000_x.txt"}],
            passage={"municipality": "Lejre Kommune", "standard": "Kvalitetsstandard for "
                     "genoptræning og vedligeholdende træning", "section": SECTION,
                     "text": PASSAGE, "score": 0.71},
            answered_by={"kind": "topic+passage", "topic": "transport",
                         "intent": "ask_transport", "confidence": 0.93, "score": 0.71})},
        {"recipient_id": "s", "custom": {"kind": "carousel", "text": "ikke til borgeren"}},
    ])


def test_texts_are_what_the_citizen_reads_and_sources_come_from_the_payloads():
    turn = transport_turn()
    assert turn.texts == ["Hej.", f"Kørsel koster 41 kr. for ud og hjem.\n{SOURCE}"]
    assert turn.sources == [SOURCE]
    greeting, answer = turn.answered_by
    assert greeting is not None and greeting["kind"] == "message"
    assert greeting["passage"] is None
    assert answer is not None and answer["topic"] == "transport" and answer["score"] == 0.71
    assert answer["passage"]["section"] == SECTION
    data = turn.as_dict()
    assert data["replies"] == turn.texts and data["sources"] == [SOURCE]
    assert data["answered_by"] == turn.answered_by


def test_without_payloads_the_source_lines_are_read_from_the_text():
    turn = StaffTurn(message="x", replies=[{"text": f"Svar.\n{SOURCE}"}, {"text": "Andet?"}])
    assert turn.sources == [SOURCE]
    assert turn.answered_by == [None, None]


def test_several_quotes_of_one_section_are_one_source_line():
    quoted = [{"text": SOURCE, "quote": quote} for quote in ("a", "b")]
    (reply,) = pair_replies([{"text": "Svar."}, {"custom": payload("Svar.", sources=quoted)}])
    assert reply.sources == [SOURCE]


def test_with_a_payload_source_lines_in_the_text_are_not_read():
    (reply,) = pair_replies([{"text": f"Svar.\n{SOURCE}"}, {"custom": payload("Svar.")}])
    assert reply.sources == []


def test_a_payload_without_a_text_entry_is_a_reply_and_malformed_ones_are_harmless():
    replies = pair_replies([
        "noise", {"text": 5}, {"custom": payload("Ring 112 nu.")},
        {"text": "Svar."}, {"custom": payload("Svar.", sources="Kilde: x", passage={"text": 3},
                                             answered_by={"kind": None})},
    ])
    assert [r.text for r in replies] == ["Ring 112 nu.", "Svar."]
    assert replies[1].sources == [] and replies[1].passage is None
    assert replies[1].answered_by is None and answered(replies[1]) == ""


def test_answered_names_the_topic_the_passage_and_the_score():
    answer = transport_turn().answers[1]
    assert answered(answer) == (
        "emnet »Transport« (transport) · afsnit »9. Transport til genoptræning eller "
        "træning«: »Taksten reguleres én gang årligt ved …« score 0,71")
    only_topic = StaffReply("Svar.", payload=payload("Svar.", answered_by={
        "kind": "topic", "topic": "cost", "score": None}))
    assert answered(only_topic) == "emnet »Pris og egenbetaling« (cost)"
    # The best passage found but not quoted: its score, said as such.
    only_topic.payload["answered_by"]["score"] = 0.39
    assert answered(only_topic) == "emnet »Pris og egenbetaling« (cost) · bedste afsnit score 0,39"
    greeting = transport_turn().answers[0]
    assert answered(greeting) == "en fast besked, ikke vidensbasen"
    assert (score(0.714), score(None), score(True)) == ("0,71", "", "")


def test_the_shell_shows_under_each_answer_what_answered_it():
    out = io.StringIO()
    View(out).turn(transport_turn())
    text = out.getvalue()
    assert ("Assistent: Kørsel koster 41 kr. for ud og hjem.\n  " + SOURCE + "\n  Knapper: "
            "[Hvordan søger jeg?]\n  Svaret: emnet »Transport« (transport) · afsnit »9.") in text
    assert "Assistent: Hej.\n  Svaret: en fast besked, ikke vidensbasen\n" in text
    assert "ikke til borgeren" not in text
    assert f"  Kilde: {SOURCE.removeprefix('Kilde: ')}\n" in text  # the details' source row


def test_kilde_shows_the_passage_with_its_section_and_score():
    out = io.StringIO()
    View(out).sources(transport_turn())
    text = out.getvalue()
    assert ("  Afsnit fundet i standarden: Kvalitetsstandard for genoptræning og vedligeholdende "
            "træning, Lejre Kommune (score 0,71)\n") in text
    assert f"    Afsnit: {SECTION}\n    Citat: »{PASSAGE}«\n" in text
    rich = io.StringIO()
    RichView(Console(file=rich, width=160, color_system=None)).sources(transport_turn())
    assert "Afsnit fundet i standarden" in rich.getvalue() and "score 0,71" in rich.getvalue()


def test_the_rich_view_shows_what_answered_in_the_panel():
    out = io.StringIO()
    RichView(Console(file=out, width=200, color_system=None)).turn(transport_turn())
    assert "Svaret: emnet »Transport« (transport)" in out.getvalue()
