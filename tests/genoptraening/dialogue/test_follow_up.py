"""Follow-ups that ask for a detail of the last answer."""

from genoptraening.core.relatives import find_relative
from genoptraening.core.signals import Signals
from genoptraening.core.situation import Situation


def test_the_address_after_the_complaint_answer_is_the_complaints_address(conversation):
    c = conversation(municipality="lejre")
    c.say("answer_topic", "Kan jeg klage over afslaget?", "ask_complaint_decision")
    text = c.say("answer_topic", "hvad er adressen hvis jeg hellere vil sende et brev?",
                 "ask_contact")
    assert "Møllebjergvej 4" in text and "Hvalsø" in text
    assert "Bøgebakken" not in text  # the training centre's address is not what was asked
    assert "12.1. Hvis du vil klage over afgørelsen" in text  # the complaint's source
    assert c.state.last_topic == "complaint_decision"


def test_the_number_after_the_complaint_answer(conversation):
    c = conversation(municipality="lejre")
    c.say("answer_topic", "Kan jeg klage over afslaget?", "ask_complaint_decision")
    text = c.say("answer_topic", "og hvilket nummer skal jeg ringe på?", "ask_contact")
    assert "46 46 46 46" in text and "Møllebjergvej" not in text


def test_a_contact_question_of_its_own_gets_the_contact_answer(conversation):
    c = conversation(municipality="lejre")
    c.say("answer_topic", "hvad koster det", "ask_cost")  # an answer without an address
    text = c.say("answer_topic", "hvad er jeres telefonnummer?", "ask_contact")
    assert "92 43 43 48" in text
    first = conversation(municipality="lejre")
    assert "92 43 43 48" in first.say("answer_topic", "hvad er jeres adresse?", "ask_contact")


def test_a_place_question_after_the_complaint_answer_asks_where_to_train(conversation):
    c = conversation(municipality="lejre")
    c.say("answer_topic", "Kan jeg klage over afslaget?", "ask_complaint_decision")
    text = c.say("answer_topic", "hvor foregår træningen?", "ask_location")
    assert "Møllebjergvej" not in text
    text = c.say("answer_topic", "Kan jeg klage over afslaget?", "ask_complaint_decision")
    assert "Møllebjergvej 4" in c.say("answer_topic", "hvad er adressen?", "ask_location")


def test_the_general_contacts_number_gets_the_full_contact_answer(conversation):
    # Hedensted's answer on applying names Sundhedshuset's number, the general contact: its
    # own answer (opening hours, address) is the better one.
    c = conversation(municipality="hedensted")
    c.say("answer_topic", "hvordan søger jeg", "ask_apply")
    text = c.say("answer_topic", "hvad er telefonnummeret?", "ask_contact")
    assert "79 91 82 50" in text and "Ny Skolegade 4" in text


def test_not_being_done_when_the_course_ends_asks_the_scope_again_without_112(conversation):
    # NLU heard an emergency in "og hvis han ikke er færdig til den tid?": in a follow-up on
    # the last answer, no 112 line is said.
    c = conversation(municipality="hjoerring")
    c.say("answer_topic", "Min far har fået bevilget genoptræning. Hvor længe varer det?",
          "ask_scope")
    text = c.say("clarify", "og hvis han ikke er færdig til den tid?", "nlu_fallback",
                 ranking=(("nlu_fallback", 0.3), ("ask_contact", 0.17)),
                 signals=Signals(emergency_unsure=True))
    assert "forlænge" in text and "112" not in text
    assert c.state.last_topic == "scope"


def test_and_for_a_relative_with_a_condition_asks_what_the_relative_can_get(conversation):
    c = conversation(municipality="hedensted")
    c.say("answer_topic", "og hvis jeg ikke er enig i afgørelsen?", "ask_complaint_decision")
    text = c.say("answer_topic", "og for min mand? han har parkinson", "ask_on_behalf",
                 situation=Situation(lasting=True),
                 signals=Signals(relative=find_relative("min mand")))
    assert text.startswith("Det lyder som vedligeholdende træning efter serviceloven § 86, "
                           "stk. 2. Din mand")
    assert "79 91 82 50" in text


def test_a_short_question_naming_another_law_asks_the_last_topic_under_it(conversation):
    c = conversation(municipality="rebild")
    c.say("answer_topic", "Hvor lang tid kan man få vedligeholdende træning?", "ask_scope")
    text = c.say("answer_topic", "og genoptræning uden indlæggelse?", "ask_law")
    assert "6 uger" in text and "12 uger" not in text  # § 86 stk. 1's duration only
    assert c.state.last_topic == "scope"


def test_rehabilitation_named_after_maintenance_asks_the_last_topic_under_stk_1(conversation):
    # NLU reads "og genoptræning efter et fald?" as whether one can get it; after how long
    # maintenance lasts, it asks how long rehabilitation lasts.
    c = conversation(municipality="rebild")
    c.say("answer_topic", "Hvor længe kan man få vedligeholdende træning?", "ask_scope")
    text = c.say("eligibility", "og genoptræning efter et fald?", "check_eligibility",
                 situation=Situation(new_loss=True))
    assert "6 uger" in text and "12 uger" not in text
    assert c.state.law == "sel_86_1" and c.state.last_topic == "scope"
    assert c.state.eligibility_question is None


