import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from genoptraening.core.dates import EVENTS, find_date, find_event

D = dt.date
TODAY = D(2026, 11, 22)  # a Sunday


def check(text, expected, today=TODAY):
    assert find_date(text, today) == expected, text


@pytest.mark.parametrize(
    "text,expected",
    [
        ("jeg søgte den 3. november", D(2026, 11, 3)),
        ("Jeg søgte den 3. November om genoptræning", D(2026, 11, 3)),
        ("3. november 2026", D(2026, 11, 3)), ("den 3. november, 2026", D(2026, 11, 3)),
        ("3 nov", D(2026, 11, 3)), ("3. nov.", D(2026, 11, 3)),
        ("3.nov", D(2026, 11, 3)), ("d. 3 nov", D(2026, 11, 3)),
        ("den 1ste november", D(2026, 11, 1)), ("den 2den november", D(2026, 11, 2)),
        ("den 4de november", D(2026, 11, 4)), ("1. jan", D(2026, 1, 1)),
        ("14. feb", D(2026, 2, 14)), ("den 5. marts", D(2026, 3, 5)),
        ("5 mar", D(2026, 3, 5)), ("7. april", D(2026, 4, 7)),
        ("7 apr", D(2026, 4, 7)), ("den 1. maj", D(2026, 5, 1)),
        ("12 jun", D(2026, 6, 12)), ("12. juni", D(2026, 6, 12)),
        ("12. juli", D(2026, 7, 12)), ("12 jul", D(2026, 7, 12)),
        ("9. aug", D(2026, 8, 9)), ("9. august", D(2026, 8, 9)),
        ("3 sep", D(2026, 9, 3)), ("3 sept", D(2026, 9, 3)),
        ("3. september", D(2026, 9, 3)), ("den 3. okt.", D(2026, 10, 3)),
        ("3. oktober", D(2026, 10, 3)), ("den 20. nov", D(2026, 11, 20)),
        ("den 2. dec", D(2025, 12, 2)),  # in the future this year: last year
        # Misspelt month names (edit distance, words of 4+ letters only).
        ("3. novemer", D(2026, 11, 3)), ("3 novmber", D(2026, 11, 3)),
        ("3. septmber", D(2026, 9, 3)), ("3. oktobr", D(2026, 10, 3)),
        ("10. febuar", D(2026, 2, 10)), ("10 janur", D(2026, 1, 10)),
        ("10 augus", D(2026, 8, 10)), ("10 apri", D(2026, 4, 10)),
        ("den 3. NOVEMBER", D(2026, 11, 3)),
    ],
)
def test_day_and_month_name(text, expected):
    check(text, expected)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("den første november", D(2026, 11, 1)), ("den tredje november", D(2026, 11, 3)),
        ("den forste november", D(2026, 11, 1)),  # ø written as o
        ("den tiende oktober", D(2026, 10, 10)), ("den syttende oktober", D(2026, 10, 17)),
        ("den tyvende oktober", D(2026, 10, 20)), ("den enogtyvende oktober", D(2026, 10, 21)),
        ("den en og tyvende oktober", D(2026, 10, 21)),
        ("den niogtyvende oktober", D(2026, 10, 29)), ("den tredivte oktober", D(2026, 10, 30)),
        ("den enogtredivte oktober", D(2026, 10, 31)), ("den anden maj", D(2026, 5, 2)),
        ("den tredje nov", D(2026, 11, 3)), ("den tredje november 2025", D(2025, 11, 3)),
    ],
)
def test_ordinal_words(text, expected):
    check(text, expected)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("3/11", D(2026, 11, 3)), ("søgte 3/11", D(2026, 11, 3)),
        ("d. 3/11", D(2026, 11, 3)), ("d.3/11", D(2026, 11, 3)),
        ("den 3.11", D(2026, 11, 3)), ("3.11", D(2026, 11, 3)),
        ("d. 3.11.2026", D(2026, 11, 3)), ("3.11.2026", D(2026, 11, 3)),
        ("03-11-26", D(2026, 11, 3)), ("03-11-2026", D(2026, 11, 3)),
        ("3/11-2026", D(2026, 11, 3)), ("3/11-26", D(2026, 11, 3)),
        ("3/11/2026", D(2026, 11, 3)), ("3/11 2026", D(2026, 11, 3)),
        ("den 3-11", D(2026, 11, 3)), ("mandag 2-11", D(2026, 11, 2)),
        ("den 3‑11‑2026", D(2026, 11, 3)),  # non-breaking hyphens
        ("den 3–11–2026", D(2026, 11, 3)),  # en dashes
        ("den 3/11 min mor søgte", D(2026, 11, 3)),  # "11 min" is no duration
        ("den 3/11 kl. 10", D(2026, 11, 3)),
        ("ring på 92 43 43 48 om min ansøgning fra 3/11", D(2026, 11, 3)),
        ("31/12", D(2025, 12, 31)), ("1/1", D(2026, 1, 1)),
        # A date with a year is taken as it is, even in the future.
        ("3/12-2026", D(2026, 12, 3)), ("1.1.2030", D(2030, 1, 1)),
        ("3/11-25", D(2025, 11, 3)),
        # Leap days: the latest year in which the date exists and is not in the future.
        ("29/2", None),  # neither 2026 nor 2025 has one
        ("29/2-2024", D(2024, 2, 29)),
        ("2. marts 2026 og 31. januar", D(2026, 3, 2)),  # the first of two dates
    ],
)
def test_numeric(text, expected):
    check(text, expected)


