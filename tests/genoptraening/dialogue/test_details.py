from genoptraening.core.situation import Situation
from genoptraening.dialogue.details import detail_asked


def test_a_detail_is_read_in_the_question_and_the_sentence_before_it():
    assert detail_asked("Jeg har en stor schæferhund. Skal den lukkes inde, når terapeuten "
                        "kommer?", "home_workplace").id == "pets"
    # A dog walked earlier in the story is not what is asked about.
    assert detail_asked("Han går tur med hunden. Han er blevet glemsom. Kan han få træning?",
                        "target_group") is None
    # Each question on its own: "gratis" in one and "kørt" in the other are not one detail.
    assert detail_asked("Er det gratis at træne hos jer? Og hvad skal jeg give for at blive "
                        "kørt derhen?", "cost") is None


def test_a_detail_the_standard_does_not_state_is_said_to_be_absent_first(conversation):
    c = conversation(municipality="hjoerring")
    text = c.say("answer_topic", "Kan træningen ligge efter kl. 16 eller i weekenden?",
                 "ask_scope")
    assert text.startswith("Hjørring Kommunes kvalitetsstandard oplyser ikke noget om, at "
                           "træningen kan ligge om aftenen eller i weekenden.")
    assert "Et forløb varer op til 3 måneder" in text  # then what it does say
    assert "ring på 72 33 58 50" in text  # and whom to ask
    assert c.replies[0].answered_by["detail"] == "evening_weekend"


def test_a_silent_detail_with_a_general_rule_gives_it_marked_general(conversation):
    c = conversation(municipality="rebild")
    text = c.say("answer_topic", "Hvor lang tid har jeg til at klage?", "ask_deadlines")
    assert "Rebild Kommunes kvalitetsstandard oplyser ikke klagefristen" in text
    assert "Det er den generelle regel" in text and "inden 4 uger" in text
    assert "Kilde: Generel regel, Retssikkerhedsloven §§ 66 og 67" in text
    assert "myndighedsfunktion" in text  # the standard's own complaint route, not deadlines
    # What was answered is the complaint: a follow-up ("og hvor sender jeg den?") goes on there.
    assert c.state.last_topic == "complaint_decision"


def test_a_detail_the_standard_states_is_quoted_when_the_answer_lacks_it(conversation):
    c = conversation(municipality="lejre")
    text = c.say("answer_topic", "Hvor lang tid har jeg til at klage?", "ask_deadlines")
    assert "oplyser ikke" not in text
    assert "inden der er gået fire uger" in text


def test_a_detail_the_answer_already_states_changes_nothing(conversation):
    c = conversation(municipality="lejre")
    text = c.say("answer_topic", "hvad koster kørslen?", "ask_transport")
    assert "41 kr." in text and "oplyser ikke" not in text
    assert "detail" not in c.replies[0].answered_by


def test_a_relative_joining_the_training_is_quoted_from_the_standard(conversation):
    c = conversation(municipality="skanderborg")
    text = c.say("answer_topic", "Min far vil gerne have, at jeg er med, når han træner. Må jeg "
                 "det?", "ask_cooperation")
    assert "»Efter aftale med dig inddrages familie og andre i dit netværk.«" in text


def test_a_told_vederlagsfri_before_the_question_is_read_with_it(conversation):
    c = conversation(municipality="rebild")
    text = c.say("answer_topic", "Min mand går til vederlagsfri fysioterapi for det samme. Kan "
                 "han også få vedligeholdende træning?", "ask_target_group")
    assert "samme formål og funktionsnedsættelse" in text


def test_whom_to_ask_is_the_line_of_the_citizens_own_town(conversation):
    c = conversation()
    text = c.say("answer_topic", "Jeg bor i Ry. Er der gratis parkering ved træningen?",
                 "ask_location")
    assert "87 94 88 38 (Ry)" in text and "87 94 84 16" not in text  # Ry's line, not Galten's
    assert c.state.town == "Ry"
    text = c.say("answer_topic", "Og kan min kone parkere gratis, når hun henter mig?",
                 "ask_location")
    assert "87 94 88 38 (Ry)" in text  # the town is kept for the conversation
    c.say("set_municipality", "og hvad med Hjørring?", "inform_municipality")
    assert c.state.town is None  # another municipality: Ry is not in it


def test_an_email_address_is_said_to_be_absent_or_quoted_where_the_standard_has_one(
        conversation):
    c = conversation(municipality="hedensted")
    text = c.say("answer_topic", "Har Sundhedshuset en mailadresse, jeg kan skrive til?",
                 "ask_contact", confidence=0.9)
    assert text.startswith("Hedensted Kommunes kvalitetsstandard oplyser ikke en "
                           "e-mailadresse")
    assert "79 91 82 50" in text
    c = conversation(municipality="lejre")
    text = c.say("answer_topic", "Kan jeg ikke bare sende en mail i stedet?", "ask_contact",
                 confidence=0.9)
    assert "digital post" in text and "»2. Du skal søge om træning«" in text


