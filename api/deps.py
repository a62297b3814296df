"""Dependencies of the routes, as ``Annotated`` aliases."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated

from fastapi import Depends

from genoptraening.core.knowledge.loader import KnowledgeBase, get_knowledge_base
from genoptraening.core.register import Register, get_register
from genoptraening.ops.feedback import FILE_NAME, FeedbackStore
from genoptraening.settings import Settings, get_settings

from .rasa_client import RasaClient

# The dependencies are coroutines: FastAPI runs plain functions in a thread pool, a hop per
# dependency per request that showed in the load profile. Each returns a process-wide object
# (loaded at start-up by ``warm_up``), so nothing here blocks the event loop.


async def _rasa_client() -> RasaClient:
    return _rasa_client_for(tuple(get_settings().rasa_urls), get_settings().chat_timeout)


@lru_cache(maxsize=4)
def _rasa_client_for(urls: tuple[str, ...], timeout: float) -> RasaClient:
    return RasaClient(urls, timeout)


@lru_cache(maxsize=4)
def _feedback_for(path: str) -> FeedbackStore:
    return FeedbackStore(Path(path))


async def _feedback() -> FeedbackStore:
    return _feedback_for(str(get_settings().data_dir / FILE_NAME))


async def _settings() -> Settings:
    return get_settings()


async def _knowledge() -> KnowledgeBase:
    return get_knowledge_base()


async def _register() -> Register:
    return get_register()


def warm_up() -> None:
    """Load the knowledge base and the register (seconds of work), before the first citizen."""
    get_knowledge_base().is_ready()
    get_register()


SettingsDep = Annotated[Settings, Depends(_settings)]
KnowledgeDep = Annotated[KnowledgeBase, Depends(_knowledge)]
RegisterDep = Annotated[Register, Depends(_register)]
RasaDep = Annotated[RasaClient, Depends(_rasa_client)]
FeedbackDep = Annotated[FeedbackStore, Depends(_feedback)]