def test_leap_day_without_year():
    check("29/2", D(2028, 2, 29), today=D(2028, 3, 1))
    check("29. februar", D(2024, 2, 29), today=D(2025, 2, 28))  # 2025 has none: 2024
    check("29. februar", None, today=D(2027, 3, 1))


@pytest.mark.parametrize(
    "text,today,expected",
    [
        ("20. december", D(2027, 1, 5), D(2026, 12, 20)), ("20/12", D(2027, 1, 5), D(2026, 12, 20)),
        ("den 31. december", D(2027, 1, 1), D(2026, 12, 31)),
        ("den 1. januar", D(2027, 1, 1), D(2027, 1, 1)),  # today itself is this year
        ("5. januar", D(2027, 1, 5), D(2027, 1, 5)), ("6. januar", D(2027, 1, 5), D(2026, 1, 6)),
        ("for en uge siden", D(2027, 1, 5), D(2026, 12, 29)),
        ("i forgårs", D(2027, 1, 1), D(2026, 12, 30)),
        ("i mandags", D(2027, 1, 1), D(2026, 12, 28)),  # a Friday
    ],
)
def test_year_rollover(text, today, expected):
    check(text, expected, today)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("i dag", TODAY), ("idag", TODAY),
        ("jeg søgte i morges", TODAY), ("i går", D(2026, 11, 21)),
        ("igår", D(2026, 11, 21)), ("i gaar", D(2026, 11, 21)),
        ("I GÅR", D(2026, 11, 21)), ("i går aftes", D(2026, 11, 21)),
        ("i forgårs", D(2026, 11, 20)), ("iforgårs", D(2026, 11, 20)),
        ("i forgaars", D(2026, 11, 20)), ("i forgars", D(2026, 11, 20)),
        ("for en uge siden", D(2026, 11, 15)), ("for 1 uge siden", D(2026, 11, 15)),
        ("for 3 dage siden", D(2026, 11, 19)), ("for tre dage siden", D(2026, 11, 19)),
        ("for to uger siden", D(2026, 11, 8)), ("for 2 uger siden", D(2026, 11, 8)),
        ("for 14 dage siden", D(2026, 11, 8)), ("for ca. 3 uger siden", D(2026, 11, 1)),
        ("for en uges tid siden", D(2026, 11, 15)), ("det er 10 dage siden", D(2026, 11, 12)),
        ("det er fire uger siden, jeg søgte", D(2026, 10, 25)),
        ("for et døgn siden", D(2026, 11, 21)),
        ("i dag er det tre uger siden jeg søgte", D(2026, 11, 1)),
        ("i dag for en uge siden", D(2026, 11, 15)),
    ],
)
def test_relative_days(text, expected):
    check(text, expected)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("i mandags", D(2026, 11, 16)), ("i tirsdags", D(2026, 11, 17)),
        ("i onsdags", D(2026, 11, 18)), ("i torsdags", D(2026, 11, 19)),
        ("i fredags", D(2026, 11, 20)), ("i lørdags", D(2026, 11, 21)),
        ("i lordags", D(2026, 11, 21)), ("i loerdags", D(2026, 11, 21)),
        ("i søndags", D(2026, 11, 15)),  # today is a Sunday: a week ago
        ("sidste tirsdag", D(2026, 11, 17)), ("forrige fredag", D(2026, 11, 20)),
        ("mandag", D(2026, 11, 16)), ("jeg ringede mandag", D(2026, 11, 16)),
        ("Vi sendte ansøgningen i mandags", D(2026, 11, 16)), ("søndag", D(2026, 11, 15)),
    ],
)
def test_weekdays(text, expected):
    check(text, expected)