def test_an_age_limit_is_said_to_be_absent_where_the_standard_sets_none(conversation):
    c = conversation(municipality="skanderborg")
    text = c.say("answer_topic", "Er der en aldersgrænse for at få genoptræning hos jer?",
                 "ask_target_group", confidence=0.9)
    assert text.startswith("Skanderborg Kommunes kvalitetsstandard oplyser ikke en "
                           "aldersgrænse.")
    assert "87 94" in text  # whom to ask
    c = conversation(municipality="rebild")
    text = c.say("answer_topic", "Er der en aldersgrænse?", "ask_target_group", confidence=0.9)
    assert "oplyser ikke en aldersgrænse" not in text and "18 år" in text


def test_a_silent_detail_where_the_standard_gives_no_number_says_where_to_find_one(
        conversation):
    c = conversation(municipality="rebild")
    text = c.say("answer_topic", "Hvor mange gange om ugen får man genoptræning?", "ask_scope")
    assert "oplyser ikke" in text and "ring på" not in text
    assert text.count("kommunens hjemmeside eller hos borgerservice") == 1


def test_the_levels_of_training_are_quoted_where_the_standard_has_them(conversation):
    text = conversation().say("answer_topic", "hvad er forskellen paa basalt og avanseret "
                              "genoptræning i rebild kommune", "ask_law")
    assert "basalt eller avanceret niveau" in text and "kompetencekrav" in text
    text = conversation(municipality="lejre").say("answer_topic",
                                                  "hvad er avanceret genoptræning?", "ask_law")
    assert "oplyser ikke noget om genoptræning på basalt og avanceret niveau" in text


def test_a_course_that_ends_too_soon_asks_whether_it_can_be_extended(conversation):
    text = conversation(municipality="lejre").say(
        "answer_topic", "Mit genoptræningsforløb stopper i næste uge, men mit knæ er stadig "
        "ikke godt. Kan jeg få lov at fortsætte?", "ask_follow_up", confidence=0.94)
    assert "Forløbene kan forlænges" in text


def test_passive_treatment_asked_in_a_story_is_quoted_where_the_standard_says_it(conversation):
    c = conversation(municipality="hedensted")
    text = c.say("eligibility", "Jeg faldt før jul og var ikke på sygehuset. Siden har jeg "
                 "svært ved at klare indkøb. En veninde siger, jeg skal have massage og "
                 "varmebehandling. Kan kommunen give mig det?", "check_eligibility",
                 situation=Situation(hospital_stay=False, new_loss=True, lasting=False))
    assert "passiv behandling" in text
    c = conversation(municipality="lejre")
    text = c.say("answer_topic", "Kan jeg få massage?", "ask_content")
    assert text.startswith("Lejre Kommunes kvalitetsstandard oplyser ikke noget om passiv "
                           "behandling")


def test_food_when_cooking_is_part_of_the_training_is_the_price_of_it(conversation):
    c = conversation(municipality="skanderborg")
    text = c.say("answer_topic", "og hvis madlavning er en del af træningen?", "ask_scope")
    assert "forplejning" in text
    assert c.replies[0].answered_by["topic"] == "cost"


def test_not_being_home_when_the_therapist_comes_is_a_silent_no_show_detail(conversation):
    c = conversation(municipality="lejre")
    text = c.say("answer_topic", "Hvad sker der, hvis jeg ikke er hjemme, når terapeuten kommer "
                 "for at træne med mig?", "ask_home_workplace")
    assert "ikke noget om aflysning og udeblivelse" in text and "92 43 43 48" in text


def test_what_to_bring_is_a_clothing_detail(conversation):
    c = conversation(municipality="skanderborg")
    text = c.say("answer_topic", "Hvad skal jeg have på til træningen, og skal jeg have noget "
                 "med?", "ask_cooperation")
    assert "oplyser ikke noget om tøj, sko, omklædning eller hvad du skal have med" in text


def test_living_in_a_care_home_gets_the_standards_sentence_on_it(conversation):
    c = conversation(municipality="lejre")
    c.say("answer_topic", "skal jeg søge, og hvordan?", "ask_apply")
    text = c.say("answer_topic", "gælder det også hvis jeg bor på plejecenter?",
                 "inform_municipality", confidence=0.79)
    assert "hvis du bor på plejecenter" in text


def test_without_a_town_the_line_of_the_municipalitys_own_town_is_given(conversation):
    c = conversation(municipality="skanderborg")
    text = c.say("answer_topic", "Hvor lang tid varer en træningsgang?", "ask_scope")
    assert "87 94 86 92 (Skanderborg)" in text and "87 94 84 16" not in text


def test_a_way_there_too_hard_told_beside_the_question_quotes_training_at_home(conversation):
    c = conversation(municipality="hedensted")
    text = c.say("answer_topic", "Min veninde bor i Tørring. Hun kan ikke selv køre til "
                 "Løsning. Kan kommunen køre hende til træning?", "ask_transport")
    assert "selv sørge for transport" in text  # the question's answer first
    assert "kan træningen foregå i eget hjem" in text  # then what the standard says of her case
    assert "samtykke" in text  # a friend asks for her as a relative does


def test_each_need_a_story_tells_is_quoted_from_the_standard(conversation):
    c = conversation(municipality="lejre")
    text = c.say("answer_topic", "Jeg kan ikke komme ud af huset, og jeg har mine cigaretter. "
                 "Kan de komme herhjemme til mig?", "ask_location", confidence=0.9)
    assert "ikke at ryge" in text  # the standard's request about smoking
    assert "eget hjem" in text  # and training at home
