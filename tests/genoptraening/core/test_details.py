from pathlib import Path

import pytest

from genoptraening.core.details import (
    DETAILS_FILE,
    Cue,
    asked_detail,
    detail_problems,
    details,
    told_detail,
)
from genoptraening.core.knowledge.schema import TOPICS
from genoptraening.settings import get_settings


def test_cue_patterns_match_whole_words_prefixes_suffixes_and_phrases():
    words = ["har", "jeg", "en", "schaferhund", "til", "at", "klage"]
    assert Cue.parse("*hund").found_in(words)
    assert Cue.parse("schæfer*").found_in(words)  # folded like the text: æ → a
    assert Cue.parse("til at klage").found_in(words)
    assert not Cue.parse("at til klage").found_in(words)  # a phrase keeps its order
    assert Cue.parse("jeg + klage").found_in(words)  # " + ": both, anywhere
    assert not Cue.parse("jeg + frist*").found_in(words)
    assert not Cue.parse("hun").found_in(words)  # a plain word is the whole word


@pytest.mark.parametrize(("question", "topic", "expected"), [
    ("Er der gratis parkering ved centret?", "cost", "parking"),
    ("Kan træningen ligge efter kl. 16 eller i weekenden?", "scope", "evening_weekend"),
    ("Hvor lang tid har jeg til at klage?", "deadlines", "complaint_deadline"),
    ("hvad koster korsel til traening?", "transport", "transport_price"),
    ("Hvad koster det?", "cost", None),  # the price of training is the cost topic itself
    ("Hvor mange gange om ugen træner man?", "scope", "frequency"),
    ("Hvor mange gange om ugen træner man?", "complaint_staff", None),  # not its topic
    ("Kan jeg få en kvindelig fysioterapeut?", "staff", "therapist_gender"),
    ("kan hjemmeplejen søge om træning for hende?", "apply", "care_staff_applies"),
    ("Er der handicapparkering ved jeres genoptræningscentre?", "contact", "parking"),
    ("Hvad skal jeg have på til holdtræning?", "content", "clothing"),
    ("Hvor lang er ventelisten på træningscentret i Ry lige nu?", "deadlines", "waiting_list"),
    ("jeg vil klage over ventelisten og over personalet", "complaint_staff", None),
    ("Kan jeg træne hjemme?", "location", "home_training"),
])
def test_the_detail_a_question_asks_for(question, topic, expected):
    found = asked_detail(question, topic)
    assert (found.id if found else None) == expected


def test_a_story_telling_the_way_there_is_hard_tells_of_training_at_home():
    found = told_detail("Hun kan ikke selv køre til Løsning. Kan kommunen køre hende?")
    assert found is not None and found.id == "home_training"
    assert told_detail("Hun kan ikke selv komme op af stolen.") is None


def test_a_detail_is_stated_by_the_standards_words():
    price = next(d for d in details() if d.id == "transport_price")
    assert price.stated_in("I 2023 er taksten 41 kr. for ud- og hjemtransport.")
    assert not price.stated_in("Kørslen vil være forbundet med en egenbetaling.")
    assert price.sentences_stating("Du betaler selv. Taksten er 41 kr. Den reguleres.") == [
        "Taksten er 41 kr."]


def test_the_details_file_is_valid():
    path = get_settings().knowledge_dir / DETAILS_FILE
    assert detail_problems(path, TOPICS) == []


def test_a_broken_details_file_is_told_in_danish(tmp_path: Path):
    path = tmp_path / "details.yml"
    path.write_text("details:\n  parking:\n    label: x\n    asks: parker*\n"
                    "    topic: parkering\n", encoding="utf-8")
    assert detail_problems(path, TOPICS) == [
        ("details.parking.stated", "mangler"),
        ("details.parking.asks", "skal være en liste af ord eller udtryk"),
        ("details.parking", "'parkering' er ikke et emne"),
    ]
    path.write_text("details: [", encoding="utf-8")
    assert "ikke gyldig YAML" in detail_problems(path, TOPICS)[0][1]


def test_a_need_told_anywhere_in_a_story_is_found():
    assert told_detail("Han er begyndt at glemme, hvordan man tager tøj på.").id == "cognitive"
    assert told_detail("Hun er faldet og har ondt i hoften.") is None


def test_still_unwell_when_the_course_ends_asks_about_extension():
    from genoptraening.core.details import asked_detail

    detail = asked_detail("og hvis jeg stadig er dårlig når forløbet er slut?", "follow_up")
    assert detail is not None and detail.id == "extension"


def test_a_young_citizen_telling_their_own_age_tells_of_a_child():
    found = told_detail("hej jeg er 16 og bor i Rebild kommune. jeg var indlagt efter en "
                        "skiulykke")
    assert found is not None and found.id == "child_provider"
    assert told_detail("jeg er 67 og bor i Rebild") is None


def test_every_need_a_story_tells_is_found_in_the_file_s_order():
    from genoptraening.core.details import told_details

    found = told_details("Jeg kan ikke komme ud af huset. Og jeg har mine cigaretter, dem "
                         "giver jeg ikke op.")
    assert [d.id for d in found] == ["smoking", "home_training"]
    assert told_details("Jeg har ondt i ryggen.") == []  # "ryggen" is no smoking


def test_smoking_is_asked_by_its_own_words_not_by_the_back():
    from genoptraening.core.details import asked_detail

    detail = asked_detail("Må jeg ryge, når terapeuten er her?", "home_workplace")
    assert detail is not None and detail.id == "smoking"
    assert asked_detail("kan jeg få træning for min ryg?", "home_workplace") is None
