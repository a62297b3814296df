"""Rebild Kommune's knowledge file against the literal values of its quality standard.

Seed: ../shared/seeds/003_d40ffce71fe9f5f8.txt (Genoptræning efter sygehusindlæggelse,
Sundhedslovens § 140; Genoptræning, Lov om Social Service § 86 stk. 1; Vedligeholdelsestræning,
Lov om Social Service § 86 stk. 2). The extract names no phone number, email, address,
approving body or approval date.
"""

from __future__ import annotations

import re

import pytest

from genoptraening.core.knowledge.validate import check_sources, parse_file
from genoptraening.settings import CHECKOUT as PROJECT_ROOT

SEEDS_DIR = PROJECT_ROOT.parent / "shared" / "seeds"
KNOWLEDGE_FILE = PROJECT_ROOT / "knowledge" / "rebild.yml"

LAWS = ["sul_140", "sel_86_1", "sel_86_2"]
SEL_86 = ["sel_86_1", "sel_86_2"]


@pytest.fixture(scope="module")
def std():
    return parse_file(KNOWLEDGE_FILE)


def _deadline(topic, kind):
    found = [d for d in topic.facts.deadlines if d.kind == kind]
    assert len(found) == 1, f"expected one {kind} deadline, got {found}"
    return found[0]


def _lix(text: str) -> float:
    words = re.findall(r"[A-Za-zÆØÅæøå0-9]+", text)
    sentences = max(1, len(re.findall(r"[.!?:]+(\s|$)", text)))
    return len(words) / sentences + 100 * sum(len(w) > 6 for w in words) / len(words)


# --- header -------------------------------------------------------------------------------


def test_header(std):
    assert std.municipality == "Rebild Kommune"
    assert std.slug == "rebild"
    assert std.seed_file == "003_d40ffce71fe9f5f8.txt"
    assert std.general is False


def test_laws_covered(std):
    assert std.laws == LAWS
    assert set(std.by_law) == set(LAWS)


def test_no_approval_in_seed(std):
    assert std.approved_by is None
    assert std.approved_on is None
    assert not std.covers("approval")


@pytest.mark.parametrize(
    "topic",
    ["cost", "on_behalf", "home_workplace", "citizen_adviser", "approval", "emergency"],
)
def test_silent_topics_absent(std, topic):
    assert not std.covers(topic)


def test_contact_names_whom_to_turn_to_and_says_that_no_number_is_printed(std):
    contact = std.topic("contact")
    assert contact is not None
    assert "oplyser ikke et telefonnummer" in contact.answer
    assert contact.facts.values["contact_body"] == "Rebild Kommunes myndighedsfunktion"
    assert contact.facts.phones == []


def test_no_phone_email_address_or_price_anywhere(std):
    for _law, _name, entry in std.iter_topics():
        assert entry.facts.phones == []
        assert entry.facts.emails == []
        assert entry.facts.addresses == []
        assert entry.facts.prices == []
        assert entry.facts.links == []
        assert not re.search(r"\b\d{2} \d{2} \d{2} \d{2}\b", entry.answer)


# --- sources and readability --------------------------------------------------------------


def test_sources_found_in_seed(std):
    assert check_sources(KNOWLEDGE_FILE.name, std, SEEDS_DIR) == []


def test_quotes_are_short(std):
    for _law, _name, entry in std.iter_topics():
        for source in entry.sources:
            assert 4 <= len(source.quote.split()) <= 15, source.quote


def test_lix_of_all_answers(std):
    text = " ".join(entry.answer for _, _, entry in std.iter_topics())
    assert _lix(text) <= 40


def test_answers_use_du_form(std):
    for law, name, entry in std.iter_topics():
        if name != "legal_basis":
            assert re.search(r"\b(du|dig|din|dit|dine)\b", entry.answer, re.I), (law, name)


# --- common topics ------------------------------------------------------------------------


def test_cancellation_common(std):
    for law in LAWS:
        assert "cancellation" not in std.by_law[law]
        topic = std.topic("cancellation", law)
        assert topic is std.topics["cancellation"]
    values = std.topics["cancellation"].facts.values
    assert values["cancel_notice"] == "dagen før"
    assert values["no_shows_end_course"] == 2
    answer = std.topics["cancellation"].answer
    assert "dagen før" in answer
    assert "2 gange" in answer
    assert "ny tid" in answer


def test_complaint_treatment_styrelsen(std):
    for law in LAWS:
        topic = std.topic("complaint_treatment", law)
        assert topic is std.topics["complaint_treatment"]
        assert "Styrelsen for Patientsikkerhed" in topic.answer
    assert (
        std.topics["complaint_treatment"].facts.values["complaint_body"]
        == "Styrelsen for Patientsikkerhed"
    )