@pytest.mark.parametrize(
    "text",
    [
        "på mandag", "næste tirsdag", "hver mandag", "fra mandag til fredag", "mandag-fredag",
        "på fredag", "i morgen", "om en uge",
    ],
)
def test_future_and_habitual_weekdays_are_no_dates(text):
    check(text, None)


@pytest.mark.parametrize(
    "text",
    [
        "i sidste uge", "sidste uge", "i forrige uge", "i sidste måned", "sidste weekend",
        "i weekenden", "forleden", "for nylig", "for et par dage siden", "for nogle uger siden",
        "for en måned siden", "for 2 måneder siden", "for et år siden", "for længe siden",
        # A vague mention outranks the weaker "i dag".
        "jeg søgte for to måneder siden og har i dag ikke hørt noget",
        "i sidste uge, og i dag har jeg ikke hørt noget",
        "for 9999 uger siden",
    ],
)
def test_vague_expressions_give_none(text):
    check(text, None)


@pytest.mark.parametrize(
    "text",
    [
        # CPR numbers
        "031126-1234", "0311261234", "031126 1234", "mit cpr er 031126-1234",
        # phone numbers
        "92 43 43 48", "92434348", "+45 92 43 43 48", "9243 4348", "ring på 92434348",
        # clock times
        "kl. 8.30", "kl 8", "klokken 14", "kl. 10.10", "8-9", "kl 8-9", "12.30-14.00",
        "fra 8.00 til 9.00", "12:30", "ved 10.10-tiden", "8.30",
        # ages
        "82 år", "min mor er 82 år", "en 82-årig", "hun er 90 år gammel",
        # durations and counts
        "i 3 uger", "2 gange om ugen", "3 gange", "i 12 uger", "hver 2 uger", "2x om ugen",
        "2-3 uger",
        # law references
        "§ 86 stk. 1", "§ 140", "§ 86, stk. 2", "serviceloven § 83 a", "§§ 86 og 140",
        "stk. 3", "nr. 12",
        # amounts and fractions
        "1.200 kr", "3,5 km", "1/2 time", "3/4 af udgifterne",
        # nothing
        "", " ", "hej", "hvornår får jeg svar?", "3", "november", "den 3.", "jeg søgte",
    ],
)
def test_non_dates(text):
    check(text, None)


@pytest.mark.parametrize(
    "text",
    ["31/2", "30. februar", "31. april", "den 31-6", "31.11", "31/9-2026", "0/11", "32/1",
     "den 0. marts", "31/2 og 3/11"],
)
def test_invalid_dates_give_none(text):
    check(text, None)


