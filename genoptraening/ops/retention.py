"""Deleting conversations and ratings kept longer than the retention period.

``genoptraening purge`` runs :func:`purge_conversations` and :func:`purge_feedback` once; the
web API runs both every ``settings.purge_interval`` seconds while it is up
(:func:`start_schedule` in its lifespan). A conversation goes when its *last* message is older
than ``settings.retention_days``, so an ongoing one is never cut in half.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from genoptraening.ops.conversations import Purged
    from genoptraening.settings import Settings

log = logging.getLogger(__name__)

#: Seconds after the web API starts before the first scheduled purge: soon, but not while
#: the servers are still starting.
FIRST_DELAY = 30.0


def purge_conversations(settings: Settings, days: float, now: float | None = None) -> Purged:
    """Delete the conversations in Rasa's tracker store whose last event is older than ``days``.

    Raises:
        TrackerStoreMissing: When the store does not exist or cannot be reached.

    """
    from genoptraening.ops.conversations import ConversationStore

    return ConversationStore.from_settings(settings).purge(days, now)


def purge_feedback(settings: Settings, days: float, now: float | None = None) -> int:
    """Delete the web API's ratings older than ``days``; return how many.

    A missing feedback file (nothing rated yet) is left missing.
    """
    from genoptraening.ops.feedback import FILE_NAME, FeedbackStore

    path = settings.data_dir / FILE_NAME
    if not path.is_file():
        return 0
    return FeedbackStore(path).purge((time.time() if now is None else now) - days * 86400)


def purge_and_log(settings: Settings) -> None:
    """Purge both stores by ``settings.retention_days``; log the counts, never raise."""
    from genoptraening.ops.conversations import TrackerStoreMissing

    days = settings.retention_days
    try:
        purged = purge_conversations(settings, days)
    except TrackerStoreMissing as exc:
        log.warning("Retention: conversations not purged: %s", exc)
    except Exception:
        log.exception("Retention: purging conversations failed")
    else:
        log.info("Retention: deleted %d conversations (%d events) older than %g days",
                 purged.conversations, purged.events, days)
    try:
        ratings = purge_feedback(settings, days)
    except Exception:
        log.exception("Retention: purging feedback failed")
    else:
        log.info("Retention: deleted %d feedback ratings older than %g days", ratings, days)


async def run_schedule(settings: Settings, interval: float,
                       first_delay: float = FIRST_DELAY) -> None:
    """Purge after ``first_delay`` seconds, then every ``interval`` seconds, until cancelled.

    Each purge runs in a worker thread, so requests are never held up.
    """
    await asyncio.sleep(first_delay)
    while True:
        try:
            await asyncio.to_thread(purge_and_log, settings)
        except Exception:  # purge_and_log catches its own; this guards the loop itself
            log.exception("Retention: scheduled purge failed")
        await asyncio.sleep(interval)


def start_schedule(settings: Settings,
                   first_delay: float | None = None) -> asyncio.Task[None] | None:
    """Start the scheduled purge in the running event loop (None when ``purge_interval`` is 0).

    Args:
        settings: The retention period, the interval and the stores.
        first_delay: Seconds before the first purge (default :data:`FIRST_DELAY`).

    """
    if settings.purge_interval <= 0:
        return None
    delay = FIRST_DELAY if first_delay is None else first_delay
    return asyncio.create_task(run_schedule(settings, settings.purge_interval, delay),
                               name="retention-purge")


async def stop_schedule(task: asyncio.Task[None] | None) -> None:
    """Cancel the scheduled purge and wait until it has stopped.

    A purge already running in its thread finishes its current transaction; nothing is left
    half deleted.
    """
    if task is None:
        return
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
