"""Where a place named in a sentence stands: the citizen's home or somewhere else."""

from __future__ import annotations

import pytest

from genoptraening.core.place_in_sentence import elsewhere, lived_in, named_as_place
from genoptraening.core.text import skeleton


def _keys(text: str) -> list[str]:
    return [skeleton(word) for word in text.split()]


def test_a_capitalised_name_after_a_place_word_is_a_place() -> None:
    assert named_as_place("jeg bor lige uden for Ry".split(), 5)
    assert named_as_place("min mor bor i Vejen".split(), 4)
    assert not named_as_place("min mor bor i vejen".split(), 4)


def test_where_the_writer_lives_is_lived_in() -> None:
    assert lived_in(_keys("jeg bor i rebild"), 3)
    assert not lived_in(_keys("mine børn bor i aarhus"), 4)


@pytest.mark.parametrize(("text", "start"), [
    ("jeg kom hjem fra gentofte", 4),
    ("jeg arbejder i aalborg", 3),
    ("en klinik inde i aalborg", 4),
    ("kan han tage træningen i vejle i stedet", 5),
])
def test_a_hospital_a_workplace_a_provider_or_instead_is_elsewhere(text: str, start: int) -> None:
    assert elsewhere(_keys(text), start, start + 1, for_someone=False)


def test_living_somewhere_instead_is_not_elsewhere() -> None:
    assert not elsewhere(_keys("hvis jeg boede i hedensted i stedet"), 4, 5, for_someone=False)
