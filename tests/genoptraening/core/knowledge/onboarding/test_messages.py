"""Every staff message the code asks for is in knowledge/phrases/onboarding.yml, and used."""

import re

from genoptraening.core.knowledge.onboarding.messages import messages
from genoptraening.settings import CHECKOUT

SOURCES = [*(CHECKOUT / "genoptraening").rglob("*.py")]
_USES = re.compile(r"""(?:ImportRefused|say)\(\s*["']([a-z_]+)["']\s*[,)]""")


def test_keys_used_and_present():
    used = {key for path in SOURCES for key in _USES.findall(path.read_text(encoding="utf-8"))}
    used |= {"status_draft", "status_approved", "status_rejected"}  # say("status_" + status)
    assert used - set(messages()) == set()
    assert set(messages()) - used == set()
