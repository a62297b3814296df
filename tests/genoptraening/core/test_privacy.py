"""CPR numbers: found in every written form, masked, never mistaken for phone numbers or dates."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from genoptraening.core.privacy import CPR, find_cpr, has_masked_cpr, mask_cpr, mentions_cpr


@pytest.mark.parametrize("text,masked", [
    ("mit cpr er 010203-1234", "mit cpr er [CPR]"),
    ("cpr: 0102031234.", "cpr: [CPR]."),
    ("010203 1234 er min mors", "[CPR] er min mors"),
    ("hun har 31 12 45-1234", "hun har [CPR]"),
    ("01.02.43-1234", "[CPR]"),
    ("(311299–1234)", "([CPR])"),  # en dash from a phone keyboard
    ("to numre: 010203-1234 og 020304-5678", "to numre: [CPR] og [CPR]"),
])
def test_cpr_is_found_and_masked(text, masked):
    assert find_cpr(text)
    assert mask_cpr(text) == masked


@pytest.mark.parametrize("text", [
    "ring på 92 43 43 48", "92434348", "+45 92 43 43 48", "+4592434348", "4592434348",
    "den 03.11.2026", "03.11.2026 kl. 10", "320203-1234", "011303-1234", "000203-1234",
    "01020312345", "1010203-1234", "010203-123", "jeg er 82 år", "",
])
def test_not_cpr(text):
    assert not find_cpr(text)
    assert mask_cpr(text) == text


@pytest.mark.parametrize("text,expected", [
    ("mit cpr er [CPR]", True), ("[CPR]", True), ("mit cpr er 010203-1234", False),
    ("cpr", False), ("", False), (None, False),
])
def test_masked_cpr_is_noticed(text, expected):
    assert has_masked_cpr(text) is expected
    assert mentions_cpr(text) is (expected or find_cpr(text))
    assert mentions_cpr(mask_cpr(text)) is mentions_cpr(text)



@settings(deadline=None, max_examples=300)
@given(st.text() | st.text(alphabet="æøåÆØÅ aeoikn.,!?-0123456789\n", max_size=300))
def test_masking_never_raises_and_leaves_no_number(text):
    assert isinstance(find_cpr(text), bool)
    masked = mask_cpr(text)
    assert not find_cpr(masked)
    assert masked == text or "[CPR]" in masked


@pytest.mark.parametrize("value", [None, 42, b"010203-1234", ["min mor"], "x" * 50_000])
def test_accepts_anything(value):
    assert find_cpr(value) is False
    assert mask_cpr(value) == (value if isinstance(value, str) else "")


@settings(deadline=None)
@given(st.integers(1, 31), st.integers(1, 12), st.integers(0, 99), st.integers(0, 9999),
       st.sampled_from(["-", "", " "]), st.text(alphabet="abc æøå,.", max_size=20))
def test_every_valid_cpr_is_masked(day, month, year, serial, sep, prefix):
    number = f"{day:02}{month:02}{year:02}{sep}{serial:04}"
    assert CPR.fullmatch(number)
    masked = mask_cpr(f"{prefix} {number} tak")
    assert number not in masked and "[CPR]" in masked
