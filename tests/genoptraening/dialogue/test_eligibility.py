from genoptraening.core.intent_reader import Question
from genoptraening.core.situation import Situation


def test_a_story_that_says_enough_is_answered_at_once(conversation):
    c = conversation(municipality="hedensted")
    text = c.say("eligibility", "jeg er faldet derhjemme og har ikke været indlagt, kan jeg få "
                 "genoptræning", "check_eligibility")
    # No hospital stay and a new loss (a fall): § 86 stk. 1, without a question first.
    assert text.startswith("Det lyder som genoptræning efter serviceloven § 86, stk. 1.")
    assert "individuel vurdering" in text
    assert "Sådan søger du:" in text
    assert "79 91 82 50" in text
    assert c.buttons == [] and c.state.eligibility_question is None
    assert c.state.law == "sel_86_1"


def test_what_the_story_leaves_open_is_asked_one_question_at_a_time(conversation):
    c = conversation(municipality="hedensted")
    text = c.say("eligibility", "kan jeg få genoptræning", "check_eligibility")
    assert "Har du været indlagt" in text and c.buttons == ["Ja", "Nej"]
    text = c.say("eligibility", "nej", "deny")
    assert "Er det en varig tilstand" in text
    text = c.say("eligibility", "nej", "deny")
    assert "serviceloven § 86, stk. 1" in text


def test_hospital_with_plan_is_sundhedsloven_140(conversation):
    c = conversation(municipality="rebild")
    text = c.say("eligibility", "jeg har været indlagt og har fået en genoptræningsplan",
                 "check_eligibility")
    assert "sundhedsloven § 140" in text
    assert "skal ikke selv søge" in text
    assert "4 dage" in text  # Rebild's own deadline for § 140
    assert c.state.law == "sul_140"


def test_hospital_without_plan(conversation):
    c = conversation(municipality="lejre")
    c.say("eligibility", "kan jeg få genoptræning", "check_eligibility")
    c.say("eligibility", "ja", "affirm")
    text = c.say("eligibility", "nej", "deny")
    assert "Uden en genoptræningsplan" in text


def test_lasting_condition_is_stk_2_without_asking_about_hospitals(conversation):
    c = conversation(municipality="skanderborg")
    text = c.say("eligibility", "min far har parkinson og bliver dårligere, kan han få træning",
                 "check_eligibility")
    assert "indlagt" not in text
    assert "vedligeholdende træning efter serviceloven § 86, stk. 2" in text
    assert "Din far skal selv søge" in text


def test_rebild_applies_its_own_age_limit(conversation):
    c = conversation(municipality="rebild")
    text = c.say("eligibility", "min søn på 16 er faldet og har ikke været indlagt",
                 "check_eligibility")
    assert "Rebild Kommunes standard siger, at man skal være over 18 år" in text
    assert "Kontakt kommunen" in text  # too young: what to do instead


def test_rebild_states_its_age_limit_when_the_age_is_not_told(conversation):
    c = conversation(municipality="rebild")
    text = c.say("eligibility", "jeg er faldet og har ikke været indlagt", "check_eligibility")
    assert "skal være over 18 år for at få genoptræning" in text and c.buttons == []
    older = conversation(municipality="rebild")
    text = older.say("eligibility", "jeg er 70 år, er faldet og har ikke været indlagt",
                     "check_eligibility")
    assert "standard siger, at man skal være over 18 år" not in text  # 70 is over 18


def test_rebild_states_its_rule_on_vederlagsfri_fysioterapi_for_stk_2(conversation):
    c = conversation(municipality="rebild")
    text = c.say("eligibility", "jeg har sclerose og har ikke været indlagt", "check_eligibility")
    assert "kan man ikke få vedligeholdende træning samtidig med" in text and c.buttons == []
    without = conversation(municipality="rebild")
    text = without.say("eligibility", "jeg har sclerose, er ikke indlagt og får ikke "
                       "vederlagsfri fysioterapi", "check_eligibility")
    assert "samtidig med" not in text