def test_complaint_staff_secretariat(std):
    for law in LAWS:
        topic = std.topic("complaint_staff", law)
        assert "Center Sundhed, Kultur og Fritids sekretariat" in topic.answer
        assert "personalets optræden" in topic.answer


def test_legal_basis_per_law(std):
    expected = {
        "sul_140": "Sundhedslovens § 140",
        "sel_86_1": "Lov om Social Service § 86 stk. 1",
        "sel_86_2": "Lov om Social Service § 86 stk. 2",
    }
    for law, text in expected.items():
        topic = std.topic("legal_basis", law)
        assert topic.facts.values["law"] == text
        assert text in topic.answer
        assert text in std.topics["legal_basis"].answer


# --- Sundhedsloven § 140 ------------------------------------------------------------------


def test_140_deadlines(std):
    topic = std.topic("deadlines", "sul_140")
    contact = _deadline(topic, "contact")
    assert (contact.number, contact.unit, contact.from_event) == (4, "dage", "plan_received")
    start = _deadline(topic, "start")
    assert (start.number, start.unit, start.from_event) == (7, "dage", "plan_received")
    assert len(topic.facts.deadlines) == 2
    assert "4 dage" in topic.answer
    assert "7 dage" in topic.answer
    assert "udvidet frit valg" in topic.answer
    assert topic.facts.values["missed_start_deadline"] == "udvidet frit valg"


def test_140_apply_is_plan_from_hospital(std):
    topic = std.topic("apply", "sul_140")
    assert "genoptræningsplan" in topic.answer
    assert "speciallæge" in topic.answer
    assert "myndighedsfunktion" in topic.answer
    contact = _deadline(topic, "contact")
    assert (contact.number, contact.unit, contact.from_event) == (4, "dage", "plan_received")


def test_140_target_group_and_special_conditions(std):
    topic = std.topic("target_group", "sul_140")
    values = topic.facts.values
    assert values["levels"] == ["basalt", "avanceret"]
    assert values["chronic_conditions"] == ["KOL", "hjerte-kar", "diabetes"]
    assert values["chronic_provider"] == "kommunal leverandør"
    assert "kommunal leverandør" in values["children_under_18"]
    assert "min_age" not in values  # § 140 has no age limit in the standard
    for word in ("lægefagligt begrundet behov", "under 18 år", "KOL", "diabetes", "basalt",
                 "avanceret"):
        assert word in topic.answer


def test_140_free_choice_and_udvidet_frit_valg(std):
    topic = std.topic("free_choice", "sul_140")
    values = topic.facts.values
    assert values["free_choice"] is True
    assert values["udvidet_frit_valg"] is True
    assert values["other_municipality"] is True
    assert "KL" in values["udvidet_frit_valg_list"]
    for word in ("godkendte leverandører", "hjemmeside", "anden kommune", "udvidet frit valg",
                 "KL", "7 dage", "kommunal leverandør", "under 18 år"):
        assert word in topic.answer


def test_140_location(std):
    topic = std.topic("location", "sul_140")
    assert "leverandørens træningslokaler" in topic.answer
    assert "eget hjem" in topic.answer
    assert "anden kommune" in topic.answer


def test_140_scope_limited_to_plan(std):
    topic = std.topic("scope", "sul_140")
    assert "genoptræningsplan" in topic.answer
    assert "max_weeks" not in topic.facts.values


def test_140_staff_levels(std):
    topic = std.topic("staff", "sul_140")
    assert topic.facts.values["qualifications"] == ["ergoterapeut", "fysioterapeut"]
    for word in ("ergoterapeut", "fysioterapeut", "avanceret", "indsatskatalog", "supervision"):
        assert word in topic.answer


def test_140_follow_up_home_training(std):
    topic = std.topic("follow_up", "sul_140")
    assert "hjemmetræning" in topic.answer
    assert topic.facts.values["home_training_programme"] == "ved behov"


def test_140_has_no_transport_or_decision_complaint(std):
    # The § 140 part of the standard says nothing about transport or a complaint over a decision.
    assert std.topic("transport", "sul_140") is None
    assert std.topic("complaint_decision", "sul_140") is None


# --- Serviceloven § 86 --------------------------------------------------------------------


def test_86_1_target_group(std):
    topic = std.topic("target_group", "sel_86_1")
    assert topic.facts.values["min_age"] == 18
    assert topic.facts.values["age_text"] == "over 18 år"
    assert "over 18 år" in topic.answer
    assert "lungebetændelse" in topic.answer
    assert "sygehusindlæggelse" in topic.answer
    assert "individuel vurdering" in topic.answer