def test_whether_one_can_get_rehabilitation_is_no_follow_up_without_an_and(conversation):
    c = conversation(municipality="rebild")
    c.say("answer_topic", "Hvor længe kan man få vedligeholdende træning?", "ask_scope")
    c.say("eligibility", "kan jeg få genoptræning efter et fald?", "check_eligibility",
          situation=Situation(new_loss=True))
    assert c.state.eligibility_question == "hospital"


def test_a_longer_question_about_a_law_is_about_the_law(conversation):
    c = conversation(municipality="rebild")
    c.say("answer_topic", "Hvor lang tid kan man få vedligeholdende træning?", "ask_scope")
    text = c.say("answer_topic", "hvad betyder det egentlig at det er efter serviceloven § 86 "
                 "stk. 1?", "ask_law")
    assert "Lovgrundlag" in text or "§ 86" in text
    assert "6 uger" not in text


def test_a_short_unsure_follow_up_stays_with_the_last_topic_nlu_finds_likely(conversation):
    c = conversation(municipality="rebild", last_topic="cancellation")
    text = c.say("answer_topic", "og hvis jeg bare glemmer det?", "ask_contact",
                 confidence=0.6, ranking=(("ask_contact", 0.6), ("ask_cancellation", 0.24)))
    assert "2 gange" in text and "afsluttet" in text
    assert c.state.last_topic == "cancellation"


def test_a_follow_up_nlu_is_sure_of_or_a_thank_you_leaves_the_last_topic(conversation):
    c = conversation(municipality="rebild", last_topic="cancellation")
    text = c.say("answer_topic", "hvad koster det?", "ask_cost", confidence=0.95,
                 ranking=(("ask_cost", 0.95), ("ask_cancellation", 0.03)))
    assert "2 gange" not in text
    c = conversation(municipality="rebild", last_topic="cancellation")
    text = c.say("smalltalk", "ok tak", "thank", confidence=0.7,
                 ranking=(("thank", 0.7), ("ask_cancellation", 0.2)))
    assert "2 gange" not in text


def test_a_follow_up_read_as_a_place_that_names_none_stays_with_the_last_topic(conversation):
    c = conversation(municipality="rebild", last_topic="cancellation")
    text = c.say("set_municipality", "og hvis jeg bare glemmer det?", "inform_municipality",
                 confidence=0.42, ranking=(("inform_municipality", 0.42),
                                           ("ask_contact", 0.34), ("ask_cancellation", 0.15)))
    assert "2 gange" in text


def test_a_short_message_telling_the_stay_asks_the_last_topic_under_its_law(conversation):
    c = conversation(municipality="lejre")
    c.say("answer_topic", "Skal jeg selv søge om genoptræning?", "ask_apply")
    text = c.say("eligibility", "og hvis jeg aldrig var indlagt?", "deny",
                 situation=Situation(hospital_stay=False))
    assert text.startswith("Genoptræning (Serviceloven § 86, stk. 1): ")
    assert "ansøgningsskema" in text and c.state.law == "sel_86_1"
    c.say("answer_topic", "Hvad koster det?", "ask_cost")
    text = c.say("eligibility", "og hvis hun var indlagt?", "affirm",
                 situation=Situation(hospital_stay=True))
    assert "§ 140" in text


def test_a_told_stay_is_the_answer_to_a_waiting_question_not_a_follow_up(conversation):

    c = conversation(municipality="lejre")
    c.say("eligibility", "Kan jeg få genoptræning? Jeg er faldet.", "check_eligibility",
          situation=Situation(new_loss=True))
    assert c.state.eligibility_question is not None
    text = c.say("eligibility", "nej jeg var ikke indlagt", "deny",
                 situation=Situation(hospital_stay=False))
    assert "86, stk. 1" in text and "Genoptræning (Serviceloven" not in text


def test_what_happens_next_after_the_complaint_is_the_complaints_course(conversation):
    c = conversation(municipality="skanderborg")
    c.say("answer_topic", "Hvor lang tid har jeg til at klage?", "ask_complaint_decision")
    text = c.say("answer_topic", "Hvad sker der så med den bagefter?", "ask_follow_up",
                 confidence=0.999)
    assert "Ankestyrelsen" in text and c.state.last_topic == "complaint_decision"
    # After an answer on the training itself, what happens afterwards is NLU's follow-up.
    c = conversation(municipality="skanderborg")
    c.say("answer_topic", "Hvad indeholder træningen?", "ask_content")
    text = c.say("answer_topic", "Hvad sker der så bagefter?", "ask_follow_up")
    assert c.state.last_topic == "follow_up"