def test_municipality_is_asked_when_needed_and_the_flow_resumes(conversation):
    c = conversation()
    text = c.say("eligibility", "jeg er faldet og har ikke været indlagt", "check_eligibility")
    # The law is the same everywhere: said first, with its general rule; then where.
    assert text.index("serviceloven § 86, stk. 1") < text.index("Hvilken kommune bor du i?")
    assert "Generel regel, Serviceloven § 86, stk. 1" in text
    text = c.say("set_municipality", "lejre", "inform_municipality")
    # Not said twice: one line names the law the municipality's rules are for.
    assert "Det lyder som" not in text
    assert text.startswith("Her er Lejre Kommunes regler for træning efter serviceloven § 86, "
                           "stk. 1.")
    assert "ansøgningsskema" in text


def test_the_waiting_storys_question_is_answered_once_the_municipality_is_known(conversation):
    c = conversation()
    c.say("eligibility", "Min far faldt på trappen i sidste måned men var ikke på sygehuset. "
          "Hvor hurtigt kan han komme i gang?", "check_eligibility",
          questions=(Question("Hvor hurtigt kan han komme i gang?", "ask_deadlines", 0.97),))
    assert c.state.pending_reads  # NLU's reading of the question is kept with it
    text = c.say("set_municipality", "Han bor i Terndrup", "inform_municipality")
    assert "senest 3 hverdage" in text  # the question, answered under § 86, stk. 1


def test_a_plan_with_a_question_of_the_municipalitys_asks_where_then_answers(conversation):
    c = conversation()
    asked = "Hvornår kommer jeg i gang med træningen?"
    text = c.say("eligibility", f"Jeg er blevet opereret i knæet og har fået en "
                 f"genoptræningsplan fra sygehuset. {asked}", "check_eligibility",
                 situation=Situation(hospital_stay=True, has_plan=True),
                 questions=(Question(asked, "ask_deadlines", 0.97),))
    assert "sundhedsloven § 140" in text and "Hvilken kommune" in text
    text = c.say("set_municipality", "jeg bor i Støvring", "inform_municipality")
    assert text.startswith("Her er Rebild Kommunes regler for træning efter sundhedsloven § 140.")
    assert "senest 7 dage" in text and "Hvad vil du gerne vide" not in text


def test_a_plan_without_a_further_question_is_the_result_without_asking_where(conversation):
    c = conversation()
    text = c.say("eligibility", "Jeg har fået en genoptræningsplan fra sygehuset. Kan jeg få "
                 "træning?", "check_eligibility",
                 situation=Situation(hospital_stay=True, has_plan=True))
    assert "sundhedsloven § 140" in text and "Hvilken kommune" not in text


def test_a_question_for_maintenance_training_by_name_is_answered_under_stk_2(conversation):
    c = conversation(municipality="lejre")
    text = c.say("eligibility", "Han var indlagt og fik genoptræning efter planen fra "
                 "sygehuset, men den er slut nu. Han er gået meget tilbage. Kan han få "
                 "vedligeholdende træning?", "check_eligibility")
    assert "vedligeholdende træning efter serviceloven § 86, stk. 2" in text
    assert "sundhedsloven § 140" not in text


def test_an_age_under_the_municipalitys_limit_is_said_before_the_question(conversation):
    c = conversation(municipality="rebild")
    text = c.say("eligibility", "Min søn på 16 har ligget i sengen i 6 uger med kyssesyge og "
                 "er blevet helt svag. Kan han få genoptræning?", "check_eligibility")
    assert "over 18 år" in text
    assert text.index("over 18 år") < text.index("Har din søn været indlagt på sygehuset")


def test_yes_or_no_without_a_question_is_handled(conversation):
    c = conversation(municipality="lejre")
    assert "Hvad vil du gerne vide?" in c.say("eligibility", "ja", "affirm")


def test_the_storys_other_question_is_answered_with_the_result(conversation):
    c = conversation(municipality="skanderborg")
    text = c.say("eligibility", "Min mand har en let demens og har brug for at holde sig i gang. "
                 "Kan han få træning hos jer, og hvad koster det?", "check_eligibility")
    assert "serviceloven § 86, stk. 2" in text
    assert "Træningen er gratis" in text  # the cost question, answered after the result
    assert c.state.pending_question is None