@pytest.mark.parametrize(
    "text,expected",
    [
        # A calendar date beats a relative one, wherever it stands.
        ("i går ringede jeg om ansøgningen fra den 3. november", D(2026, 11, 3)),
        ("mandag den 2. november", D(2026, 11, 2)),
        # "indtil i dag" is no date of an event.
        ("jeg har indtil i dag ikke hørt noget", None), ("i dag", TODAY),
        # The masks leave real dates next to them alone.
        ("min mor (82 år) søgte den 3/11 kl. 8.30", D(2026, 11, 3)),
        ("cpr 031126-1234, søgte 5/11", D(2026, 11, 5)),
        ("efter § 86 stk. 1 den 3. november", D(2026, 11, 3)),
        ("jeg søgte den 3. november om 2 gange om ugen i 12 uger", D(2026, 11, 3)),
        ("Søgte d. 3/11. Tlf 92 43 43 48", D(2026, 11, 3)),
    ],
)
def test_mixed_messages(text, expected):
    check(text, expected)


def test_datetime_today_is_accepted():
    assert find_date("i går", dt.datetime(2026, 11, 22, 14, 30)) == D(2026, 11, 21)


def test_extreme_today_does_not_raise():
    assert find_date("for 3 dage siden", D.min) is None
    assert find_date("i mandags", D.min) is None
    assert find_date("3/11", D.min) is None
    assert find_date("i dag", D.max) == D.max
    assert find_date("3/11", D.max) == D(9999, 11, 3)


@pytest.mark.parametrize(
    "text,expected",
    [
        # application
        ("jeg søgte den 3. november", "application"),
        ("min mor søgte den 3. november", "application"),
        ("Min mor sogte om genoptraening i gaar", "application"),
        ("vi sendte ansøgningen i mandags", "application"),
        ("jeg sendte skemaet den 3/11", "application"),
        ("jeg henvendte mig til kommunen i går", "application"),
        ("jeg ringede til kommunen 3/11", "application"),
        ("jeg kontaktede kommunen for en uge siden", "application"),
        ("jeg skrev til kommunen den 3/11", "application"),
        ("hvornår får jeg svar, det var den 3/11", "application"), ("3/11", "application"),
        ("", "application"),
        # grant
        ("jeg fik bevilget genoptræning den 3/11", "grant"),
        ("min far fik bevilliget træning i går", "grant"), ("bevillingen kom i mandags", "grant"),
        ("jeg blev visiteret den 3/11", "grant"), ("min ansøgning blev godkendt i går", "grant"),
        # decision received
        ("jeg fik afgørelsen den 3/11", "decision_received"),
        ("jeg fik afgorelsen i går", "decision_received"), ("fik svar i går", "decision_received"),
        ("jeg fik afslag for en uge siden", "decision_received"),
        ("jeg fik brevet med afgørelsen den 3/11", "decision_received"),
        ("afgørelsen kom i går", "decision_received"),
        ("min ansøgning blev ikke godkendt den 3/11", "decision_received"),
        ("jeg fik afslag på min klage den 3/11", "decision_received"),
        # plan received
        ("genoptræningsplanen blev sendt den 3/11", "plan_received"),
        ("jeg modtog min genoptræningsplan i går", "plan_received"),
        ("genoptraeningsplanen kom den 3/11", "plan_received"),
        ("jeg blev udskrevet fra sygehuset i forgårs", "plan_received"),
        ("jeg kom hjem fra hospitalet den 3/11", "plan_received"),
        # complaint
        ("jeg klagede den 3/11", "complaint_received"),
        ("jeg sendte klagen i går", "complaint_received"),
        ("den 3/11 sendte jeg min klage", "complaint_received"),
        ("jeg har klaget over afslaget", "complaint_received"),
        # visitation
        ("visitationen var den 3/11", "visitation"),
        ("bookingsamtalen var i mandags", "visitation"),
        ("den første undersøgelse var i går", "visitation"),
        ("jeg var til visitationssamtale den 3/11", "visitation"),
        # referral
        ("jeg fik en henvisning den 3/11", "referral"), ("lægen henviste mig i går", "referral"),
        ("lægen sendte henvisningen i går", "referral"),
    ],
)
def test_event(text, expected):
    assert find_event(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("jeg sogde den 3/11", "application"), ("min mor sökte i går", "application"),
        ("jeg klagde den 3/11", "complaint_received"), ("afgrelsen kom i går", "decision_received"),
        ("henvising fra lægen den 3/11", "referral"), ("visitaionen var i går", "visitation"),
        ("genoptrænigsplanen kom i går", "plan_received"),
        ("jeg blev udskrevt i går", "plan_received"), ("fik bevillget i mandags", "grant"),
        ("bookinsamtale i går", "visitation"),
    ],
)
def test_event_tolerates_typos(text, expected):
    assert find_event(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # The cue nearest the date wins, verbs before bare nouns.
        ("jeg søgte den 1. oktober og fik afslag i går", "application"),
        ("jeg fik afslag i går, men jeg søgte den 3. november", "application"),
        ("jeg fik afgørelsen den 3/11 på min ansøgning fra oktober", "decision_received"),
        ("afslaget på min ansøgning, som jeg sendte den 3/11", "application"),
        ("min mor søgte om genoptræning, efter hun blev udskrevet den 3/11", "plan_received"),
        ("jeg har ventet på min ansøgning siden 3/11", "application"),
        ("bevillingen fra den 3/11", "grant"),
    ],
)
def test_event_nearest_the_date(text, expected):
    assert find_event(text) == expected


