"""Skanderborg Kommune's knowledge file against literal values in its quality standard.

Seed: ../shared/seeds/002_799ebacafca7cc2e.txt (Serviceloven § 86, stk. 1 and 2).
"""

from __future__ import annotations

import re

import pytest

from genoptraening.core.knowledge.validate import check_sources, parse_file
from genoptraening.settings import CHECKOUT as PROJECT_ROOT

SEEDS_DIR = PROJECT_ROOT.parent / "shared" / "seeds"

PHONES = {
    "Galten": "87 94 84 16",
    "Hørning": "87 94 87 38",
    "Skanderborg": "87 94 86 92",
    "Ry": "87 94 88 38",
}
EMAIL = "AktivitetogTraeningVisitation@skanderborg.dk"
WEEKDAYS = [0, 1, 2, 3, 4]


@pytest.fixture(scope="module")
def std():
    return parse_file(PROJECT_ROOT / "knowledge" / "skanderborg.yml")


def _deadline(topic, kind):
    found = [d for d in topic.facts.deadlines if d.kind == kind]
    assert len(found) == 1, f"expected one {kind} deadline, got {found}"
    return found[0]


# --- header ---------------------------------------------------------------------------------

def test_header(std):
    assert std.municipality == "Skanderborg Kommune"
    assert std.slug == "skanderborg"
    assert std.seed_file == "002_799ebacafca7cc2e.txt"
    assert not std.general


def test_laws_covered(std):
    assert sorted(std.laws) == ["sel_86_1", "sel_86_2"]
    assert "sul_140" not in std.laws
    assert set(std.by_law) == {"sel_86_1", "sel_86_2"}


def test_approval_body_without_date(std):
    assert std.approved_by == "Skanderborg Kommunes Byråd"
    assert std.approved_on is None  # the standard gives no date
    approval = std.topic("approval")
    assert approval is not None
    assert "Byrådet" in approval.answer
    assert not re.search(r"\b(19|20)\d\d\b", approval.answer)
    assert approval.facts.values["date_stated"] is False


# --- sources ----------------------------------------------------------------------------------

@pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason="seed documents not available")
def test_every_quote_and_heading_is_in_the_seed(std):
    assert check_sources("skanderborg.yml", std, SEEDS_DIR) == []


def test_every_entry_has_sources(std):
    for _law, _topic, entry in std.iter_topics():
        assert entry.sources


# --- contact ----------------------------------------------------------------------------------

def test_contact_is_common(std):
    assert "contact" in std.topics
    assert std.topic_by_law("contact") == {}


def test_contact_phones_and_hours(std):
    contact = std.topic("contact")
    phones = {p.label: p for p in contact.facts.phones}
    assert {label: p.number for label, p in phones.items()} == PHONES
    for phone in phones.values():
        assert "8.00-9.00" in phone.hours and "12.00-13.00" in phone.hours
        slots = [(s.days, s.start, s.end) for s in phone.open]
        assert slots == [(WEEKDAYS, "08:00", "09:00"), (WEEKDAYS, "12:00", "13:00")]


def test_contact_answer_lists_every_number_and_the_hours(std):
    answer = std.topic("contact").answer
    for area, number in PHONES.items():
        assert area in answer
        assert number in answer
    assert "mandag til fredag" in answer
    assert "8.00-9.00" in answer and "12.00-13.00" in answer


def test_contact_email_not_for_sensitive_data(std):
    contact = std.topic("contact")
    assert [e.address for e in contact.facts.emails] == [EMAIL]
    assert contact.facts.emails[0].sensitive_data_ok is False
    assert EMAIL in contact.answer
    assert "personfølsomme" in contact.answer
    assert "digitale postkasse på borger.dk" in contact.answer
    assert "MitID" in contact.answer


def test_no_address_is_invented(std):
    # Section 5 refers to "adresse først i dokumentet", but the standard prints none.
    for _law, _topic, entry in std.iter_topics():
        assert entry.facts.addresses == []


