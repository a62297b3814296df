# Genoptræningsguiden: one image for the three processes (Rasa, actions, web API).
# The model is trained at build time, so a container starts serving at once.
FROM python:3.10-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    TF_CPP_MIN_LOG_LEVEL=2 \
    RASA_TELEMETRY_ENABLED=false \
    SQLALCHEMY_SILENCE_UBER_WARNING=1

RUN useradd --create-home --uid 10001 app
WORKDIR /app

# Dependencies first, so code changes do not reinstall them.
COPY pyproject.toml README.md ./
COPY genoptraening/__init__.py genoptraening/__init__.py
RUN pip install -e . && rm -rf /root/.cache

COPY genoptraening genoptraening
COPY actions actions
COPY api api
COPY bot bot
COPY data data
COPY knowledge knowledge

# The local Danish spaCy pipeline (no download) and the trained model.
RUN python -c 'from genoptraening.rasa_ext.spacy_da import build_local_pipeline; build_local_pipeline()' \
    && rasa train --config bot/config.yml --domain bot/domain --data data --out models \
    && mkdir -p var && chown -R app:app var models

USER 10001
EXPOSE 5005 5055 8000
# docker-compose.yml runs each process in its own container; alone, the image runs them all.
CMD ["genoptraening", "run"]