def test_86_2_target_group_excludes_vederlagsfri(std):
    topic = std.topic("target_group", "sel_86_2")
    assert "min_age" not in topic.facts.values
    assert "vederlagsfri fysioterapi" in topic.facts.values["excludes"]
    assert "vederlagsfri fysioterapi" in topic.answer
    assert "samme formål" in topic.answer
    assert "særlige sociale problemer" in topic.answer
    assert "individuel vurdering" in topic.answer


@pytest.mark.parametrize("law", SEL_86)
def test_86_deadlines(std, law):
    topic = std.topic("deadlines", law)
    contact = _deadline(topic, "contact")
    assert (contact.number, contact.unit, contact.from_event) == (2, "hverdage", "application")
    provider = _deadline(topic, "provider_contact")
    assert (provider.number, provider.unit, provider.from_event) == (
        2,
        "hverdage",
        "visitator_contact",
    )
    start = _deadline(topic, "start")
    assert (start.number, start.unit, start.from_event) == (3, "hverdage", "provider_contact")
    assert len(topic.facts.deadlines) == 3
    assert "2 hverdage" in topic.answer
    assert "3 hverdage" in topic.answer
    assert "skriftlig afgørelse" in topic.answer


@pytest.mark.parametrize("law", SEL_86)
def test_86_apply(std, law):
    topic = std.topic("apply", law)
    assert "visitator" in topic.answer
    assert "2 hverdage" in topic.answer
    contact = _deadline(topic, "contact")
    assert (contact.number, contact.unit, contact.from_event) == (2, "hverdage", "application")


@pytest.mark.parametrize(("law", "weeks"), [("sel_86_1", 6), ("sel_86_2", 12)])
def test_86_max_weeks(std, law, weeks):
    topic = std.topic("scope", law)
    assert topic.facts.values["max_weeks"] == weeks
    assert topic.facts.values["days"] == "hverdage"
    assert f"{weeks} uger" in topic.answer
    assert "hverdage" in topic.answer


@pytest.mark.parametrize("law", SEL_86)
def test_86_complaint_decision(std, law):
    topic = std.topic("complaint_decision", law)
    reassessment = _deadline(topic, "reassessment")
    assert (reassessment.number, reassessment.unit, reassessment.from_event) == (
        4,
        "uger",
        "complaint_received",
    )
    board = _deadline(topic, "appeal_board")
    assert (board.number, board.unit, board.from_event) == (4, "uger", "complaint_forwarded")
    assert not [d for d in topic.facts.deadlines if d.kind == "complaint"]  # none in the seed
    assert topic.facts.values["appeal_board"] == "Ankestyrelsen"
    assert topic.facts.values["complaint_to"] == "Rebild Kommunes myndighedsfunktion"
    assert "Rebild Kommunes myndighedsfunktion" in topic.answer
    assert "Ankestyrelsen" in topic.answer
    assert "4 uger" in topic.answer


@pytest.mark.parametrize("law", SEL_86)
def test_86_transport_self_payment(std, law):
    topic = std.topic("transport", law)
    assert topic.facts.values["transport_self_payment"] is True
    assert "kørsel" in topic.answer
    assert "egenbetaling" in topic.answer
    assert topic.facts.prices == []  # no amount in the standard


@pytest.mark.parametrize("law", SEL_86)
def test_86_free_choice_without_udvidet(std, law):
    topic = std.topic("free_choice", law)
    assert topic.facts.values["free_choice"] is True
    assert "udvidet_frit_valg" not in topic.facts.values
    assert "udvidet" not in topic.answer
    assert "hjemmeside" in topic.answer


@pytest.mark.parametrize("law", SEL_86)
def test_86_staff(std, law):
    topic = std.topic("staff", law)
    assert topic.facts.values["qualifications"] == ["ergoterapeut", "fysioterapeut"]
    assert "ergoterapeut eller fysioterapeut" in topic.answer


def test_location_per_law(std):
    assert "leverandørens træningslokaler" in std.topic("location", "sel_86_1").answer
    places = std.topic("location", "sel_86_2").facts.values["places"]
    assert "et ældrecenter" in places
    assert "en privatpraktiserende terapeut" in places
    answer = std.topic("location", "sel_86_2").answer
    assert "ældrecenter" in answer
    assert "eget hjem" in answer


def test_86_2_content_mostly_on_hold(std):
    topic = std.topic("content", "sel_86_2")
    assert "primært på hold" in topic.answer


@pytest.mark.parametrize("law", LAWS)
def test_every_law_has_core_topics(std, law):
    for name in ("purpose", "target_group", "apply", "content", "location", "scope",
                 "deadlines", "free_choice", "staff", "follow_up", "legal_basis",
                 "cancellation", "complaint_treatment", "complaint_staff"):
        assert std.topic(name, law) is not None, name