def test_links_are_printed_in_the_seed(std):
    seed = (SEEDS_DIR / "002_799ebacafca7cc2e.txt")
    if not seed.is_file():
        pytest.skip("seed documents not available")
    text = seed.read_text(encoding="utf-8")
    for _law, _topic, entry in std.iter_topics():
        for link in entry.facts.links:
            assert link.url in text


# --- per-law topics -------------------------------------------------------------------------

@pytest.mark.parametrize(
    "topic",
    ["purpose", "target_group", "content", "scope", "cost", "apply", "deadlines",
     "follow_up", "legal_basis"],
)
def test_topics_differing_per_law(std, topic):
    entries = std.topic_by_law(topic)
    assert set(entries) == {"sel_86_1", "sel_86_2"}
    assert entries["sel_86_1"].answer != entries["sel_86_2"].answer


def test_deadlines_genoptraening(std):
    topic = std.topic("deadlines", "sel_86_1")
    contact = _deadline(topic, "contact")
    assert (contact.number, contact.unit, contact.from_event) == (1, "uger", "application")
    decision = _deadline(topic, "decision")
    assert (decision.number, decision.unit, decision.from_event) == (2, "uger", "application")
    start = _deadline(topic, "start")
    assert (start.number, start.unit, start.from_event) == (3, "uger", "application")
    assert "inden for en uge" in topic.answer
    assert "2 uger" in topic.answer
    assert "3 uger" in topic.answer


def test_deadlines_vedligeholdende(std):
    topic = std.topic("deadlines", "sel_86_2")
    contact = _deadline(topic, "contact")
    assert (contact.number, contact.unit, contact.from_event) == (1, "uger", "application")
    decision = _deadline(topic, "decision")
    assert (decision.number, decision.unit, decision.from_event) == (2, "uger", "application")
    start = _deadline(topic, "start")
    assert (start.number, start.unit, start.from_event) == (21, "dage", "application")
    assert "21 dage" in topic.answer
    assert "3 uger" not in topic.answer


def test_apply_mentions_start_deadline_per_law(std):
    assert "3 uger" in std.topic("apply", "sel_86_1").answer
    assert "21 dage" in std.topic("apply", "sel_86_2").answer
    for law in ("sel_86_1", "sel_86_2"):
        apply = std.topic("apply", law)
        assert "MitID" in apply.answer
        assert "træningscenter" in apply.answer
        assert {p.number for p in apply.facts.phones} == set(PHONES.values())
        for number in PHONES.values():
            assert number in apply.answer


def test_scope_genoptraening(std):
    scope = std.topic("scope", "sel_86_1")
    assert scope.facts.values["times_per_week"] == "1-2"
    assert scope.facts.values["duration_months"] == "2-3"
    assert "1-2 gange om ugen" in scope.answer
    assert "2-3 måneder" in scope.answer
    assert "hverdage" in scope.answer


def test_scope_vedligeholdende(std):
    scope = std.topic("scope", "sel_86_2")
    assert scope.facts.values["times_per_week"] == "1-2"
    assert scope.facts.values["evaluation_after_months"] == "3-4"
    assert "duration_months" not in scope.facts.values
    assert "1-2 gange om ugen" in scope.answer
    assert "3-4 måneder" in scope.answer
    assert "grupper" in scope.answer


def test_cost_free_with_self_payments(std):
    genop = std.topic("cost", "sel_86_1")
    vedl = std.topic("cost", "sel_86_2")
    for entry in (genop, vedl):
        assert entry.facts.values["training_free"] is True
        assert "gratis" in entry.answer
        assert entry.facts.prices == []
        assert entry.facts.values["transport_price_stated"] is False
    assert "forplejning" in genop.answer and "materialer" not in genop.answer
    assert "forplejning" in vedl.answer and "materialer" in vedl.answer


def test_transport_price_not_stated(std):
    transport = std.topic("transport")
    assert transport is not None and std.topic_by_law("transport") == {}
    assert transport.facts.prices == []
    assert transport.facts.values["price_stated"] is False
    assert transport.facts.values["price_set_by"] == "Skanderborg Kommunes Byråd"
    assert "egenbetaling" in transport.answer
    assert "Byråd" in transport.answer
    assert "kr" not in transport.answer.split()
    assert not re.search(r"\d", transport.answer)  # no amount, no year