def test_the_storys_other_question_is_answered_before_the_yes_or_no(conversation):
    c = conversation(municipality="lejre")
    text = c.say("eligibility", "Jeg er faldet. Kan jeg få træning, og hvad koster kørsel?",
                 "check_eligibility")
    # Answer first: the likely law, the transport under it, then the one question.
    assert text.index("§ 86, stk. 1") < text.index("41 kr.") < text.rindex("Har du været indlagt")
    assert c.buttons == ["Ja", "Nej"]
    text = c.say("eligibility", "nej", "deny")
    assert "serviceloven § 86, stk. 1" in text and "41 kr." not in text  # not said twice


def test_how_to_apply_is_answered_before_the_yes_or_no(conversation):
    c = conversation(municipality="lejre", relative="svigermor")
    text = c.say("eligibility", "Min svigermor har haft blærebetændelse og har ligget i sengen. "
                 "Hun har sagt det er fint at jeg tager kontakten. Hvordan søger vi?",
                 "check_eligibility")
    assert "92 43 43 48" in text and text.rstrip().endswith("træne efter?")


def test_an_unsure_nlu_that_might_read_eligibility_gets_the_story_answered(conversation):
    c = conversation(municipality="lejre")
    text = c.say("clarify", "Min mand har Parkinson og bliver mere og mere stiv i kroppen. Kan "
                 "han få mere træning?", "nlu_fallback",
                 ranking=(("nlu_fallback", 0.3), ("check_eligibility", 0.28),
                          ("ask_purpose", 0.26)))
    assert "vedligeholdende træning efter serviceloven § 86, stk. 2" in text
    assert "Mente du" not in text


def test_a_municipality_without_a_standard_is_said_first(conversation):
    c = conversation()
    text = c.say("eligibility", "Jeg bor i Aarhus og er faldet. Kan jeg få træning?",
                 "check_eligibility")
    assert text.startswith("Jeg har ikke Aarhus Kommunes kvalitetsstandard endnu,")


def test_a_new_loss_is_answered_as_likely_86_1_before_the_hospital_question(conversation):
    c = conversation(municipality="lejre")
    text = c.say("eligibility", "min mor har haft lungebetændelse og kan næsten ikke gå, kan hun "
                 "få træning?", "check_eligibility")
    assert text.startswith("Et nyt tab af funktion uden en indlæggelse lyder som genoptræning "
                           "efter serviceloven § 86, stk. 1, som din mor selv søger om.")
    assert "når din mor har givet dig lov til det" in c.replies[1].text  # after the answer
    assert c.replies[-1].text == ("Har din mor været indlagt på sygehuset for det, hun skal "
                                  "træne efter?")
    assert c.buttons == ["Ja", "Nej"]


def test_without_a_hospital_stay_both_paragraphs_are_named_before_asking(conversation):
    c = conversation(municipality="lejre")
    c.say("eligibility", "kan jeg få genoptræning", "check_eligibility")
    text = c.say("eligibility", "nej", "deny")
    assert "stk. 1 ved et nyt tab af funktion" in text and "stk. 2 ved en varig tilstand" in text
    assert text.endswith("Er det en varig tilstand, fx Parkinsons sygdom, sklerose eller "
                         "svækkelse med alderen?")


def test_a_standard_without_an_age_limit_takes_any_age(conversation):
    # Hjørring's standard says "ikke angivet" where Rebild gives 18: no limit, no comparison.
    c = conversation(municipality="hjoerring")
    text = c.say("eligibility", "jeg er en mand på 79 og fik helvedesild, jeg har ikke været på "
                 "sygehuset med det", "check_eligibility")
    assert "serviceloven § 86, stk. 1" in text and "skal være over" not in text