def test_a_sure_place_reading_of_a_question_naming_none_asks_the_last_topic(conversation):
    # NLU sure it is a place ("sommerferien"), but no municipality is named, none was asked
    # for, and the message asks: the last answer's detail, not "Det kender jeg ikke …".
    c = conversation(municipality="skanderborg", last_topic="cancellation")
    text = c.say("set_municipality", "og hvis det er i sommerferien?", "inform_municipality",
                 confidence=0.82, ranking=(("inform_municipality", 0.82),
                                           ("ask_contact", 0.07)))
    assert "erstatningstræning" in text and "kender jeg ikke" not in text
    # A place that is no municipality, given as the answer, still is said to be unknown.
    c = conversation(municipality="skanderborg", last_topic="cancellation")
    text = c.say("set_municipality", "Paris", "inform_municipality", confidence=0.9)
    assert "kender jeg ikke som en dansk kommune" in text


def test_where_to_send_it_after_the_complaint_is_the_complaints_address(conversation):
    c = conversation(municipality="lejre")
    c.say("answer_topic", "Jeg er ikke enig i afslaget. Kan jeg gøre noget?",
          "ask_complaint_decision")
    text = c.say("answer_topic", "hvor skal jeg sende det hen?", "ask_apply", confidence=0.66)
    assert "Møllebjergvej 4" in text and "ansøgningsskema" not in text
    assert c.state.last_topic == "complaint_decision"
    assert "46 46 46 46" in c.say("answer_topic", "kan jeg ikke bare ringe?", "ask_contact")
    # How to apply, asked after the complaint, is how to apply.
    c.say("answer_topic", "Kan jeg klage over afslaget?", "ask_complaint_decision")
    assert "ansøgningsskema" in c.say("answer_topic", "hvordan søger jeg igen?", "ask_apply")


def test_a_supposed_case_while_a_yes_no_waits_asks_the_last_topic_under_its_law(conversation):
    from genoptraening.core.situation import Situation

    c = conversation(municipality="lejre", last_topic="apply", eligibility_question="plan",
                     eligibility={"hospital": True})
    text = c.say("eligibility", "og hvis jeg ikke havde været indlagt?", "deny",
                 situation=Situation(hospital_stay=False))
    assert text.startswith("Genoptræning (Serviceloven § 86, stk. 1): ")
    assert "ansøgningsskema" in text and c.state.law == "sel_86_1"
    assert c.state.eligibility_question is None


def test_what_if_the_municipality_is_late_after_140_deadlines_is_the_free_choice(conversation):
    c = conversation(municipality="rebild", law="sul_140")
    c.say("answer_topic", "Hvornår hører jeg fra jer?", "ask_deadlines")
    text = c.say("eligibility", "hvad hvis I ikke kan nå det?", "deny", confidence=0.6)
    assert "udvidet frit valg" in text and c.state.last_topic == "free_choice"


def test_what_if_they_say_no_after_the_deadlines_is_the_complaint(conversation):
    c = conversation(municipality="skanderborg")
    c.say("answer_topic", "hvor lang tid går der før jeg får svar på min ansøgning",
          "ask_deadlines")
    text = c.say("answer_topic", "hvad hvis det bliver afvist?", "ask_complaint_decision",
                 confidence=0.4)
    assert "kan du klage" in text and c.state.last_topic == "complaint_decision"


def test_each_way_and_this_years_price_after_the_ride_are_the_ride_again(conversation):
    c = conversation(municipality="lejre")
    c.say("answer_topic", "Hvad koster kørsel til træningen?", "ask_transport")
    assert "ud- og hjemtransport" in c.say("answer_topic", "er det hver vej?", "ask_staff",
                                            confidence=0.4)
    text = c.say("answer_topic", "hvordan ved jeg hvad prisen er i år?", "out_of_scope")
    assert "brev" in text


def test_how_long_she_has_after_a_complaint_is_the_complaints_deadline(conversation):
    c = conversation(municipality="lejre", relative="mor")
    c.say("answer_topic", "Hun har fået afslag. Hvad kan hun gøre?", "ask_complaint_decision")
    text = c.say("answer_topic", "hvor lang tid har hun til det?", "ask_deadlines")
    assert "fire uger" in text and "14 dage" not in text


def test_unable_to_get_there_after_the_ride_is_where_else_to_train(conversation):
    c = conversation(municipality="hedensted")
    c.say("answer_topic", "kan jeg få kørsel til træningen?", "ask_transport")
    text = c.say("answer_topic", "og hvis jeg ikke kan komme derhen pga mit helbred?",
                 "ask_transport", confidence=0.55)
    assert "eget hjem" in text


def test_after_the_months_of_a_course_is_the_course_again(conversation):
    c = conversation(municipality="lejre")
    c.say("answer_topic", "hvor længe varer et forløb?", "ask_scope")
    text = c.say("answer_topic", "og når de 3 måneder er gået?", "ask_follow_up", confidence=0.5)
    assert "nyt forløb" in text


def test_the_number_after_a_result_that_ended_with_the_complaint_is_the_complaints(
        conversation):
    c = conversation(municipality="lejre", last_topic="target_group",
                     answered_topics=["target_group", "apply", "complaint_decision"])
    text = c.say("answer_topic", "kan jeg ikke bare ringe i stedet for at skrive?", "ask_contact",
                 confidence=0.87)
    assert "46 46 46 46" in text and "92 43 43 48" not in text
    assert c.state.last_topic == "complaint_decision"
