"""Rasa components for Danish (referenced by their module path in ``bot/config.yml``)."""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP

from genoptraening.core.privacy import CPR_MASK
from genoptraening.rasa_ext.spacy_da import PREFERRED_MODEL, load_danish

# Importing this module changes nothing in Rasa: the patches (speed-ups, action timeout) are
# installed by the launcher, genoptraening.rasa_ext.launch, before Rasa starts.


@DefaultV1Recipe.register(
    [
        DefaultV1Recipe.ComponentType.MODEL_LOADER,
        DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER,
    ],
    is_trainable=False,
    model_from="DanishSpacyNLP",
)
class DanishSpacyNLP(SpacyNLP):
    """Rasa's ``SpacyNLP`` with Danish model resolution (see ``genoptraening.rasa_ext.spacy_da``).

    ``model`` names the preferred spaCy model; when it is not installed the local Danish
    lookup pipeline is used. ``SpacyTokenizer`` accepts this component as its ``SpacyNLP``.

    The mask of a CPR number ("[CPR]", put there by the REST channel) is read as blanks of the
    same length: it gives no tokens, so it neither sways the intent (the word "cpr" leans
    towards ``ask_privacy``) nor moves the offsets of the other tokens and entities. The
    message text itself keeps the mask, and the dialogue warns about it.
    """

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Return the default config: prefer ``da_core_news_sm``, case-insensitive."""
        return {"case_sensitive": False, "model": PREFERRED_MODEL}

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> DanishSpacyNLP:
        """Load the Danish pipeline and wrap it for Rasa."""
        merged = {**cls.get_default_config(), **config}
        language, name = load_danish(merged.get("model"))
        model = SpacyModel(model=language, model_name=name)
        cls.ensure_proper_language_model(model.model)
        return cls(model, merged)

    def _preprocess_text(self, text: str | None) -> str:
        """Blank out masked CPR numbers, then lower-case as ``SpacyNLP`` does."""
        if text:
            text = text.replace(CPR_MASK, " " * len(CPR_MASK))
        return super()._preprocess_text(text)