def test_the_facts_nlu_read_are_used_without_reading_the_text_again(conversation):
    from genoptraening.core.situation import Situation

    c = conversation(municipality="skanderborg")
    told = Situation(hospital_stay=False, new_loss=True, lasting=False)
    text = c.say("eligibility", "kan jeg få træning?", "check_eligibility", situation=told)
    assert "serviceloven § 86, stk. 1" in text and c.buttons == []


def test_a_place_told_with_a_story_gets_the_story_answered(conversation):
    c = conversation()
    text = c.say("set_municipality", "jeg bor i Skanderborg Kommune og er blevet meget dårlig til "
                 "at gå efter lang tids sengeleje", "inform_municipality")
    assert c.state.municipality == "skanderborg"
    assert "§ 86, stk. 1" in text and "Hvad vil du gerne vide" not in text


def test_questions_without_a_story_or_a_wish_for_training_ask_no_yes_or_no(conversation):
    # NLU read eligibility in "afslag på genoptræning"; the question is how to complain.
    c = conversation(municipality="lejre")
    text = c.say("eligibility", "Jeg har fået afslag på genoptræning og jeg er virkelig skuffet. "
                 "Kan jeg klage over det?", "check_eligibility")
    assert "Møllebjergvej 4" in text and c.buttons == [] and "indlagt" not in text
    assert c.state.last_topic == "complaint_decision" and c.state.eligibility_question is None


def test_a_question_nlu_reads_as_a_topic_is_answered_even_if_it_asks_to_get_training(
        conversation):
    from genoptraening.core.intent_reader import Question

    c = conversation(municipality="hedensted")
    story = ("Min mor er 90 og kan ikke komme ud af huset mere. Kan hun få træningen hjemme, "
             "og hvem er det der vurderer det?")
    text = c.say("eligibility", story, "check_eligibility", questions=(
        Question("Kan hun få træningen hjemme", "ask_location", 0.99),
        Question("hvem er det der vurderer det?", "ask_staff", 0.92)))
    assert "eget hjem" in text  # where she trains, the question she asked
    assert "indlagt" in text and c.buttons == ["Ja", "Nej"]  # what decides the law, at the end


def test_one_who_can_train_alone_hears_the_target_group_before_the_question(conversation):
    from genoptraening.core.situation import Situation

    c = conversation(municipality="hjoerring")
    text = c.say("eligibility", "Jeg kan sagtens gå i fitnesscenter. Kan jeg så få træning?",
                 "check_eligibility", situation=Situation(can_train_alone=True))
    assert "Kan du træne på egen hånd" in text and "individuel vurdering" in text
    assert "private og foreninger" in text  # Hjørring's own target group
    assert c.replies[-1].text.startswith("Har du været indlagt") and c.buttons == ["Ja", "Nej"]


def test_after_a_hospital_stay_the_plan_is_explained_before_it_is_asked_about(conversation):
    from genoptraening.core.situation import Situation

    c = conversation(municipality="aarhus")
    text = c.say("eligibility", "jeg er lige blevet udskrevet, hvad sker der nu med træning",
                 "check_eligibility", situation=Situation(hospital_stay=True))
    assert "sundhedsloven § 140" in text and "skal du ikke selv søge" in text
    assert c.replies[-1].text == "Har sygehuset lavet en genoptræningsplan til dig?"


def test_a_need_the_story_tells_without_asking_is_answered_too(conversation):
    from genoptraening.core.intent_reader import Question
    from genoptraening.core.situation import Situation

    c = conversation(municipality="lejre")
    told = "Jeg bor selv i København og kan ikke køre hende frem og tilbage."
    text = c.say("eligibility", f"Min mor er faldet og var ikke indlagt. {told} Hvad gør vi?",
                 "check_eligibility",
                 situation=Situation(hospital_stay=False, new_loss=True, lasting=False),
                 implied=(Question(told, "ask_transport", 0.99),))
    assert "§ 86, stk. 1" in text and "41 kr." in text  # the law, and Lejre's ride price
    assert [r.answered_by.get("topic") for r in c.replies].count("transport") == 1


