import os
import subprocess

from tests.conftest import CLI
from tests.genoptraening.core.knowledge.onboarding.scratch import documents, without_hjoerring


def run(knowledge, *args):
    env = {**os.environ, "GENOPTRAENING_KNOWLEDGE_DIR": str(knowledge)}
    return subprocess.run([str(CLI), "kb", *args], capture_output=True, text=True, timeout=120,
                          env=env)


def test_import_review_approve_validate(tmp_path):
    knowledge = without_hjoerring(tmp_path)
    pdf = documents(tmp_path)["pdf"]
    done = run(knowledge, "import", str(pdf), "--kommune", "hjoerring")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Hjørring Kommune: 13 afsnit og" in done.stdout
    assert "kb review hjoerring" in done.stdout
    again = run(knowledge, "import", str(pdf), "--kommune", "Hjørring")
    assert again.returncode == 1 and "Brug --replace" in again.stdout
    listed = run(knowledge, "review", "hjoerring")
    assert listed.returncode == 0
    assert "telefon-1  [udkast]  contact" in listed.stdout
    assert "Telefon: 72 33 58 50 (Træningsenheden), hverdage kl. 8 – 9" in listed.stdout
    assert "tjek: i orden" in listed.stdout
    approved = run(knowledge, "approve", "hjoerring", "telefon-1")
    assert approved.returncode == 0 and "1 faktum(er) godkendt" in approved.stdout
    assert "telefon-1  [godkendt]" in run(knowledge, "review", "hjoerring").stdout
    assert run(knowledge, "validate").returncode == 0


def test_refusals_are_danish_and_exit_1(tmp_path):
    knowledge = without_hjoerring(tmp_path)
    scan = tmp_path / "tom.pdf"
    scan.write_bytes(b"")
    result = run(knowledge, "import", str(scan), "--kommune", "Vejle")
    assert result.returncode == 1 and "er tom" in result.stdout
    assert run(knowledge, "review", "Vejle").stdout.startswith("Vejle Kommune har ingen")
    curated = run(knowledge, "approve", "lejre", "telefon-1")
    assert curated.returncode == 1 and "er ikke importeret" in curated.stdout
