"""Lejre Kommune's knowledge file against the literal values of its quality standard.

Seed: ../shared/seeds/000_fcbf1760aa121c15.txt (Kvalitetsstandard for genoptræning og
vedligeholdende træning, Serviceloven § 86 stk. 1 og stk. 2).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from genoptraening.core.knowledge.validate import check_sources, parse_file
from genoptraening.settings import CHECKOUT as PROJECT_ROOT

SEEDS_DIR = PROJECT_ROOT.parent / "shared" / "seeds"
KNOWLEDGE_FILE = PROJECT_ROOT / "knowledge" / "lejre.yml"

WEEKDAYS = [0, 1, 2, 3, 4]


@pytest.fixture(scope="module")
def std():
    return parse_file(KNOWLEDGE_FILE)


def _slots(phone):
    return sorted((tuple(s.days), s.start, s.end) for s in phone.open)


def _deadline(topic, kind):
    found = [d for d in topic.facts.deadlines if d.kind == kind]
    assert len(found) == 1, f"expected one {kind} deadline, got {found}"
    return found[0]


# --- header -------------------------------------------------------------------------------


def test_header(std):
    assert std.municipality == "Lejre Kommune"
    assert std.slug == "lejre"
    assert std.seed_file == "000_fcbf1760aa121c15.txt"
    assert std.title == "Kvalitetsstandard for genoptræning og vedligeholdende træning"
    assert std.general is False


def test_laws_covered(std):
    assert std.laws == ["sel_86_1", "sel_86_2"]
    assert "sul_140" not in std.by_law
    assert set(std.by_law) == {"sel_86_1", "sel_86_2"}


def test_approval(std):
    assert std.approved_by == "Udvalget for Social, Sundhed og Ældre"
    assert std.approved_on == dt.date(2023, 6, 12)
    approval = std.topic("approval")
    assert approval is not None
    assert "Udvalget for Social, Sundhed og Ældre" in approval.answer
    assert "12. juni 2023" in approval.answer


def test_sources_found_in_seed(std):
    if not SEEDS_DIR.is_dir():
        pytest.skip("seed documents not available")
    problems = check_sources("lejre.yml", std, SEEDS_DIR)
    assert problems == []


def test_every_topic_has_sources(std):
    for _law, _name, entry in std.iter_topics():
        assert entry.sources


# --- topics per law -----------------------------------------------------------------------


def test_by_law_only_purpose_and_target_group(std):
    for law in ("sel_86_1", "sel_86_2"):
        assert set(std.by_law[law]) == {"purpose", "target_group"}
    assert "purpose" not in std.topics
    assert "target_group" not in std.topics


def test_common_topics_present(std):
    expected = {
        "content", "location", "scope", "cost", "transport", "apply", "contact",
        "on_behalf", "deadlines", "free_choice", "staff", "home_workplace", "complaint_decision",
        "complaint_treatment", "complaint_staff", "citizen_adviser", "legal_basis",
        "approval",
    }
    assert set(std.topics) == expected


@pytest.mark.parametrize(
    "topic", ["cancellation", "cooperation", "follow_up", "emergency"]
)
def test_silent_topics_absent(std, topic):
    assert not std.covers(topic)
    for law in std.laws:
        assert std.topic(topic, law) is None


def test_free_choice_says_where_training_is_and_that_no_other_provider_is_named(std):
    answer = std.topic("free_choice").answer
    assert "genoptræningscentre" in answer and "nævner ikke andre" in answer


def test_target_group_genoptraening(std):
    entry = std.topic("target_group", "sel_86_1")
    assert "fysiske funktion" in entry.answer
    assert "indlagt" in entry.answer
    assert "uden indlæggelse" in entry.facts.values["condition"]
    assert "individuelt" in entry.answer


def test_target_group_vedligeholdende(std):
    entry = std.topic("target_group", "sel_86_2")
    assert "fysisk, psykisk eller mental funktionsnedsættelse" in entry.answer
    assert entry.facts.values["impairments"] == ["fysisk", "psykisk", "mental"]
    assert "individuelt" in entry.answer


def test_purpose_per_law(std):
    assert "fysiske færdigheder og kræfter" in std.topic("purpose", "sel_86_1").answer
    assert "funktionsnedsættelse" in std.topic("purpose", "sel_86_2").answer
    for law in std.laws:
        assert "så aktivt liv som muligt" in std.topic("purpose", law).answer


def test_no_age_limit_stated(std):
    for _law, _name, entry in std.iter_topics():
        assert "min_age" not in entry.facts.values
        assert "max_age" not in entry.facts.values


# --- contact and applying -----------------------------------------------------------------


def test_contact_phone_and_hours(std):
    contact = std.topic("contact")
    assert [p.number for p in contact.facts.phones] == ["92 43 43 48"]
    phone = contact.facts.phones[0]
    assert phone.label == "Genoptræningen"
    assert _slots(phone) == [
        (tuple(WEEKDAYS), "07:30", "09:00"),
        (tuple(WEEKDAYS), "12:30", "14:00"),
    ]
    assert "92 43 43 48" in contact.answer
    assert "alle hverdage" in contact.answer
    assert "7.30-9.00" in contact.answer
    assert "12.30-14.00" in contact.answer
    assert contact.facts.emails == []


def test_no_email_anywhere(std):
    for _law, _name, entry in std.iter_topics():
        assert entry.facts.emails == []
        assert "@" not in entry.answer


def test_apply(std):
    apply = std.topic("apply")
    assert "ansøgningsskema" in apply.answer
    assert "digital post" in apply.answer
    assert "Bøgebakken 1" in apply.answer and "4320 Lejre" in apply.answer
    assert apply.facts.addresses[0].name == "Genoptræningen"
    assert apply.facts.addresses[0].lines == ["Bøgebakken 1", "4320 Lejre"]
    urls = {link.url for link in apply.facts.links}
    assert (
        "https://www.lejre.dk/media/tv1hrbah/ansoegningsskema-genoptraening-uden-"
        "sygehusindl%C3%A6ggelse.pdf" in urls
    )
    assert (
        "https://post.borger.dk/send/c6ec1042-72cf-4d9d-8138-224082725249/"
        "1a54af0b-23cb-44c0-8849-46323c9d80a8/" in urls
    )
    assert [p.number for p in apply.facts.phones] == ["92 43 43 48"]
    assert "tre" in apply.answer  # a meeting at home or at one of the three centres


def test_on_behalf_consent(std):
    entry = std.topic("on_behalf")
    assert "samtykke" in entry.answer
    assert "mundtligt eller skriftligt" in entry.answer
    assert "udtrykkeligt" in entry.answer
    assert entry.facts.values["consent"] == "udtrykkeligt"
    assert entry.facts.values["consent_forms"] == ["mundtligt", "skriftligt"]


# --- deadlines ----------------------------------------------------------------------------


def test_deadline_decision(std):
    d = _deadline(std.topic("deadlines"), "decision")
    assert (d.number, d.unit, d.from_event) == (14, "dage", "application")


def test_deadline_contact(std):
    d = _deadline(std.topic("deadlines"), "contact")
    assert (d.number, d.unit, d.from_event) == (7, "kalenderdage", "grant")


def test_deadline_start(std):
    d = _deadline(std.topic("deadlines"), "start")
    assert (d.number, d.unit, d.from_event) == (14, "dage", "grant")


def test_deadlines_answer_mentions_values(std):
    answer = std.topic("deadlines").answer
    assert "14 dage" in answer
    assert "7 kalenderdage" in answer
    assert "fire uger" in answer


def test_complaint_deadline(std):
    for topic in ("deadlines", "complaint_decision"):
        d = _deadline(std.topic(topic), "complaint")
        assert (d.number, d.unit, d.from_event) == (4, "uger", "decision_received")


def test_no_other_deadline_kinds(std):
    kinds = {d.kind for _l, _n, e in std.iter_topics() for d in e.facts.deadlines}
    assert kinds == {"decision", "contact", "start", "complaint"}


# --- scope, location, content -------------------------------------------------------------


def test_scope(std):
    scope = std.topic("scope")
    values = scope.facts.values
    assert str(values["max_months"]) == "3"
    assert values["times_per_week"] == "1-2"
    assert str(values["courses_per_year"]) == "2"
    assert str(values["course_months"]) == "3"
    assert values["extension"] == "hvis det vurderes nødvendigt"
    assert "tre måneder" in scope.answer
    assert "én til to gange om ugen" in scope.answer
    assert "2 forløb om året" in scope.answer
    assert "3 måneder" in scope.answer
    assert "forlænges" in scope.answer
    assert "max_weeks" not in values


def test_location(std):
    location = std.topic("location")
    assert str(location.facts.values["number_of_centres"]) == "3"
    assert "begrænset periode" in location.facts.values["home"]
    assert "genoptræningscentre" in location.answer
    assert "eget hjem" in location.answer
    assert "begrænset periode" in location.answer
    for place in ("plejecenter", "midlertidig plads", "naturen", "selvtræning"):
        assert place in location.answer
    assert "centres" not in location.facts.values  # the standard names no centre


def test_content_has_no_tests(std):
    content = std.topic("content")
    assert "tests" not in content.facts.values
    assert "hold" in content.answer and "individuelt" in content.answer


# --- cost and transport -------------------------------------------------------------------


def test_cost_free(std):
    cost = std.topic("cost")
    assert "gratis" in cost.answer
    assert "visiteret" in cost.answer
    assert cost.facts.prices == []


def test_transport_price(std):
    transport = std.topic("transport")
    assert len(transport.facts.prices) == 1
    price = transport.facts.prices[0]
    assert price.amount == 41
    assert price.year == 2023
    assert "ud- og hjemtransport" in price.per
    assert "41 kr." in transport.answer
    assert "2023" in transport.answer
    assert "selv sørge for transport" in transport.answer
    assert "offentlig transport" in transport.answer
    assert "bustrafik" in transport.answer
    assert "årets udgang" in transport.answer


# --- staff and home -----------------------------------------------------------------------


def test_staff(std):
    staff = std.topic("staff")
    assert staff.facts.values["professions"] == [
        "ergoterapeuter", "fysioterapeuter", "træningsassistenter",
    ]
    for phrase in (
        "ergo- og fysioterapeuter", "træningsassistenter", "uniform", "straffeattest",
        "dansk", "tavshedspligt",
    ):
        assert phrase in staff.answer


def test_home_workplace(std):
    home = std.topic("home_workplace")
    assert "arbejdsmiljøloven" in home.answer
    assert "ryge" in home.answer
    assert "luftet ud" in home.answer
    assert "plejecentrene" in home.answer


# --- complaints ---------------------------------------------------------------------------


def test_complaint_decision(std):
    entry = std.topic("complaint_decision")
    assert entry.facts.values["complain_to"] == "Visitation & Hjælpemidler"
    assert [p.number for p in entry.facts.phones] == ["46 46 46 46"]
    assert entry.facts.phones[0].open == []  # the standard gives no hours for this line
    assert entry.facts.addresses[0].name == "Visitation & Hjælpemidler"
    assert entry.facts.addresses[0].lines == ["Hvalsø Rådhus", "Møllebjergvej 4", "4330 Hvalsø"]
    assert (
        "https://post.borger.dk/send/c6ec1042-72cf-4d9d-8138-224082725249/"
        "4e3c5ee3-c010-48c3-8505-9289de9efe84/"
        in {link.url for link in entry.facts.links}
    )
    for phrase in (
        "46 46 46 46", "Visitation & Hjælpemidler", "Hvalsø Rådhus", "Møllebjergvej 4",
        "4330 Hvalsø", "fire uger", "borger.dk",
    ):
        assert phrase in entry.answer


def test_no_ankestyrelsen(std):
    # The standard does not mention Ankestyrelsen or a reassessment deadline.
    for _law, _name, entry in std.iter_topics():
        assert "Ankestyrelsen" not in entry.answer


def test_complaint_treatment(std):
    entry = std.topic("complaint_treatment")
    assert entry.facts.values["complain_to"] == "Styrelsen for Patientsikkerhed"
    assert "Styrelsen for Patientsikkerhed" in entry.answer


def test_complaint_staff(std):
    entry = std.topic("complaint_staff")
    assert entry.facts.values["complain_to"] == "leder af Genoptræningen"
    assert "lederen af Genoptræningen" in entry.answer
    assert "ventelister" in entry.answer
    assert entry.facts.links[0].url == (
        "https://www.lejre.dk/borger/sundhed/genoptraening-og-rehabilitering/"
    )


def test_citizen_adviser(std):
    entry = std.topic("citizen_adviser")
    assert "borgerrådgiver" in entry.answer
    assert "sagsbehandling" in entry.answer
    assert "diskrimination" in entry.answer
    assert entry.facts.links[0].url == (
        "https://www.lejre.dk/om-kommunen/din-sag-i-kommunen/borgerradgiveren/"
    )


def test_legal_basis(std):
    entry = std.topic("legal_basis")
    assert "§ 86 stk. 1 og stk. 2" in entry.answer
    assert "Lov om Social Service" in entry.answer


# --- text quality -------------------------------------------------------------------------


def test_phone_numbers_grouped_in_pairs(std):
    for _law, _name, entry in std.iter_topics():
        for number in re.findall(r"\d[\d ]{6,}\d", entry.answer):
            if len(number.replace(" ", "")) == 8:
                assert re.fullmatch(r"\d{2} \d{2} \d{2} \d{2}", number), number


def test_lix_at_most_40(std):
    text = " ".join(entry.answer for _law, _name, entry in std.iter_topics())
    words = re.findall(r"[A-Za-zÆØÅæøå0-9]+", text)
    sentences = max(1, len(re.findall(r"[.!?:]+(\s|$)", text)))
    lix = len(words) / sentences + 100 * sum(len(w) > 6 for w in words) / len(words)
    assert lix <= 40


def test_no_urls_or_sources_in_answers(std):
    for _law, _name, entry in std.iter_topics():
        assert "http" not in entry.answer
        assert "Kilde" not in entry.answer