def test_without_a_plan_after_a_stay_how_to_apply_for_stk_1_follows(conversation):
    c = conversation(municipality="hedensted")
    c.say("eligibility", "Min nabo var indlagt med lungebetændelse i sidste måned. Nu er han "
          "meget svag. Hvad kan han få af hjælp til træning?", "check_eligibility")
    text = c.say("eligibility", "Nej, han fik ingen plan med fra sygehuset", "deny")
    assert "serviceloven § 86, stk. 1" in text
    assert "79 91 82 50" in text  # Hedensted's number, to apply


def test_a_place_told_instead_of_the_yes_or_no_gets_its_way_to_apply_and_the_question_again(
        conversation):
    c = conversation()
    c.say("eligibility", "min far har haft lungebetændelse og kan næsten ikke gå, kan han få "
          "træning?", "check_eligibility")
    assert c.state.eligibility_question == "hospital"
    text = c.say("set_municipality", "Han bor i Hvalsø", "inform_municipality")
    assert "serviceloven § 86, stk. 1" in text
    assert "92 43 43 48" in text  # Lejre's way to apply for the likely law
    assert c.replies[-1].text.startswith("Har din far været indlagt")
    assert c.state.municipality == "lejre" and c.state.eligibility_question == "hospital"


def test_a_yes_or_no_that_nlu_reads_as_a_topic_still_answers_the_question(conversation):
    c = conversation(municipality="skanderborg")
    c.say("eligibility", "kan jeg få træning for det hos jer?", "check_eligibility")
    assert c.state.eligibility_question == "hospital"
    text = c.say("answer_topic", "nej, kun hos lægen", "ask_complaint_treatment",
                 confidence=0.7)
    assert "klage" not in text.lower()
    assert c.state.eligibility["hospital"] is False
    assert c.state.eligibility_question == "lasting" and "Er det en varig tilstand" in text


def test_whether_it_is_only_for_the_elderly_is_answered_before_the_yes_or_no(conversation):
    c = conversation(municipality="hjoerring")
    text = c.say("eligibility", "Jeg er 45 år. Kan jeg overhovedet få træning hos "
                 "Træningsenheden, eller er det kun for ældre?", "check_eligibility")
    assert text.startswith("Hjørring Kommunes kvalitetsstandard oplyser ikke en aldersgrænse.")
    assert "primært ældre" in text
    assert c.replies[-1].text.startswith("Har du været indlagt")


def test_a_story_of_memory_loss_gets_the_standards_words_on_cognitive_training(conversation):
    story = ("Min mand på 79 fik konstateret Alzheimer for et år siden. Han er begyndt at fare "
             "vild. Findes der noget træning der kan hjælpe ham med at klare sig selv længere?")
    text = conversation(municipality="skanderborg").say("eligibility", story,
                                                        "check_eligibility")
    assert "serviceloven § 86, stk. 2" in text
    assert ("»Hvad indeholder et forløb med vedligeholdende træning«:\n»- Træning af "
            "kognitive færdigheder") in text
    # Lejre's standard says nothing of it, and a story is not a question: nothing claimed.
    text = conversation(municipality="lejre").say("eligibility", story, "check_eligibility")
    assert "kognitiv" not in text and "oplyser ikke" not in text


def test_after_a_stay_rebilds_rule_for_chronic_patients_is_quoted_with_the_result(
        conversation):
    c = conversation(municipality="rebild")
    text = c.say("eligibility", "Jeg er 66 og har KOL. Jeg var indlagt med en forværring og fik "
                 "en genoptræningsplan med hjem. Kan jeg træne hos en privat fysioterapeut?",
                 "check_eligibility",
                 situation=Situation(hospital_stay=True, has_plan=True, lasting=True, age=66))
    assert "sundhedsloven § 140" in text
    assert "kronikere (KOL, hjerte-kar, diabetes)" in text and "»Særlige forhold«" in text


