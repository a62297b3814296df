"""What answered a reply, as the staff tools say it (``genoptraening.ops.answered``)."""

from __future__ import annotations

from genoptraening.ops.answered import answered, passages, score

__all__ = ["answered", "passages", "score"]
