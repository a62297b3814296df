import pytest

from genoptraening.core.register import get_register, load_register, slugify
from genoptraening.core.text import skeleton

# All 98 municipalities by kommunekode, from Danmarks Adresser (DAGI); Christiansø (411) is not one.
EXPECTED = {
    "0101": "København", "0147": "Frederiksberg", "0151": "Ballerup", "0153": "Brøndby",
    "0155": "Dragør", "0157": "Gentofte", "0159": "Gladsaxe", "0161": "Glostrup",
    "0163": "Herlev", "0165": "Albertslund", "0167": "Hvidovre", "0169": "Høje-Taastrup",
    "0173": "Lyngby-Taarbæk", "0175": "Rødovre", "0183": "Ishøj", "0185": "Tårnby",
    "0187": "Vallensbæk", "0190": "Furesø", "0201": "Allerød", "0210": "Fredensborg",
    "0217": "Helsingør", "0219": "Hillerød", "0223": "Hørsholm", "0230": "Rudersdal",
    "0240": "Egedal", "0250": "Frederikssund", "0253": "Greve", "0259": "Køge",
    "0260": "Halsnæs", "0265": "Roskilde", "0269": "Solrød", "0270": "Gribskov",
    "0306": "Odsherred", "0316": "Holbæk", "0320": "Faxe", "0326": "Kalundborg",
    "0329": "Ringsted", "0330": "Slagelse", "0336": "Stevns", "0340": "Sorø",
    "0350": "Lejre", "0360": "Lolland", "0370": "Næstved", "0376": "Guldborgsund",
    "0390": "Vordingborg", "0400": "Bornholm", "0410": "Middelfart", "0420": "Assens",
    "0430": "Faaborg-Midtfyn", "0440": "Kerteminde", "0450": "Nyborg", "0461": "Odense",
    "0479": "Svendborg", "0480": "Nordfyn", "0482": "Langeland", "0492": "Ærø",
    "0510": "Haderslev", "0530": "Billund", "0540": "Sønderborg", "0550": "Tønder",
    "0561": "Esbjerg", "0563": "Fanø", "0573": "Varde", "0575": "Vejen",
    "0580": "Aabenraa", "0607": "Fredericia", "0615": "Horsens", "0621": "Kolding",
    "0630": "Vejle", "0657": "Herning", "0661": "Holstebro", "0665": "Lemvig",
    "0671": "Struer", "0706": "Syddjurs", "0707": "Norddjurs", "0710": "Favrskov",
    "0727": "Odder", "0730": "Randers", "0740": "Silkeborg", "0741": "Samsø",
    "0746": "Skanderborg", "0751": "Aarhus", "0756": "Ikast-Brande", "0760": "Ringkøbing-Skjern",
    "0766": "Hedensted", "0773": "Morsø", "0779": "Skive", "0787": "Thisted",
    "0791": "Viborg", "0810": "Brønderslev", "0813": "Frederikshavn", "0820": "Vesthimmerland",
    "0825": "Læsø", "0840": "Rebild", "0846": "Mariagerfjord", "0849": "Jammerbugt",
    "0851": "Aalborg", "0860": "Hjørring",
}


@pytest.fixture(scope="module")
def register():
    return get_register()


def test_register_holds_exactly_the_98_municipalities(register):
    assert len(register) == 98
    assert {m.code: m.name for m in register.municipalities} == EXPECTED


@pytest.mark.parametrize("code,name", sorted(EXPECTED.items()))
def test_every_name_and_official_name_is_found(register, code, name):
    municipality = register.by_code(code)
    assert register.lookup(name) == municipality
    assert register.lookup(municipality.official) == municipality
    assert register.lookup(municipality.official.lower()) == municipality
    assert register.find(f"jeg bor i {municipality.official}").municipality == municipality


@pytest.mark.parametrize(
    "text,slug",
    [
        ("hjorring", "hjoerring"),
        ("Hjoerring", "hjoerring"),
        ("HJØRRING KOMMUNE", "hjoerring"),
        ("hjøring", "hjoerring"),
        ("hjrring", "hjoerring"),
        ("Hoeje-Taastrup", "hoeje-taastrup"),
        ("hoje taastrup", "hoeje-taastrup"),
        ("Lyngby", "lyngby-taarbaek"),
        ("kobenhavn", "koebenhavn"),
        ("Kbh", "koebenhavn"),
        ("Århus", "aarhus"),
        ("aabenraa", "aabenraa"),
        ("Åbenrå", "aabenraa"),
        ("skanderbrg", "skanderborg"),
        ("skandeborg kommune", "skanderborg"),
        ("rebil", "rebild"),
        ("hedenstedt", "hedensted"),
        ("Lejre kommune", "lejre"),
        ("laeso", "laesoe"),
        ("Ringkobing-Skjern", "ringkoebing-skjern"),
        ("faaborg midtfyn", "faaborg-midtfyn"),
        ("sonderborg", "soenderborg"),
        ("Bornholms Regionskommune", "bornholm"),
        ("Nordfyns Kommune", "nordfyn"),
        ("vesthimmerlands kommune", "vesthimmerland"),
    ],
)
def test_misspellings_are_found(register, text, slug):
    assert register.lookup(text).slug == slug


