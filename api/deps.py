"""Dependencies of the routes, as ``Annotated`` aliases."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated

from fastapi import Depends

from api.rasa_client import RasaClient
from genoptraening.feedback import FeedbackStore
from genoptraening.knowledge.loader import KnowledgeBase, get_knowledge_base
from genoptraening.register import Register, get_register
from genoptraening.settings import Settings, get_settings


def _rasa_client() -> RasaClient:
    return _rasa_client_for(tuple(get_settings().rasa_urls), get_settings().chat_timeout)


@lru_cache(maxsize=4)
def _rasa_client_for(urls: tuple[str, ...], timeout: float) -> RasaClient:
    return RasaClient(urls, timeout)


@lru_cache(maxsize=4)
def _feedback_for(path: str) -> FeedbackStore:
    return FeedbackStore(Path(path))


def _feedback() -> FeedbackStore:
    return _feedback_for(str(get_settings().data_dir / "feedback.db"))


SettingsDep = Annotated[Settings, Depends(get_settings)]
KnowledgeDep = Annotated[KnowledgeBase, Depends(get_knowledge_base)]
RegisterDep = Annotated[Register, Depends(get_register)]
RasaDep = Annotated[RasaClient, Depends(_rasa_client)]
FeedbackDep = Annotated[FeedbackStore, Depends(_feedback)]
