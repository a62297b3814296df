def test_all_98_with_has_standard(client):
    body = client.get("/api/municipalities").json()
    assert len(body) == 98
    on_file = {m["slug"] for m in body if m["has_standard"]}
    assert on_file == {"lejre", "hjoerring", "skanderborg", "rebild", "hedensted"}


def test_one_municipality_with_topics_facts_and_sources(client):
    body = client.get("/api/municipalities/hjoerring").json()
    assert body["official"] == "Hjørring Kommune"
    standard = body["standard"]
    assert standard["approved_on"] == "2024-02-06"
    contact = next(t for t in standard["topics"] if t["topic"] == "contact")
    assert contact["facts"]["phones"][0]["number"] == "72 33 58 50"
    assert contact["sources"][0]["section"] == "Ansøgning"


def test_misspelt_slug_and_no_standard(client):
    assert client.get("/api/municipalities/hjorring").json()["slug"] == "hjoerring"
    body = client.get("/api/municipalities/vejle").json()
    assert body["has_standard"] is False and body["standard"] is None


def test_unknown_municipality_is_404_in_danish(client):
    response = client.get("/api/municipalities/atlantis")
    assert response.status_code == 404
    assert response.json() == {"detail": "Kommunen findes ikke."}