@pytest.mark.parametrize(
    "text,slug",
    [
        ("jeg bor i hjoerring og er faldet", "hjoerring"),
        ("min mor bor i Hedensted kommune", "hedensted"),
        ("og hvad med Rebild?", "rebild"),
        ("Vi bor i Hvalsø", "lejre"),  # town → municipality
        ("min far bor i Støvring", "rebild"),
        ("jeg bor i Løsning", "hedensted"),
        ("jeg bor i Vejen", "vejen"),  # ambiguous name, but capitalised after "i"
        ("Vejen Kommune", "vejen"),
        ("genoptraening i lejre kommune", "lejre"),
    ],
)
def test_municipality_found_in_free_text(register, text, slug):
    assert register.find(text).municipality.slug == slug


@pytest.mark.parametrize(
    "text",
    [
        "Paris", "Berlin", "London", "Stockholm", "Malmö", "Oslo", "Tórshavn", "Nuuk",
        "på vejen hjem faldt jeg",  # "vejen" = the road
        "jeg vil skrive en klage",  # "skrive" is close to Skive
        "min lejer er faldet",  # "lejer" is close to Lejre
        "kan jeg ringe til jer",  # Ringe is a town, and a verb
        "min mors genoptræning",  # "mors" is not Morsø
        "hvad koster det",
        "",
        "12345678",
    ],
)
def test_non_municipalities_are_not_matched(register, text):
    assert register.find(text) is None


def test_has_standard_follows_the_knowledge_files():
    register = load_register(with_standard=frozenset({"lejre", "rebild"}))
    assert {m.slug for m in register.with_standard()} == {"lejre", "rebild"}
    assert register.by_slug("vejle").has_standard is False


def test_the_five_standards_on_file(register):
    assert {m.slug for m in register.with_standard()} == {
        "lejre", "hjoerring", "skanderborg", "rebild", "hedensted"
    }


def test_slug_and_skeleton():
    assert slugify("Hjørring") == "hjoerring"
    assert slugify("Høje-Taastrup") == "hoeje-taastrup"
    assert slugify("Lyngby-Taarbæk") == "lyngby-taarbaek"
    assert skeleton("Hjørring") == skeleton("Hjoerring") == skeleton("hjorring")
    assert skeleton("Åbenrå") == skeleton("Aabenraa")


def test_code_lookup_accepts_short_codes(register):
    assert register.by_code("350").name == "Lejre"
    assert register.by_code("9999") is None


@pytest.mark.parametrize(("text", "slug"), [
    ("Jeg kom hjem fra Gentofte med papirer om træning. Jeg bor i Rebild.", "rebild"),
    ("jeg bor i Lejre men var indlagt på Roskilde sygehus", "lejre"),
    ("min far er bosat i Hedensted og var på Vejle sygehus", "hedensted"),
])
def test_where_someone_lives_wins_over_where_a_hospital_was(register, text, slug):
    match = register.find(text)
    assert match is not None and match.municipality.slug == slug and match.lived_in


@pytest.mark.parametrize("text", [
    "Jeg var indlagt i ti dage på Aalborg Universitetshospital i januar.",
    "hun ligger på Regionshospitalet Randers", "han kom hjem fra Holbæk Sygehus i går",
    "en genoptræningsplan fra lungeafdelingen i Aalborg", "jeg er lige udskrevet fra Odense",
    "Jeg kom hjem fra Gentofte med papirer om træning.", "hun var indlagt i Randers i maj",
    "I marts var jeg indlagt ti dage på Aalborg med en forværring.",
])
def test_a_hospital_named_by_its_town_is_matched_as_elsewhere(register, text):
    match = register.find(text)
    assert match is not None and match.elsewhere
    assert not register.find("jeg bor i Randers").elsewhere
    assert not register.find("jeg blev indlagt og bor nu i Randers").elsewhere
    # Where the citizen lives wins over the hospital, however it is written.
    lives = register.find(f"{text} Jeg bor i Rebld.")
    assert lives.municipality.slug == "rebild" and not lives.elsewhere


def test_for_someone_else_the_writers_own_place_is_a_mere_mention(register):
    text = "Min mor bor alene i Galten. Jeg bor selv i København og kan ikke køre hende."
    assert register.find(text, for_someone=True).municipality.slug == "skanderborg"
    # Alone, the writer's own home is the weakest kind of match: a known municipality stays.
    own = register.find("Jeg bor selv i København og kan ikke køre min mor.", for_someone=True)
    assert own.municipality.slug == "koebenhavn" and own.elsewhere and not own.lived_in
    # Written for oneself, where the writer lives is what counts.
    assert register.find("Jeg bor i København", for_someone=False).lived_in


