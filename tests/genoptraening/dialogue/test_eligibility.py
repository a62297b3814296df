def test_story_facts_are_used_and_missing_ones_asked_one_at_a_time(conversation):
    c = conversation(municipality="hedensted")
    text = c.say("eligibility", "jeg er faldet derhjemme og har ikke været indlagt, kan jeg få "
                 "genoptræning", "check_eligibility")
    # hospital (no) and new loss (a fall) are known: the next question is about training alone
    assert "Kan du klare træningen på egen hånd" in text
    assert c.buttons == ["Ja", "Nej"]
    text = c.say("eligibility", "nej", "deny")
    assert "serviceloven § 86, stk. 1" in text
    assert "individuel vurdering" in text
    assert "Sådan søger du:" in text
    assert "79 91 82 50" in text
    assert c.state.law == "sel_86_1"


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


def test_lasting_condition_is_stk_2_and_relative_is_spoken_of(conversation):
    c = conversation(municipality="skanderborg")
    text = c.say("eligibility", "min far har parkinson og bliver dårligere, kan han få træning",
                 "check_eligibility")
    assert "Har din far været indlagt" in text
    c.say("eligibility", "nej", "deny")
    text = c.say("eligibility", "nej", "deny")
    assert "vedligeholdende træning efter serviceloven § 86, stk. 2" in text
    assert "Din far skal selv søge" in text


def test_rebild_applies_its_own_age_limit(conversation):
    c = conversation(municipality="rebild")
    c.say("eligibility", "min søn på 16 er faldet og har ikke været indlagt", "check_eligibility")
    text = c.say("eligibility", "nej", "deny")
    assert "Rebild Kommunes standard siger, at man skal være over 18 år" in text


def test_rebild_asks_about_vederlagsfri_fysioterapi_for_stk_2(conversation):
    c = conversation(municipality="rebild")
    c.say("eligibility", "jeg har sclerose og har ikke været indlagt", "check_eligibility")
    text = c.say("eligibility", "nej", "deny")
    assert "vederlagsfri fysioterapi" in text and c.buttons == ["Ja", "Nej"]
    text = c.say("eligibility", "ja", "affirm")
    assert "kan man ikke få vedligeholdende træning samtidig med" in text


def test_municipality_is_asked_when_needed_and_the_flow_resumes(conversation):
    c = conversation()
    c.say("eligibility", "jeg er faldet og har ikke været indlagt", "check_eligibility")
    text = c.say("eligibility", "nej", "deny")
    assert "Hvilken kommune bor du i?" in text
    text = c.say("set_municipality", "lejre", "inform_municipality")
    assert "serviceloven § 86, stk. 1" in text


def test_yes_or_no_without_a_question_is_handled(conversation):
    c = conversation(municipality="lejre")
    assert "Hvad vil du gerne vide?" in c.say("eligibility", "ja", "affirm")
