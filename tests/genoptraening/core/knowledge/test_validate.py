import subprocess
import textwrap

import pytest
import yaml

from genoptraening.core.knowledge.seeds import normalise
from genoptraening.core.knowledge.validate import validate_dir
from tests.conftest import CLI, KNOWLEDGE, SEEDS


def run_validate(knowledge_dir, seeds_dir=SEEDS):
    return subprocess.run(
        [str(CLI), "kb", "validate",
         "--knowledge-dir", str(knowledge_dir), "--seeds-dir", str(seeds_dir)],
        capture_output=True, text=True, timeout=120,
    )


def edit(path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_seeds_are_present():
    assert SEEDS.is_dir(), f"the seed documents must be beside the repository: {SEEDS}"


def test_the_real_knowledge_files_are_clean():
    report = validate_dir(KNOWLEDGE, SEEDS)
    assert report.quotes_checked
    assert report.problems == []
    assert report.files == 6


def test_cli_reports_ok_with_exit_0():
    result = run_validate(KNOWLEDGE)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK: 6 fil(er) i orden (citater tjekket mod kilderne)" in result.stdout


def test_missing_seeds_folder_is_said_plainly(tmp_path):
    result = run_validate(KNOWLEDGE, tmp_path / "nowhere")
    assert result.returncode == 0
    assert "citaterne er ikke tjekket" in result.stdout


BROKEN = [
    (
        "missing source",
        lambda d: d["topics"]["cost"].__setitem__("sources", []),
        "lejre.yml: topics.cost.sources: mangler kilde",
    ),
    (
        "unknown topic",
        lambda d: d["topics"].__setitem__("parkering", d["topics"]["cost"]),
        "lejre.yml: topics.parkering: ukendt emne 'parkering'",
    ),
    (
        "deadline without unit",
        lambda d: d["topics"]["deadlines"]["facts"]["deadlines"][0].pop("unit"),
        "lejre.yml: topics.deadlines.facts.deadlines[0].unit: frist uden enhed",
    ),
    (
        "phone number not Danish",
        lambda d: d["topics"]["contact"]["facts"]["phones"][0].__setitem__("number", "9243 4348"),
        "lejre.yml: topics.contact.facts.phones[0].number: telefonnummer '9243 4348' er ikke et "
        "dansk 8-cifret nummer",
    ),
    (
        "quote not in the seed",
        lambda d: d["topics"]["cost"]["sources"][0].__setitem__("quote", "koster 500 kr. pr. gang"),
        "lejre.yml: topics.cost.sources[0]: citatet findes ikke i 000_fcbf1760aa121c15.txt: "
        "'koster 500 kr. pr. gang'",
    ),
    (
        "section not in the seed",
        lambda d: d["topics"]["cost"]["sources"][0].__setitem__("section", "99. Priser"),
        "lejre.yml: topics.cost.sources[0]: afsnitsoverskriften findes ikke",
    ),
    (
        "unknown law",
        lambda d: d["by_law"].__setitem__("sel_85", {}),
        "lejre.yml: by_law.sel_85: ukendt lov 'sel_85'",
    ),
    (
        "unknown field",
        lambda d: d["topics"]["cost"].__setitem__("pris", 0),
        "lejre.yml: topics.cost.pris: ukendt felt",
    ),
    (
        "wrong slug",
        lambda d: d.__setitem__("slug", "roskilde"),
        "lejre.yml: slug: slug 'roskilde' passer ikke til filnavnet",
    ),
]


@pytest.mark.parametrize("name,change,message", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_file_is_reported_with_file_path_and_reason(knowledge_copy, name, change, message):
    edit(knowledge_copy / "lejre.yml", change)
    result = run_validate(knowledge_copy)
    assert result.returncode == 1
    assert message in result.stdout, result.stdout
    assert "problem(er)" in result.stdout


def test_invalid_yaml_is_reported(knowledge_copy):
    (knowledge_copy / "rebild.yml").write_text("municipality: [unclosed\n", encoding="utf-8")
    result = run_validate(knowledge_copy)
    assert result.returncode == 1
    assert "FEJL rebild.yml: ikke gyldig YAML" in result.stdout


def test_missing_national_file_is_reported(knowledge_copy):
    (knowledge_copy / "national.yml").unlink()
    result = run_validate(knowledge_copy)
    assert result.returncode == 1
    assert "national.yml: filen med de generelle regler mangler" in result.stdout


def test_file_for_a_non_municipality_is_reported(knowledge_copy):
    text = (knowledge_copy / "lejre.yml").read_text(encoding="utf-8")
    (knowledge_copy / "atlantis.yml").write_text(
        text.replace("slug: lejre", "slug: atlantis"), encoding="utf-8"
    )
    result = run_validate(knowledge_copy)
    assert result.returncode == 1
    assert "atlantis.yml: slug: 'atlantis' er ikke en kommunes slug" in result.stdout


def test_normalise_joins_line_end_hyphens_and_keeps_real_ones():
    raw = textwrap.dedent("""\
        vedlige-

        holdende træning for ergo- og fy-
        sioterapeuter, Lejre Kom-
        mune""")
    assert normalise(raw) == "vedligeholdende træning for ergo- og fysioterapeuter, Lejre Kommune"


# --- the standards as text (knowledge/standards/<slug>.md) ----------------------------------


def reasons(knowledge_dir, seeds_dir=SEEDS):
    return [str(p) for p in validate_dir(knowledge_dir, seeds_dir).problems]


def test_the_texts_are_checked_and_counted_apart_from_the_knowledge_files():
    report = validate_dir(KNOWLEDGE, SEEDS)
    assert (report.files, report.texts) == (6, 5)


def test_a_cited_section_that_is_not_a_heading_is_reported(knowledge_copy):
    # "3. Genoptræning" stands in the seed (inside a longer heading), but is no heading.
    edit(knowledge_copy / "lejre.yml",
         lambda d: d["topics"]["content"]["sources"][0].__setitem__("section", "3. Genoptræning"))
    assert "lejre.yml: topics.content.sources[0]: afsnittet '3. Genoptræning' er ikke en " \
        "overskrift i standards/lejre.md" in reasons(knowledge_copy)


def test_a_quote_outside_its_section_is_reported(knowledge_copy):
    section = "9. Transport til genoptræning eller træning"
    edit(knowledge_copy / "lejre.yml",
         lambda d: d["topics"]["cost"]["sources"][0].__setitem__("section", section))
    assert f"lejre.yml: topics.cost.sources[0]: citatet står ikke i afsnittet {section!r} i " \
        "standards/lejre.md: 'er gratis for dig, når du er visiteret til det'" \
        in reasons(knowledge_copy)


def test_a_text_that_differs_from_its_seed_is_reported(knowledge_copy):
    path = knowledge_copy / "standards" / "lejre.md"
    path.write_text(path.read_text(encoding="utf-8").replace("41 kr.", "45 kr."), encoding="utf-8")
    found = [r for r in reasons(knowledge_copy) if r.startswith("standards/lejre.md: ")]
    assert len(found) == 1
    assert "teksten afviger fra kilden i afsnittet '9. Transport til genoptræning eller " \
        "træning'" in found[0]
    assert "45 kr." in found[0] and "(kilde: 000_fcbf1760aa121c15.txt)" in found[0]
    # Without the seeds the text is not compared, but the sections still are.
    assert not [r for r in reasons(knowledge_copy, knowledge_copy / "no-seeds")
                if r.startswith("standards/lejre.md")]


def test_a_broken_text_is_reported_by_the_command(knowledge_copy):
    path = knowledge_copy / "standards" / "rebild.md"
    path.write_text(path.read_text(encoding="utf-8").replace("## Kriterier", "### Kriterier", 1),
                    encoding="utf-8")
    result = run_validate(knowledge_copy)
    assert result.returncode == 1
    assert "FEJL standards/rebild.md: linje 12: kun overskrifter på formen '## Overskrift'" \
        in result.stdout, result.stdout


def test_a_text_and_a_knowledge_file_must_come_in_pairs(knowledge_copy):
    texts = knowledge_copy / "standards"
    (texts / "hedensted.md").unlink()
    (texts / "roskilde.md").write_text(
        (texts / "lejre.md").read_text(encoding="utf-8").replace("slug: lejre", "slug: roskilde"),
        encoding="utf-8",
    )
    found = reasons(knowledge_copy)
    assert "hedensted.yml: teksten standards/hedensted.md mangler" in found
    assert "standards/roskilde.md: slug: der findes ingen videnfil roskilde.yml til teksten" \
        in found


def test_a_text_must_name_the_seed_of_its_knowledge_file(knowledge_copy):
    path = knowledge_copy / "standards" / "lejre.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "seed_file: 000_fcbf1760aa121c15.txt", "seed_file: 001_f4a1c6cfc55bc51b.txt"),
        encoding="utf-8")
    found = reasons(knowledge_copy)
    assert "standards/lejre.md: seed_file: '001_f4a1c6cfc55bc51b.txt' er ikke lejre.yml's " \
        "seed_file '000_fcbf1760aa121c15.txt'" in found
