"""``has_standard`` follows the knowledge folder: an imported municipality without a restart."""

from genoptraening.core.register import KnowledgeSlugs, load_register
from tests.conftest import KNOWLEDGE


def test_a_new_knowledge_file_turns_has_standard_on(tmp_path, monkeypatch):
    slugs = KnowledgeSlugs(tmp_path)
    (tmp_path / "lejre.yml").write_text("x")
    register = load_register(with_standard=frozenset())
    register._on_file = slugs  # the default register follows settings.knowledge_dir
    assert [m.slug for m in register.with_standard()] == ["lejre"]
    assert register.by_slug("vejle").has_standard is False
    (tmp_path / "vejle.yml").write_text("x")
    assert register.by_slug("vejle").has_standard is True
    assert register.lookup("Vejle").has_standard is True
    assert {m.slug for m in register.municipalities if m.has_standard} == {"lejre", "vejle"}


def test_the_default_register_follows_the_knowledge_folder():
    register = load_register()
    on_file = {p.stem for p in KNOWLEDGE.glob("*.yml")}
    assert {m.slug for m in register.with_standard()} == on_file - {"national"}
