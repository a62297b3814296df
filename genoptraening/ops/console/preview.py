"""The answer a citizen would get from a topic not yet saved: the preview of the edit form."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from genoptraening.core.knowledge.reviewed import effective
from genoptraening.core.render import Answer, answer_topic
from genoptraening.ops.console.topic_file import Place

if TYPE_CHECKING:
    from genoptraening.core.knowledge.loader import KnowledgeBase
    from genoptraening.core.knowledge.schema import Standard
    from genoptraening.core.knowledge.standards import StandardText
    from genoptraening.core.register import Municipality


class _WithStandard:
    """The knowledge base as it is, but for one municipality's standard as edited."""

    def __init__(self, kb: KnowledgeBase, standard: Standard):
        self._kb = kb
        self._standard = effective(standard)  # as the loader reads it: approved facts only

    def standards(self) -> dict[str, Standard]:
        return {**self._kb.standards(), self._standard.slug: self._standard}

    def standard(self, slug: str) -> Standard | None:
        return self.standards().get(slug)

    def text(self, slug: str) -> StandardText | None:
        return self._kb.text(slug)

    @property
    def national(self) -> Standard | None:
        return self._kb.national


def preview(kb: KnowledgeBase, municipality: Municipality, place: Place,
            standard: Standard) -> Answer:
    """Return the topic's answer, as the assistant composes it, from an edited standard."""
    return answer_topic(cast("KnowledgeBase", _WithStandard(kb, standard)), municipality,
                        place.topic, place.law)