def test_a_lasting_decline_after_the_stays_training_is_maintenance_not_140(conversation):
    story = ("Hun var indlagt sidste forår og fik genoptræning bagefter, som er slut nu. Hun "
             "bliver langsomt dårligere til at gå og vil gerne træne igen. Hvad kan hun få?")
    c = conversation(municipality="lejre")
    text = c.say("eligibility", story, "check_eligibility",
                 situation=Situation(hospital_stay=True, new_loss=True, lasting=True))
    assert text.startswith("Det lyder som vedligeholdende træning efter serviceloven § 86, "
                           "stk. 2.")
    assert c.state.eligibility_question is None
    # Just discharged with a plan: § 140, however much the citizen wants to train again.
    c = conversation(municipality="rebild")
    text = c.say("eligibility", "Jeg er lige udskrevet med en genoptræningsplan og vil gerne "
                 "træne igen. Hvad nu?", "check_eligibility",
                 situation=Situation(hospital_stay=True, has_plan=True, lasting=True))
    assert "sundhedsloven § 140" in text


def test_the_result_after_a_stay_does_not_say_the_deadlines_twice(conversation):
    c = conversation(municipality="hjoerring")
    asked = "Hvornår starter hun til træning?"
    text = c.say("eligibility", f"Hun blev udskrevet med en genoptræningsplan. {asked}",
                 "check_eligibility", situation=Situation(hospital_stay=True, has_plan=True),
                 questions=(Question(asked, "ask_deadlines", 0.97),))
    assert text.count("siger ikke noget om genoptræning efter sygehusindlæggelse") == 1


def test_an_unsure_question_for_maintenance_by_name_gets_the_result_for_it(conversation):
    c = conversation(municipality="hjoerring")
    text = c.say("clarify", "og når det er overstået, hvis hun så har brug for at holde sig "
                 "i gang?", "nlu_fallback", confidence=0.3)
    assert text.startswith("Det lyder som vedligeholdende træning efter serviceloven § 86, "
                           "stk. 2.")
    assert "72 33 58 50" in text


def test_a_story_told_while_the_municipality_is_asked_gives_the_law_and_asks_again(conversation):
    c = conversation()
    c.say("answer_topic", "Jeg har fået et nyt knæ. Hvad gør jeg?", "ask_apply",
          situation=Situation(new_loss=True))
    assert c.state.pending_topic == "apply"
    # NLU reads a "yes"; nothing yes/no was asked, but the message tells the stay and plan.
    text = c.say("eligibility", "ja, jeg var indlagt i fire dage og fik en plan med hjem",
                 "affirm", situation=Situation(hospital_stay=True, has_plan=True))
    assert text.startswith("Det lyder som genoptræning efter sundhedsloven § 140.")
    assert text.endswith(c.replies[-1].full_text) and "Hvilken kommune" in c.replies[-1].text
    assert c.state.pending_question == "Jeg har fået et nyt knæ. Hvad gør jeg?"
    text = c.say("set_municipality", "Rebild", "inform_municipality")
    assert "senest 4 dage" in text and c.state.law == "sul_140"
    # A bare yes with nothing asked still says so.
    c = conversation(municipality="rebild")
    assert "Hvad vil du gerne vide?" in c.say("eligibility", "ja", "affirm")


def test_what_an_earlier_turn_told_is_not_asked_again(conversation):
    c = conversation(municipality="skanderborg")
    c.say("health", "Jeg har fået ondt i knæet efter jeg har ligget syg i en måned. Skal jeg "
          "køle det?", "ask_health", situation=Situation(new_loss=True))
    text = c.say("eligibility", "kan jeg få træning for det hos jer?", "check_eligibility")
    assert "Har du været indlagt" in text and "varig" not in text
    text = c.say("eligibility", "nej, kun hos lægen", "deny")
    assert "serviceloven § 86, stk. 1" in text
    # A question alone tells no story: "når man bliver udskrevet" is not a stay.
    c = conversation()
    c.say("answer_topic", "Skal man selv søge, når man bliver udskrevet fra sygehuset?",
          "ask_apply", situation=Situation(hospital_stay=True))
    assert c.state.eligibility == {}