# Words and numbers the parser reacts to, so that random messages reach its branches.
TOKENS = [
    "den", "d.", "3.", "3", "11", "/", "-", ".", "31/2", "3/11", "03-11-26", "3.11.2026", "nov",
    "november", "novemer", "tredje", "en og tyvende", "i går", "i forgårs", "i dag", "i mandags",
    "sidste", "mandag", "for", "en", "uge", "uger", "dage", "siden", "kl.", "8.30", "§", "86",
    "stk.", "år", "gange", "031126-1234", "92 43 43 48", "søgte", "klagede", "afgørelsen",
    "fik", "afslag", "henvisning", "til", "på", "😀", "\x00", "\n", "ﬁ", "２０", "١٢", "²",
]


@settings(deadline=None, max_examples=300)
@given(st.text(), st.dates())
def test_never_raises_on_any_text(text, today):
    result = find_date(text, today)
    assert result is None or isinstance(result, D)
    assert find_event(text) in EVENTS


@settings(deadline=None, max_examples=300)
@given(st.lists(st.sampled_from(TOKENS), max_size=12).map(" ".join), st.dates())
def test_never_raises_on_date_like_text(text, today):
    result = find_date(text, today)
    assert result is None or isinstance(result, D)
    assert find_event(text) in EVENTS


ALL_CATEGORIES = (
    "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Pc", "Pd", "Ps", "Pe", "Pi",
    "Pf", "Po", "Sm", "Sc", "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co",
)


@settings(deadline=None, max_examples=200)
@given(st.text(alphabet=st.characters(categories=ALL_CATEGORIES)))
def test_never_raises_on_surrogates_and_control_characters(text):
    result = find_date(text, TODAY)
    assert result is None or isinstance(result, D)
    assert find_event(text) in EVENTS


def test_huge_input():
    text = "jeg søgte den 3. november " + "9/" * 200_000 + "😀" * 100_000
    assert find_date(text, TODAY) == D(2026, 11, 3)
    assert find_event(text) == "application"
    assert find_date("1" * 1_000_000, TODAY) is None
