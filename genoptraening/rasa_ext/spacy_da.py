"""The Danish spaCy pipeline: ``da_core_news_sm`` when installed, else a local lookup pipeline.

``da_core_news_sm`` is on none of the package registries these machines reach, and nothing may
download a model at run time. So the default is built from spaCy's own Danish language data —
its tokenizer and stop words plus the lookup lemmatizer tables of ``spacy-lookups-data``
("faldet" → "fald") — and saved once in the data folder, ``var/`` (``make install`` builds it;
loading builds it when missing). Both paths are real code; the log says which one runs.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from genoptraening.settings import get_settings

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

#: The trained Danish pipeline used when it is installed.
PREFERRED_MODEL = "da_core_news_sm"


def local_pipeline_dir() -> Path:
    """Return where the local lookup pipeline lives (per spaCy version, as the format is)."""
    import spacy

    return get_settings().data_dir / f"spacy-da-lookup-{spacy.about.__version__}"


def build_local_pipeline(target: Path | None = None) -> Path:
    """Build the blank Danish pipeline with the lookup lemmatizer and save it to disk.

    Uses only installed packages (spaCy's Danish data and spacy-lookups-data), no network.
    Written to a temporary folder first and moved into place, so a half-built pipeline is never
    loaded.
    """
    import spacy

    target = target or local_pipeline_dir()
    if (target / "config.cfg").is_file():
        return target
    nlp = spacy.blank("da")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()  # loads the lookup tables from spacy-lookups-data into the pipeline
    nlp.meta["name"] = "genoptraening_da_lookup"
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as scratch:
        staging = Path(scratch) / "pipeline"
        nlp.to_disk(staging)
        if not (target / "config.cfg").is_file():
            shutil.rmtree(target, ignore_errors=True)
            staging.rename(target)
    log.info("built the local Danish spaCy pipeline in %s", target)
    return target


def load_danish(preferred: str | None = PREFERRED_MODEL) -> tuple[Language, str]:
    """Load the Danish pipeline: ``preferred`` when installed, else the local lookup pipeline.

    Returns:
        The pipeline and a name that identifies it (used as the model's fingerprint, so a
        switch between the two retrains the assistant).

    """
    import spacy

    if preferred:
        try:
            nlp = spacy.load(preferred, disable=["parser"])
        except OSError:
            log.info("spaCy model %s is not installed; using spaCy's Danish language data "
                     "(tokenizer, stop words, lookup lemmatizer)", preferred)
        else:
            log.info("using the spaCy model %s", preferred)
            return nlp, preferred
    path = build_local_pipeline()
    log.info("using the local Danish spaCy pipeline %s", path)
    return spacy.load(path), f"genoptraening_da_lookup-{spacy.about.__version__}"