def test_a_doctor_who_may_apply_is_said_once_with_how_to_apply(conversation):
    c = conversation(municipality="hjoerring")
    asked = "Kan hans egen læge søge om træning for ham, eller hvordan gør vi?"
    text = c.say("eligibility", f"Min far faldt og var ikke på sygehuset. {asked}",
                 "check_eligibility", situation=Situation(hospital_stay=False, new_loss=True),
                 questions=(Question(asked, "ask_apply", 0.8),))
    assert "Praktiserende læger" in text
    assert text.count("kan selv kontakte Træningsenheden") == 1


def test_a_municipality_without_a_standard_is_said_once(conversation):
    c = conversation()
    c.say("eligibility", "Min mor har Parkinson og skal kunne klare sig selv. Hvad kan hun få?",
          "check_eligibility", situation=Situation(lasting=True))
    text = c.say("set_municipality", "hun bor i Vejle", "inform_municipality")
    assert text.count("Jeg har ikke Vejle Kommunes kvalitetsstandard endnu,") == 1


def test_a_new_loss_beside_a_lasting_illness_names_the_other_law_too(conversation):
    c = conversation(municipality="skanderborg")
    text = c.say("eligibility", "Far har Parkinson og er blevet meget stiv. Hvad gør vi?",
                 "check_eligibility", situation=Situation(lasting=True, new_loss=True))
    assert "lyder som genoptræning efter serviceloven § 86, stk. 1" in text
    assert "vedligeholdende træning efter serviceloven § 86, stk. 2" in text
    assert c.replies[-1].text.startswith("Har din far været indlagt")
    # A new loss alone is not told of maintenance.
    c = conversation(municipality="skanderborg")
    text = c.say("eligibility", "Far er faldet. Hvad gør vi?", "check_eligibility",
                 situation=Situation(new_loss=True))
    assert "stk. 2" not in text


def test_before_the_first_yes_or_no_the_laws_it_decides_between_are_named(conversation):
    c = conversation(municipality="skanderborg")
    text = c.say("eligibility", "Min mand på 78 er blevet meget dårligere til at gå. Kan han få "
                 "noget træning?", "check_eligibility")
    assert "serviceloven § 86" in text and "sundhedsloven § 140" in text
    assert text.rstrip().endswith("Har din mand været indlagt på sygehuset for det, han skal "
                                  "træne efter?")


def test_while_the_yes_or_no_waits_a_childs_case_gets_the_standards_rule(conversation):
    c = conversation(municipality="rebild")
    text = c.say("eligibility", "Min søn på 15 har brækket benet og var indlagt i tre dage. Hvem "
                 "skal stå for hans genoptræning?", "check_eligibility",
                 situation=Situation(hospital_stay=True, new_loss=True, age=15))
    assert "børneteam" in text and text.rstrip().endswith("genoptræningsplan til ham?")


def test_a_mail_with_personal_data_asked_beside_a_story_gets_how_to_write(conversation):
    c = conversation(municipality="skanderborg")
    question = "Kan jeg bare sende en mail med hans CPR-nummer og oplysninger om hans sygdom?"
    text = c.say("eligibility", "Min far på 86 har haft influenza og kan ikke komme ud af "
                 f"sengen. {question}", "check_eligibility",
                 situation=Situation(new_loss=True, age=86),
                 questions=(Question(question, "ask_privacy", 0.88),))
    assert "personfølsomme" in text and "digitale postkasse" in text


def test_a_plan_told_with_what_to_do_asked_asks_the_municipality_whose_deadlines_follow(
        conversation):
    c = conversation()
    c.say("eligibility", "Jeg har fået et nyt knæ og skal i gang med at træne. Hvad gør jeg?",
          "check_eligibility", situation=Situation(new_loss=True))
    text = c.say("eligibility", "ja, jeg var indlagt i fire dage og fik en plan med hjem",
                 "affirm", situation=Situation(hospital_stay=True, has_plan=True))
    assert "sundhedsloven § 140" in text and "Hvilken kommune bor du i?" in text
    text = c.say("set_municipality", "Rebild", "inform_municipality")
    assert "senest 4 dage" in text and "senest 7 dage" in text
