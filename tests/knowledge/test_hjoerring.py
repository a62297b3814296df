"""Hjørring Kommune's knowledge file against literal values in its quality standard.

Seed: ../shared/seeds/001_f4a1c6cfc55bc51b.txt ("KVALITETSSTANDARD Genoptræning og træning").
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from genoptraening.core.knowledge.validate import check_sources, parse_file
from genoptraening.settings import CHECKOUT as PROJECT_ROOT

KNOWLEDGE_FILE = PROJECT_ROOT / "knowledge" / "hjoerring.yml"
SEEDS_DIR = PROJECT_ROOT.parent / "shared" / "seeds"
PHONE = "72 33 58 50"
EMAIL = "traeningsenhed@hjoerring.dk"


@pytest.fixture(scope="module")
def std():
    return parse_file(KNOWLEDGE_FILE)


def _value(entry, key):
    # The schema's value union (str first, pydantic 1) turns 3 into "3" and True into "True".
    return str(entry.facts.values[key])


def _lix(text: str) -> float:
    words = re.findall(r"[A-Za-zÆØÅæøå0-9]+", text)
    sentences = max(1, len(re.findall(r"[.!?:]+(\s|$)", text)))
    return len(words) / sentences + 100 * sum(len(w) > 6 for w in words) / len(words)


def test_header(std):
    assert std.municipality == "Hjørring Kommune"
    assert std.slug == "hjoerring"
    assert std.seed_file == "001_f4a1c6cfc55bc51b.txt"
    assert not std.general


def test_laws_covered(std):
    assert std.laws == ["sel_86_1", "sel_86_2"]
    assert set(std.by_law) == {"sel_86_1", "sel_86_2"}


def test_approval(std):
    assert std.approved_by == "Sundheds-, Ældre- og Handicapudvalget"
    assert std.approved_on == dt.date(2024, 2, 6)
    approval = std.topic("approval")
    assert approval is not None
    assert "Sundheds-, Ældre- og Handicapudvalget" in approval.answer
    assert "06.02.2024" in approval.answer
    assert any("06.02.2024" in s.quote for s in approval.sources)


@pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason="seed documents not available")
def test_sources_found_in_seed(std):
    assert check_sources("hjoerring.yml", std, SEEDS_DIR) == []


@pytest.mark.parametrize("topic", ["contact", "apply"])
def test_phone_and_hours(std, topic):
    entry = std.topic(topic)
    assert entry is not None
    (phone,) = entry.facts.phones
    assert phone.number == PHONE
    assert phone.hours == "hverdage kl. 8-9"
    assert len(phone.open) == 1
    slot = phone.open[0]
    assert slot.days == [0, 1, 2, 3, 4]
    assert (slot.start, slot.end) == ("08:00", "09:00")
    assert PHONE in entry.answer
    assert "kl. 8-9" in entry.answer
    assert "hverdage" in entry.answer


@pytest.mark.parametrize("topic", ["contact", "apply"])
def test_email(std, topic):
    entry = std.topic(topic)
    (email,) = entry.facts.emails
    assert email.address == EMAIL
    # The standard does not say that sensitive data may be sent by mail.
    assert email.sensitive_data_ok is False
    assert EMAIL in entry.answer


def test_no_address_or_links(std):
    # The standard prints no postal/visiting address and no links besides the mailto.
    for _, _, entry in std.iter_topics():
        assert entry.facts.addresses == []
        assert entry.facts.links == []


def test_deadlines(std):
    entry = std.topic("deadlines")
    found = {(d.kind, d.number, d.unit, d.from_event) for d in entry.facts.deadlines}
    assert found == {
        ("letter", 3, "hverdage", "application"),
        ("visitation", 20, "kalenderdage", "referral"),
        ("start", 4, "uger", "visitation"),
    }
    for text in ("3 hverdage", "20 kalenderdage", "4 uger"):
        assert text in entry.answer
    sections = {s.section for s in entry.sources}
    assert sections == {"Sagsbehandlingstid", "Kvalitetsmål"}


def test_on_behalf(std):
    entry = std.topic("on_behalf")
    who = entry.facts.values["may_apply_on_behalf"]
    assert who == [
        "praktiserende læger",
        "plejepersonale",
        "forebyggende hjemmebesøgsmedarbejdere",
        "andet frontpersonale i kommunen",
    ]
    for word in ("pårørende", "praktiserende læge", "plejepersonale",
                 "forebyggende hjemmebesøgsmedarbejdere", "frontpersonale"):
        assert word in entry.answer


def test_scope(std):
    entry = std.topic("scope")
    assert _value(entry, "max_months") == "3"
    assert entry.facts.values["extension_decided_by"] == "terapeuten"
    assert "3 måneder" in entry.answer
    assert "terapeuten" in entry.answer


def test_cost_free_no_prices(std):
    entry = std.topic("cost")
    assert _value(entry, "training_free") == "True"
    assert "gratis" in entry.answer
    assert "personlige" in entry.answer
    # The standard states no amounts at all.
    for _, _, e in std.iter_topics():
        assert e.facts.prices == []


def test_transport(std):
    entry = std.topic("transport")
    assert entry.facts.values["criteria"] == [
        "Borgeren eller pårørende kan ikke selv køre til træningen",
        "Borgeren kan ikke benytte offentlige transportmidler",
    ]
    assert "individuel vurdering" in entry.answer
    assert "offentlige transportmidler" in entry.answer
    assert not re.search(r"\d+ kr", entry.answer)  # no price in the standard


def test_target_group(std):
    entry = std.topic("target_group")
    assert _value(entry, "primarily_elderly") == "True"
    assert "primært ældre" in entry.answer
    assert "individuel vurdering" in entry.answer
    assert "foreninger" in entry.answer


def test_location(std):
    entry = std.topic("location")
    assert "træningssteder" in entry.answer
    assert "eget hjem" in entry.answer


def test_staff(std):
    entry = std.topic("staff")
    assert entry.facts.values["qualifications"] == [
        "Autoriserede ergo- og fysioterapeuter",
        "Uddannet social- og sundhedspersonale, som arbejder efter terapeutinstruktion",
    ]
    assert _value(entry, "confidentiality") == "True"
    assert "tavshedspligt" in entry.answer
    assert "Træningsenhed" in entry.answer


def test_follow_up(std):
    entry = std.topic("follow_up")
    assert "slutstatus" in entry.answer
    assert entry.facts.values["after_training"] == [
        "selvtræningsprogram", "foreninger", "private træningstilbud"
    ]


def test_content_elements(std):
    entry = std.topic("content")
    assert entry.facts.values["elements"] == [
        "Undersøgelse", "Vurdering", "Rådgivning og vejledning", "Screening", "Tests",
        "Genoptræning", "Opfølgning",
    ]


def test_legal_basis_per_law(std):
    common = std.topic("legal_basis")
    assert "§ 86, stk. 1 og 2" in common.answer
    stk1 = std.topic("legal_basis", "sel_86_1")
    stk2 = std.topic("legal_basis", "sel_86_2")
    assert stk1 is not common and stk2 is not common
    assert "§ 86, stk. 1" in stk1.answer and "sygehusindlæggelse" in stk1.answer
    assert "§ 86, stk. 2" in stk2.answer and "psykiske færdigheder" in stk2.answer


def test_purpose_per_law_and_common(std):
    assert std.topic("purpose") is not None
    assert "sygehusindlæggelse" in std.topic("purpose", "sel_86_1").answer
    assert "vedlige" in std.topic("purpose", "sel_86_2").answer
    # Other topics are shared by both laws.
    assert std.topic("deadlines", "sel_86_2") is std.topic("deadlines")


@pytest.mark.parametrize(
    "topic",
    [
        "complaint_decision",
        "complaint_treatment",
        "complaint_staff",
        "citizen_adviser",
        "cancellation",
        "emergency",
    ],
)
def test_silent_topics_absent(std, topic):
    assert not std.covers(topic)


def test_no_complaint_bodies_mentioned(std):
    text = " ".join(e.answer for _, _, e in std.iter_topics())
    assert "Ankestyrelsen" not in text
    assert "Styrelsen for Patientsikkerhed" not in text


def test_no_other_phone_numbers(std):
    text = " ".join(e.answer for _, _, e in std.iter_topics())
    assert set(re.findall(r"\d{2} \d{2} \d{2} \d{2}", text)) == {PHONE}


def test_readability(std):
    text = " ".join(e.answer for _, _, e in std.iter_topics())
    assert _lix(text) <= 40


def test_file_is_in_knowledge_dir():
    assert KNOWLEDGE_FILE.is_file()
    assert Path(KNOWLEDGE_FILE).suffix == ".yml"
