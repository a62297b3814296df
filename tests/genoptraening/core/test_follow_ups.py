from pathlib import Path

import pytest

from genoptraening.core.follow_ups import asks_meaning, follow_up_problems


@pytest.mark.parametrize("text", [
    "Hvad betyder det?", "hvad betyder det helt præcist?", "hvad mener du med det",
    "Det forstår jeg ikke", "kan du forklare det?",
])
def test_short_questions_of_meaning(text):
    assert asks_meaning(text)


@pytest.mark.parametrize("text", [
    "Hvad koster det?",
    # Long: a question of its own, though it says "hvad betyder det".
    "Hvad betyder det for min mor, hvis hun ikke kan komme til træning om tirsdagen?",
    "",
])
def test_other_messages_do_not(text):
    assert not asks_meaning(text)


def test_the_shipped_file_is_valid():
    from genoptraening.core.follow_ups import FOLLOW_UPS_FILE
    from genoptraening.settings import get_settings

    assert follow_up_problems(get_settings().knowledge_dir / FOLLOW_UPS_FILE) == []


def test_a_broken_file_gets_a_danish_reason(tmp_path: Path):
    path = tmp_path / "follow_ups.yml"
    path.write_text("meaning:\n  asks: [1, '']\n", encoding="utf-8")
    assert follow_up_problems(path) == [("meaning.asks", "skal være en liste af ord eller udtryk")]
    path.write_text("meaning: [a]\n", encoding="utf-8")
    assert follow_up_problems(path)[0][0] == "meaning"
    assert follow_up_problems(tmp_path / "missing.yml") == []


def test_what_happens_next_is_asked_after_the_topics_the_file_names():
    from genoptraening.core.follow_ups import next_topic

    assert next_topic("Hvad sker der så med den bagefter?", "complaint_decision") == (
        "complaint_decision")
    assert next_topic("og hvad så?", "apply") == "deadlines"
    assert next_topic("Hvad sker der så?", "content") is None
    assert next_topic("hvad koster det", "apply") is None
    long = "hvad sker der så hvis jeg nu skriver en meget lang besked om noget helt andet"
    assert next_topic(long, "apply") is None


def test_what_comes_after_the_course_is_the_follow_up_where_the_standard_has_one():
    from genoptraening.core.follow_ups import next_topic

    assert next_topic("hvad så bagefter?", "scope") == "follow_up"
    # A standard without its own answer on it: the course's length again (what it says of
    # the end), as before.
    assert next_topic("hvad så bagefter?", "scope", answers=lambda t: t != "follow_up") == "scope"
    assert next_topic("og hvis jeg ikke er færdig til den tid", "scope") == "scope"


def test_the_training_itself_after_the_ride_s_price_is_what_the_training_costs():
    from genoptraening.core.follow_ups import next_topic

    assert next_topic("og selve træningen?", "transport") == "cost"
    assert next_topic("hvad med træningen, koster den noget?", "transport") == "cost"
    assert next_topic("hvor meget er det?", "transport") == "transport"  # the ride's price
    assert next_topic("og selve træningen?", "location") is None
    assert next_topic("og træningen, hvor foregår den?", "transport") is None  # not its price


def test_a_wrong_next_section_is_named(tmp_path):
    path = tmp_path / "follow_ups.yml"
    path.write_text("meaning:\n  asks: [hvad betyder det]\nnext:\n  asks: []\n"
                    "  after: {apply: nonsense}\n", encoding="utf-8")
    where = [w for w, _ in follow_up_problems(path)]
    assert where == ["next.asks", "next.after.apply"]


def test_a_step_may_hold_only_under_one_law_and_its_law_is_checked(tmp_path):
    from genoptraening.core.follow_ups import next_topic

    assert next_topic("hvad hvis I ikke kan nå det?", "deadlines", "sul_140") == "free_choice"
    assert next_topic("hvad hvis I ikke kan nå det?", "deadlines", "sel_86_1") is None
    assert next_topic("og hvis de siger nej?", "apply") == "complaint_decision"
    # "Er der en frist?" after a complaint is the complaint's own deadline.
    assert next_topic("Er der en frist?", "complaint_decision") == "complaint_decision"
    assert next_topic("Er der en frist?", "apply") is None
    # "hvor meget er det?" after the transport is the transport's price, not the training's.
    assert next_topic("men hvor meget er det cirka", "transport") == "transport"
    assert next_topic("men hvor meget er det cirka", "scope") is None
    path = tmp_path / "follow_ups.yml"
    path.write_text("version: 1\nmeaning:\n  asks: [forklar]\nlate:\n  asks: [for sent]\n"
                    "  after:\n    deadlines/stk3: free_choice\n", encoding="utf-8")
    assert follow_up_problems(path) == [
        ("late.after.deadlines/stk3", "ukendt lov: stk3 (brug sul_140, sel_86_1, sel_86_2)")]
