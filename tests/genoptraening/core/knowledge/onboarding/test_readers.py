from genoptraening.core.knowledge.onboarding import readers
from genoptraening.core.knowledge.onboarding.deadline_reader import deadlines


def test_phones_need_a_cue_or_pairs_and_are_no_dates_or_cvr():
    assert [f.value for f in readers.phones("Ring på tlf. 92434348.", "Ring")] == ["92 43 43 48"]
    assert [f.value for f in readers.phones("Galten: 87 94 84 16", "Tlf.:")] == ["87 94 84 16"]
    assert readers.phones("Godkendt 06.02.2024", "") == []
    assert readers.phones("CVR-nr. 29189854", "kontakt") == []


def test_phone_labels():
    assert readers.phone_label("Galten: 87 94 84 16", 8, []) == "Galten"
    unit = "Ny Skolegade 4, 8723 Løsning (Sundhedshuset), som træffes på telefon 79 91 82 50"
    assert readers.phone_label(unit, unit.index("79"), []) == "Sundhedshuset"
    assert readers.phone_label("Ring på 46 46 46 46.", 8, ["Visitation"]) == "Visitation"


def test_opening_hours_per_weekday():
    hours, slots = readers.opening_hours(
        "telefon 79 91 82 50 mandag-torsdag mellem kl. 08.00-12.00 og 13.00-14.00 og fredag "
        "kl. 08.00.12.00")
    assert [(s.days, s.start, s.end) for s in slots] == [
        ([0, 1, 2, 3], "08:00", "12:00"), ([0, 1, 2, 3], "13:00", "14:00"),
        ([4], "08:00", "12:00")]
    assert hours.startswith("mandag-torsdag")
    assert readers.opening_hours("Træningen foregår 1-2 gange om ugen på hverdage") is None


def test_emails_never_allow_sensitive_data_unless_said():
    found = readers.emails("Send en mail uden personfølsomme oplysninger til a.b@vejle.dk.")
    assert found[0].value.address == "a.b@vejle.dk"
    assert found[0].value.sensitive_data_ok is False
    assert "uden personfølsomme" in found[0].value.note


def test_prices_with_year_and_what_they_cover():
    price = readers.prices("Taksten er i 2023 41 kr. for ud- og hjemtransport.")[0].value
    assert (price.amount, price.year, price.per) == (41, 2023, "for ud- og hjemtransport")


def test_addresses_after_a_colon_and_inline():
    lines = ["sende det pr. brev til:", "Genoptræningen", "Bøgebakken 1", "4320 Lejre"]
    address, first, last = readers.addresses(lines)[0]
    assert (address.name, address.lines, first, last) == (
        "Genoptræningen", ["Bøgebakken 1", "4320 Lejre"], 1, 3)
    inline = readers.addresses(["foretages af Sundhedshuset, Ny Skolegade 4, 8723 Løsning"])
    assert inline[0][0].lines == ["Ny Skolegade 4", "8723 Løsning"]


def test_deadlines_kind_number_unit_and_event():
    def read(text):
        return [(d.value.kind, d.value.number, d.value.unit, d.value.from_event)
                for d in deadlines(text)]

    assert read("Du kan forvente, at vi kontakter dig inden for 7 kalenderdage efter, at du "
                "har fået bevilliget dit forløb.") == [("contact", 7, "kalenderdage", "grant")]
    assert read("Vi kontakter dig inden for en uge efter din henvendelse.") == [
        ("contact", 1, "uger", "application")]
    assert read("For at kunne behandle din klage, skal vi have modtaget den, inden der er gået "
                "fire uger, fra du har modtaget afgørelsen.") == [
        ("complaint", 4, "uger", "decision_received")]
    assert read("Herefter vil leverandøren kontakte dig inden for 2 hverdage med henblik på "
                "opstart af træning senest 3 hverdage herefter.") == [
        ("provider_contact", 2, "hverdage", "application"),
        ("start", 3, "hverdage", "provider_contact")]
    assert read("Et genoptræningsforløb foregår typisk 1 gange om ugen i 8-12 uger.") == []
    assert read("som udgangspunkt maksimalt 6 uger") == []