def test_target_groups(std):
    genop = std.topic("target_group", "sel_86_1")
    assert genop.facts.values["no_prior_hospitalisation"] is True
    assert "midlertidig" in genop.answer
    vedl = std.topic("target_group", "sel_86_2")
    assert "sociale problemer" in vedl.answer
    for entry in (genop, vedl):
        assert "motiveret" in entry.answer
        assert "vurderer" in entry.answer
        assert "min_age" not in entry.facts.values  # no age limit in the standard


def test_legal_basis(std):
    assert "§ 86, stk. 1" in std.topic("legal_basis", "sel_86_1").answer
    assert "§ 86, stk. 2" in std.topic("legal_basis", "sel_86_2").answer
    assert "§ 86" in std.topic("legal_basis").answer


def test_cancellation_only_for_genoptraening(std):
    entry = std.topic("cancellation", "sel_86_1")
    assert entry is not None
    assert "erstatningstræning" in entry.answer
    assert std.topic("cancellation", "sel_86_2") is None


def test_location_common(std):
    location = std.topic("location")
    assert "træningscenter" in location.answer
    assert "eget hjem" in location.answer
    assert "skærm" in location.answer


# --- complaints and the home ----------------------------------------------------------------

def test_complaint_about_decision(std):
    entry = std.topic("complaint_decision")
    assert std.topic_by_law("complaint_decision") == {}
    complaint = _deadline(entry, "complaint")
    assert (complaint.number, complaint.unit, complaint.from_event) == (
        4, "uger", "decision_received")
    reassess = _deadline(entry, "reassessment")
    assert (reassess.number, reassess.unit, reassess.from_event) == (
        4, "uger", "complaint_received")
    assert entry.facts.values["complaint_to"] == "Aktivitet og Træning"
    assert entry.facts.values["appeal_body"] == "Ankestyrelsen"
    assert "4 uger" in entry.answer
    assert "mundtligt eller skriftligt" in entry.answer
    assert "Ankestyrelsen" in entry.answer


def test_complaint_about_staff(std):
    entry = std.topic("complaint_staff")
    assert entry.facts.values["complaint_to"] == "teamleder i Aktivitet og Træning"
    assert entry.facts.values["has_deadline"] is False
    assert entry.facts.deadlines == []
    assert "teamlederen i Aktivitet og Træning" in entry.answer
    assert "ingen frist" in entry.answer
    assert "Ankestyrelsen kan ikke" in entry.answer


def test_home_workplace(std):
    entry = std.topic("home_workplace")
    for word in ("sne", "salt", "lys", "ryge", "Husdyr"):
        assert word in entry.answer


def test_staff_other_professionals(std):
    entry = std.topic("staff")
    assert entry.facts.values["other_professionals"] == [
        "sygeplejerske", "diætist", "demenskoordinator"]


# --- silence ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "topic",
    ["complaint_treatment", "citizen_adviser", "free_choice", "on_behalf", "emergency"],
)
def test_topics_the_standard_is_silent_on(std, topic):
    assert not std.covers(topic)


def test_no_patient_safety_authority_mentioned(std):
    for _law, _topic, entry in std.iter_topics():
        assert "Styrelsen for Patientsikkerhed" not in entry.answer


def test_no_prices_anywhere(std):
    for _law, _topic, entry in std.iter_topics():
        assert entry.facts.prices == []


# --- text quality -------------------------------------------------------------------------

def _lix(text: str) -> float:
    words = re.findall(r"[A-Za-zÆØÅæøå0-9]+", text)
    sentences = max(1, len(re.findall(r"[.!?:]+(\s|$)", text)))
    return len(words) / sentences + 100 * sum(len(w) > 6 for w in words) / len(words)


def test_answers_are_readable(std):
    text = " ".join(entry.answer for _law, _topic, entry in std.iter_topics())
    assert _lix(text) <= 40


def test_phone_numbers_grouped_in_answers(std):
    for _law, _topic, entry in std.iter_topics():
        assert not re.search(r"\b\d{8}\b", entry.answer)