def test_a_place_after_a_provider_is_the_providers(register):
    match = register.find("hos min egen fysioterapeut i Vejle i stedet for Sundhedshuset")
    assert match is not None and match.elsewhere and not match.lived_in
    assert not register.find("jeg bor i Vejle").elsewhere
    # A place wished for instead is where one would train, not where one lives.
    match = register.find("Kan han tage den vedligeholdende træning i Vejle i stedet?")
    assert match is not None and match.elsewhere
    assert not register.find("Hvad så hvis jeg nu boede i Hedensted i stedet?").elsewhere


@pytest.mark.parametrize(("text", "slug"), [
    ("Jeg bor i Støvring", "rebild"), ("min mor i Hornsyld", "hedensted"),
    ("jeg har ilt derhjemme i Kirke Såby", "lejre"), ("han bor i Gl. Rye", "skanderborg"),
    ("fra Sæby", "frederikshavn"), ("Jeg bor i Ry og kan ikke køre", "skanderborg"),
    ("ry", "skanderborg"), ("jeg bor i Stilling", "skanderborg"),
    ("jeg bor i ry. hvor mange forløb kan man få?", "skanderborg"),
    # villages of the five municipalities with a standard, beyond GeoNames' larger towns
    ("Jeg bor i Glim", "lejre"), ("min far i Lyndby", "lejre"), ("Jeg bor i Rold", "rebild"),
    ("vi bor i Alken", "skanderborg"), ("bor i Klakring", "hedensted"),
    ("jeg bor i Tornby", "hjoerring"),
])
def test_towns_find_their_municipality(register, text, slug):
    match = register.find(text)
    assert match is not None and match.municipality.slug == slug and match.via_town


@pytest.mark.parametrize("text", [
    "Hvem tager stilling til, om hun kan få træning?", "jeg har ondt i min hals",
    "det har et godt ry", "vil du give mig et svar",
])
def test_towns_that_are_everyday_words_count_only_as_places(register, text):
    assert register.find(text) is None


def test_the_writers_own_home_without_jeg_is_a_mention_when_writing_for_someone(register):
    text = "Bor selv i Skanderborg, men min far på 86 bor i Tørring. Hvem ringer jeg til?"
    assert register.find(text, for_someone=True).municipality.slug == "hedensted"
    # Someone else who lives alone there is where he lives.
    match = register.find("Min far bor selv i Tørring", for_someone=True)
    assert match.municipality.slug == "hedensted" and not match.elsewhere


def test_in_the_writers_own_story_somebody_elses_home_is_a_mention(register):
    text = ("Jeg er 79 og bor i Hirtshals, altså i Hjørring Kommune. Mine børn bor i Aarhus og "
            "København.")
    assert register.find(text).municipality.slug == "hjoerring"
    other = register.find("Min datter bor i Vejle og hjælper mig.")
    assert other.municipality.slug == "vejle" and other.elsewhere and not other.lived_in
    # Written for her, where the daughter lives is what counts.
    assert register.find("Min datter bor i Vejle", for_someone=True).lived_in


def test_where_the_relatives_own_family_lives_is_a_mention(register):
    # Written for a neighbour in Gevninge (Lejre): her son's home is not hers.
    text = ("Min nabo i Gevninge er 86 og har været syg længe. Hendes søn bor i Aarhus. Kan jeg "
            "aflevere ansøgningen for hende?")
    assert register.find(text, for_someone=True).municipality.slug == "lejre"
    son = register.find("Hendes søn bor i Aarhus.", for_someone=True)
    assert son.elsewhere and not son.lived_in
    # In the writer's own story too: "hans kone bor i Vejle" is somebody else's home.
    assert register.find("Jeg bor i Hirtshals. Hans kone bor i Vejle.").municipality.slug == (
        "hjoerring")


def test_where_the_citizen_works_is_a_mention(register):
    match = register.find("også i en anden kommune? jeg arbejder i Aalborg")
    assert match.municipality.slug == "aalborg" and match.elsewhere


def test_a_provider_a_few_words_before_the_place_is_the_providers(register):
    match = register.find("vederlagsfri fysioterapi på en klinik inde i Aalborg", for_someone=True)
    assert match.municipality.slug == "aalborg" and match.elsewhere


def test_where_one_has_lived_is_where_one_lives(register):
    match = register.find("Jeg har boet i Aarhus hele mit liv")
    assert match.municipality.slug == "aarhus" and match.lived_in


def test_a_town_just_outside_which_the_citizen_lives_is_where_they_live(register):
    text = ("Jeg er 84 og bor på en gård et stykke uden for Ry. Min søn bor i Aalborg, så han "
            "kan ikke køre mig.")
    assert register.find(text).municipality.slug == "skanderborg"
    assert register.find("vi bor lige ved Ry").municipality.slug == "skanderborg"
