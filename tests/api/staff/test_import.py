"""The Import pages over HTTP: who may approve, correct, reject and upload; the quote marked;
validation beside the field; the CLI's messages for files that cannot be imported."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml

from genoptraening.core.knowledge.onboarding.importer import import_standard
from genoptraening.core.register import get_register
from genoptraening.ops.console import audit
from tests.api.staff.conftest import csrf_of
from tests.genoptraening.core.knowledge.onboarding.scratch import HJOERRING_SEED

PAGE = "/staff/import/hjoerring"


@pytest.fixture
def hjoerring(staff) -> Path:
    """Hjørring as a newly imported municipality in the console's knowledge folder."""
    (staff.knowledge_dir / "hjoerring.yml").unlink()
    (staff.knowledge_dir / "standards" / "hjoerring.md").unlink()
    import_standard(HJOERRING_SEED, "hjoerring", staff.knowledge_dir, get_register())
    return staff.knowledge_dir / "hjoerring.yml"


def statuses(path: Path) -> dict[str, str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {d["id"]: d.get("status", "draft") for d in data["drafts"]}


def test_the_page_marks_each_quote_in_the_standards_text(staff, hjoerring):
    staff.login("rita")
    page = staff.client.get(PAGE)
    assert page.status_code == 200
    assert "<mark>Borgere og pårørende kan henvende sig om træning" in page.text
    assert "Tjek: i orden" in page.text
    assert "ikke godkende dem" in page.text and "/godkend" not in page.text  # a reader


@pytest.mark.parametrize("who", ["lene", "rita"])
def test_an_editor_of_another_municipality_or_a_reader_gets_403_and_nothing_is_written(
        staff, hjoerring, who):
    before = hjoerring.read_bytes()
    csrf = staff.login(who)
    for path, data in ((f"{PAGE}/godkend", {"fakta": "telefon-1"}),
                       (f"{PAGE}/afvis", {"fakta": "frist-1"}),
                       (f"{PAGE}/ret/telefon-1", {"phones-0-number": "72 33 58 50"})):
        response = staff.client.post(path, data={"csrf": csrf, **data})
        assert response.status_code == 403
        assert "Du har ikke adgang" in response.text
    assert hjoerring.read_bytes() == before
    refused = [e for e in audit.recent(staff.db) if e.action == "forbidden"]
    assert len(refused) == 3 and refused[0].municipality == "hjoerring"


def test_the_editor_approves_rejects_and_approves_every_clean_draft(staff, hjoerring):
    csrf = staff.login("hans")
    response = staff.client.post(f"{PAGE}/godkend", data={"csrf": csrf, "fakta": "telefon-1"},
                                 follow_redirects=False)
    assert response.status_code == 303
    assert statuses(hjoerring)["telefon-1"] == "approved"
    page = staff.client.post(f"{PAGE}/afvis", data={"csrf": csrf, "fakta": "frist-3"})
    assert "1 faktum(er) afvist: frist-3." in page.text
    page = staff.client.post(f"{PAGE}/godkend", data={"csrf": csrf})
    assert "godkendt" in page.text
    assert set(statuses(hjoerring).values()) == {"approved", "rejected"}
    actions = [e.action for e in audit.recent(staff.db)]
    assert actions.count("draft_approved") == 2 and "draft_rejected" in actions


def test_a_correction_is_checked_before_anything_is_written(staff, hjoerring):
    before = hjoerring.read_bytes()
    csrf = staff.login("anna")
    page = staff.client.post(f"{PAGE}/ret/telefon-1", data={
        "csrf": csrf, "phones-0-number": "72335850", "phones-0-label": "Træningsenheden"})
    assert page.status_code == 422
    assert 'id="e-telefon-1-phones-0-number"' in page.text and "dansk 8-cifret" in page.text
    page = staff.client.post(f"{PAGE}/ret/telefon-1", data={
        "csrf": csrf, "phones-0-number": "11 22 33 44"})
    assert page.status_code == 422 and "Citatet indeholder ikke den værdi" in page.text
    page = staff.client.post(f"{PAGE}/ret/frist-1", data={
        "csrf": csrf, "deadlines-0-kind": "start", "deadlines-0-number": "fire",
        "deadlines-0-unit": "uger", "deadlines-0-from_event": "visitation",
        "deadlines-0-text": "x"})
    assert page.status_code == 422 and "Skriv et helt tal" in page.text
    assert hjoerring.read_bytes() == before


def test_a_correction_is_saved_approved_and_logged(staff, hjoerring):
    csrf = staff.login("hans")
    response = staff.client.post(f"{PAGE}/ret/telefon-1", data={
        "csrf": csrf, "phones-0-number": "72 33 58 50",
        "phones-0-label": "Træningsenheden i Hjørring", "phones-0-hours": "hverdage kl. 8 – 9"},
        follow_redirects=False)
    assert response.status_code == 303
    drafts = {d["id"]: d for d in yaml.safe_load(hjoerring.read_text("utf-8"))["drafts"]}
    assert drafts["telefon-1"]["phone"]["label"] == "Træningsenheden i Hjørring"
    assert drafts["telefon-1"]["status"] == "approved"
    assert drafts["email-1"]["status"] == "draft"  # the others untouched
    entry = audit.recent(staff.db)[0]
    assert (entry.action, entry.target, entry.actor) == ("draft_corrected", "telefon-1", "hans")


def upload(staff, csrf: str, name: str, body: bytes, kommune: str = "hjoerring",
           replace: bool = False):
    data = {"csrf": csrf, "kommune": kommune, **({"erstat": "ja"} if replace else {})}
    return staff.client.post("/staff/import", data=data,
                             files={"fil": (name, io.BytesIO(body), "application/octet-stream")})


def test_uploads_get_the_same_messages_as_the_cli(staff, hjoerring):
    csrf = staff.login("hans")
    page = upload(staff, csrf, "standard.txt", HJOERRING_SEED.read_bytes())
    assert page.status_code == 422 and "har allerede filer i vidensbasen" in page.text
    assert "sæt flueben ved »Erstat" in page.text
    page = upload(staff, csrf, "tom.txt", b"", replace=True)
    assert page.status_code == 422 and "Filen tom.txt er tom" in page.text
    page = upload(staff, csrf, "noter.txt", "Referat fra mødet om budgettet.".encode(),
                  replace=True)
    assert "ligner ikke en kvalitetsstandard" in page.text
    page = upload(staff, csrf, "gammel.doc", b"\xd0\xcf\x11\xe0 not a document", replace=True)
    assert "ikke en PDF, en Word-fil (.docx) eller en tekstfil" in page.text
    page = upload(staff, csrf, "rebild.txt", HJOERRING_SEED.read_bytes(), "rebild", True)
    assert "skrevet i hånden" in page.text  # a curated standard is never replaced from here
    assert "drafts" not in (staff.knowledge_dir / "rebild.yml").read_text("utf-8")
    staff.logout()
    page = upload(staff, staff.login("anna"), "vejle.txt", HJOERRING_SEED.read_bytes(), "vejle")
    assert "ser ud til at være fra Hjørring Kommune" in page.text
    assert not (staff.knowledge_dir / "vejle.yml").exists()


def test_a_scanned_pdf_is_refused(staff, hjoerring):
    from pypdf import PdfWriter

    writer, out = PdfWriter(), io.BytesIO()
    writer.add_blank_page(595, 842)
    writer.write(out)
    page = upload(staff, staff.login("anna"), "scan.pdf", out.getvalue(), replace=True)
    assert page.status_code == 422 and "scannet PDF uden tekst" in page.text


def test_an_upload_replaces_an_imported_standard_keeping_its_reviews(staff, hjoerring):
    csrf = staff.login("hans")
    staff.client.post(f"{PAGE}/godkend", data={"csrf": csrf, "fakta": "telefon-1"})
    response = upload(staff, csrf, "ny-standard.txt", HJOERRING_SEED.read_bytes(), replace=True)
    assert response.status_code == 200 and "faktaudkast importeret" in response.text
    assert statuses(hjoerring)["telefon-1"] == "approved"
    assert audit.recent(staff.db)[0].action == "standard_imported"


def test_only_an_editor_of_the_municipality_or_an_admin_uploads(staff, hjoerring):
    before = hjoerring.read_bytes()
    for who in ("lene", "rita"):
        staff.logout()
        page = upload(staff, staff.login(who), "s.txt", HJOERRING_SEED.read_bytes(),
                      replace=True)
        assert page.status_code == 403
    assert hjoerring.read_bytes() == before
    assert 'name="fil"' not in staff.client.get("/staff/import").text  # a reader: no form


def test_a_file_over_the_limit_is_refused_before_it_is_read(staff, hjoerring):
    from genoptraening.api.routes.staff.imports import UPLOAD_LIMIT

    csrf = csrf_of(staff.client.get("/staff/login").text)
    response = staff.client.post("/staff/import", content=b"x" * (UPLOAD_LIMIT + 1),
                                 headers={"content-type": "multipart/form-data; boundary=x"},
                                 data=None) if csrf else None
    assert response is not None and response.status_code == 413
    assert "for stor" in response.text and "Største størrelse er 25 MB" in response.text
