"""Hedensted Kommune's knowledge file against literal values from its seed document.

Seed: ../shared/seeds/004_88f73513f2113e1d.txt (Kvalitetsstandard for genoptræning uden
sygehusindlæggelse og vedligeholdelsestræning, Sundhedshuset, Løsning).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from genoptraening.core.knowledge.schema import TOPICS
from genoptraening.core.knowledge.validate import check_sources, parse_file
from genoptraening.settings import CHECKOUT as PROJECT_ROOT

KNOWLEDGE = PROJECT_ROOT / "knowledge" / "hedensted.yml"
SEEDS = PROJECT_ROOT.parent / "shared" / "seeds"

PHONE = "79 91 82 50"
HOURS = "mandag-torsdag kl. 08.00-12.00 og 13.00-14.00 og fredag kl. 08.00-12.00"
OPEN = [
    {"days": [0, 1, 2, 3], "start": "08:00", "end": "12:00"},
    {"days": [0, 1, 2, 3], "start": "13:00", "end": "14:00"},
    {"days": [4], "start": "08:00", "end": "12:00"},
]
ADDRESS_LINES = ["Ny Skolegade 4", "8723 Løsning"]
TESTS = ["Bergs Balance Scala", "COPM", "6 min. gangtest", "30 sek. rejse/sætte sig test"]


@pytest.fixture(scope="module")
def std():
    return parse_file(KNOWLEDGE)


def _value(entry, key):
    # The schema's value union (str first, pydantic 1) turns 3 into "3" and True into "True";
    # comparing the str() form holds either way.
    return str(entry.facts.values[key])


def _text(std, topic, law=None):
    entry = std.topic(topic, law)
    assert entry is not None, f"{topic} missing for {law}"
    return entry.answer


# --- the file as a whole ---------------------------------------------------------------------


def test_header(std):
    assert std.municipality == "Hedensted Kommune"
    assert std.slug == "hedensted"
    assert std.seed_file == "004_88f73513f2113e1d.txt"
    assert std.title == (
        "Kvalitetsstandard for genoptræning uden sygehusindlæggelse og vedligeholdelsestræning"
    )
    assert not std.general


def test_laws_covered(std):
    assert std.laws == ["sel_86_1", "sel_86_2"]
    assert "sul_140" not in std.by_law
    assert set(std.by_law) == {"sel_86_1", "sel_86_2"}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed documents not available")
def test_every_quote_and_section_is_in_the_seed(std):
    assert check_sources("hedensted.yml", std, SEEDS) == []


def test_every_topic_has_sources(std):
    for _law, _name, entry in std.iter_topics():
        assert entry.sources


# --- approval: the extract names no body and no date ------------------------------------------


def test_no_approval(std):
    assert std.approved_by is None
    assert std.approved_on is None
    assert not std.covers("approval")


#: What the standard does not say; every other topic it says for both laws.
SILENT = ("approval", "on_behalf", "cancellation", "home_workplace", "complaint_treatment",
          "complaint_staff", "citizen_adviser", "emergency")


@pytest.mark.parametrize("topic", SILENT)
def test_topics_the_standard_is_silent_on_are_absent(std, topic):
    assert not std.covers(topic)


@pytest.mark.parametrize("topic", [t for t in TOPICS if t not in SILENT])
@pytest.mark.parametrize("law", ["sel_86_1", "sel_86_2"])
def test_topics_covered_for_each_law(std, topic, law):
    assert std.topic(topic, law) is not None


# --- contact and phone ---------------------------------------------------------------------------


@pytest.mark.parametrize("topic", ["contact", "apply"])
def test_phone_and_hours(std, topic):
    phones = std.topics[topic].facts.phones
    assert len(phones) == 1
    phone = phones[0]
    assert phone.number == PHONE
    assert phone.label == "Sundhedshuset"
    assert phone.hours == HOURS
    assert [slot.dict() for slot in phone.open] == OPEN


def test_friday_hours_quoted_as_printed(std):
    # The seed prints "fredag kl. 08.00.12.00"; the quote keeps it, the facts read 08.00-12.00.
    quotes = [s.quote for s in std.topics["contact"].sources]
    assert "fredag kl. 08.00.12.00" in quotes
    friday = [slot for slot in std.topics["contact"].facts.phones[0].open if 4 in slot.days]
    assert len(friday) == 1
    assert (friday[0].start, friday[0].end) == ("08:00", "12:00")


def test_no_weekend_opening(std):
    for slot in std.topics["contact"].facts.phones[0].open:
        assert 5 not in slot.days and 6 not in slot.days


def test_contact_answer_mentions_phone_hours_and_address(std):
    text = _text(std, "contact")
    assert PHONE in text
    assert "mandag-torsdag" in text
    assert "08.00-12.00" in text
    assert "13.00-14.00" in text
    assert "Fredag" in text or "fredag" in text
    assert "08.00.12.00" not in text
    assert "Ny Skolegade 4" in text
    assert "8723 Løsning" in text
    assert "Center for Sundhed, Frivillighed og Forebyggelse" in text


def test_contact_address(std):
    addresses = std.topics["contact"].facts.addresses
    assert len(addresses) == 1
    assert addresses[0].name == "Center for Sundhed, Frivillighed og Forebyggelse, Sundhedshuset"
    assert addresses[0].lines == ADDRESS_LINES


def test_no_email_no_links(std):
    # The standard prints no email address and no link.
    for _law, _name, entry in std.iter_topics():
        assert entry.facts.emails == []
        assert entry.facts.links == []


def test_apply_answer(std):
    text = _text(std, "apply")
    assert "Sundhedshuset" in text
    assert PHONE in text
    assert "14 dage" in text
    assert std.topics["apply"].facts.addresses[0].lines == ADDRESS_LINES


# --- deadlines -----------------------------------------------------------------------------------


def test_deadlines(std):
    deadlines = {d.kind: d for d in std.topics["deadlines"].facts.deadlines}
    assert set(deadlines) == {"decision", "start"}
    decision = deadlines["decision"]
    assert (decision.number, decision.unit, decision.from_event) == (14, "dage", "application")
    start = deadlines["start"]
    assert (start.number, start.unit, start.from_event) == (14, "dage", "grant")


def test_no_complaint_deadline_anywhere(std):
    for _law, _name, entry in std.iter_topics():
        for deadline in entry.facts.deadlines:
            assert deadline.kind not in {"complaint", "reassessment", "appeal_board"}


def test_deadlines_answer(std):
    text = _text(std, "deadlines")
    assert text.count("14 dage") == 2
    assert "Sundhedshuset" in text
    assert "bevilling" in text


# --- complaint -----------------------------------------------------------------------------------


def test_complaint_only_points_to_the_decision(std):
    entry = std.topics["complaint_decision"]
    text = entry.answer
    assert "klage" in text.lower()
    assert "afgørelse" in text
    # The seed names neither a deadline nor Ankestyrelsen; nothing may be added.
    assert "Ankestyrelsen" not in text
    assert "uger" not in text and "dage" not in text
    assert entry.facts.deadlines == []
    quotes = " ".join(s.quote or "" for s in entry.sources)
    assert "Klagevejledningen vil fremgå af den afgørelse du modtager" in quotes


def test_no_ankestyrelsen_or_patient_safety_anywhere(std):
    for _law, _name, entry in std.iter_topics():
        assert "Ankestyrelsen" not in entry.answer
        assert "Patientsikkerhed" not in entry.answer


# --- place, cost, transport, free choice ---------------------------------------------------------


def test_location(std):
    entry = std.topics["location"]
    assert entry.facts.values["centres"] == [
        "Sundhedshuset i Løsning",
        "Nederbylund i Tørring",
        "Juelsminde Rådhus",
    ]
    assert entry.facts.addresses[0].lines == ADDRESS_LINES
    text = entry.answer
    for word in ("Sundhedshuset", "Løsning", "Nederbylund", "Tørring", "Juelsminde Rådhus"):
        assert word in text
    assert "hjem" in text
    assert "helbred" in text


def test_cost_free(std):
    entry = std.topics["cost"]
    assert _value(entry, "training_free") == "True"
    assert entry.facts.prices == []
    assert "gratis" in entry.answer


def test_no_prices_anywhere(std):
    for _law, _name, entry in std.iter_topics():
        assert entry.facts.prices == []
        assert "kr." not in entry.answer


def test_transport_own(std):
    entry = std.topics["transport"]
    assert _value(entry, "own_transport") == "True"
    assert "selv sørge for transport" in entry.answer
    assert "gratis" in entry.answer


def test_no_free_choice(std):
    entry = std.topics["free_choice"]
    assert _value(entry, "free_choice") == "False"
    assert "ikke vælge en anden leverandør" in entry.answer
    sections = {s.section for s in entry.sources}
    assert sections == {"Hvem behandler ansøgningen?", "Særlige forhold"}


# --- per law -------------------------------------------------------------------------------------


@pytest.mark.parametrize("law", ["sel_86_1", "sel_86_2"])
def test_scope(std, law):
    entry = std.by_law[law]["scope"]
    values = entry.facts.values
    assert str(values["times_per_week"]) == "1"
    assert values["weeks"] == "8-12"
    assert str(values["min_weeks"]) == "8"
    assert str(values["max_weeks"]) == "12"
    assert str(values["follow_up_months"]) == "3"
    assert "1 gang om ugen" in entry.answer
    assert "8-12 uger" in entry.answer
    assert "tre måneder" in entry.answer


def test_scope_individual_for_maintenance(std):
    assert "Terapeuten vurderer" in std.by_law["sel_86_2"]["scope"].answer


def test_follow_up(std):
    entry = std.topics["follow_up"]
    assert _value(entry, "follow_up_months") == "3"
    assert "senest efter tre måneder" in entry.answer
    assert "aftalte mål" in entry.answer


@pytest.mark.parametrize("law", ["sel_86_1", "sel_86_2"])
def test_content_tests_and_no_passive_treatment(std, law):
    entry = std.by_law[law]["content"]
    assert entry.facts.values["tests"] == TESTS
    assert _value(entry, "passive_treatment") == "False"
    for test_name in TESTS:
        assert test_name in entry.answer
    assert "ikke passiv behandling" in entry.answer
    assert "hold" in entry.answer


def test_self_training_only_for_maintenance(std):
    assert _value(std.by_law["sel_86_2"]["content"], "self_training_with_guidance") == "True"
    assert "self_training_with_guidance" not in std.by_law["sel_86_1"]["content"].facts.values


@pytest.mark.parametrize("law", ["sel_86_1", "sel_86_2"])
def test_target_group(std, law):
    entry = std.by_law[law]["target_group"]
    assert _value(entry, "cannot_train_alone") == "True"
    text = entry.answer
    assert "ikke selv kunne træne" in text
    assert "individuel vurdering" in text
    assert "væsentlig" in text
    # No age limit is stated in the standard.
    assert "min_age" not in entry.facts.values and "max_age" not in entry.facts.values


def test_target_group_rehabilitation(std):
    entry = std.by_law["sel_86_1"]["target_group"]
    assert _value(entry, "no_hospital_stay") == "True"
    text = entry.answer
    assert "sygehuset" in text
    assert "faldet" in text
    assert "fortrinsvis for ældre" in text


def test_target_group_maintenance(std):
    text = std.by_law["sel_86_2"]["target_group"].answer
    assert "varig" in text
    assert "psykiske" in text
    assert "sociale problemer" in text


def test_legal_basis(std):
    assert std.by_law["sel_86_1"]["legal_basis"].facts.values["law"] == "Servicelovens § 86 stk. 1"
    assert std.by_law["sel_86_2"]["legal_basis"].facts.values["law"] == (
        "Servicelovens § 86, stk. 2"
    )
    assert "§ 86, stk. 1" in std.by_law["sel_86_1"]["legal_basis"].answer
    assert "§ 86, stk. 2" in std.by_law["sel_86_2"]["legal_basis"].answer


# --- staff and cooperation -----------------------------------------------------------------------


def test_staff(std):
    entry = std.topics["staff"]
    assert entry.facts.values["professions"] == ["ergoterapeut", "fysioterapeut"]
    text = entry.answer
    assert "ergoterapeut" in text and "fysioterapeut" in text
    assert "Sundhedshuset" in text
    assert "mål" in text


def test_cooperation(std):
    text = _text(std, "cooperation")
    assert "oplysninger" in text
    assert "transport" in text


# --- answer style --------------------------------------------------------------------------------


def test_answers_do_not_name_the_source(std):
    for _law, _name, entry in std.iter_topics():
        assert "Kilde" not in entry.answer
        assert "kvalitetsstandard" not in entry.answer.lower()


def test_lix_of_all_answers_at_most_40(std):
    import re

    text = " ".join(e.answer for _, _, e in std.iter_topics())
    words = re.findall(r"[A-Za-zÆØÅæøå0-9]+", text)
    sentences = max(1, len(re.findall(r"[.!?:]+(\s|$)", text)))
    lix = len(words) / sentences + 100 * sum(len(w) > 6 for w in words) / len(words)
    assert lix <= 40


def test_file_path_is_in_knowledge_folder():
    assert KNOWLEDGE == Path(PROJECT_ROOT) / "knowledge" / "hedensted.yml"
    assert KNOWLEDGE.is_file()
