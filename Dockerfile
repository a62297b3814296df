# Genoptræningsguiden: one image for the three processes (Rasa, actions, web API).
# The model is trained at build time, so a container starts serving at once.

# The package is built as a wheel in a stage of its own and installed like any package: the
# image holds no source tree that could shadow the installed genoptraening.
FROM python:3.10-slim AS wheel
WORKDIR /src
COPY pyproject.toml README.md ./
COPY genoptraening genoptraening
COPY actions actions
COPY api api
COPY bot bot
COPY data data
COPY knowledge knowledge
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /wheels .

FROM python:3.10-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    TF_CPP_MIN_LOG_LEVEL=2 \
    RASA_TELEMETRY_ENABLED=false \
    SQLALCHEMY_SILENCE_UBER_WARNING=1 \
    GENOPTRAENING_HOME=/app

RUN useradd --create-home --uid 10001 app
# The assistant's folder (GENOPTRAENING_HOME): bot/, data/, knowledge/, models/, var/.
WORKDIR /app

# Dependencies first, read from pyproject.toml alone, so code changes do not reinstall them.
COPY pyproject.toml ./
RUN pip install tomli==2.0.1 \
    && python -c 'import tomli; print("\n".join(tomli.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))' > /tmp/requirements.txt \
    && pip install --requirement /tmp/requirements.txt \
    && rm -rf /root/.cache /tmp/requirements.txt pyproject.toml

# The package itself (non-editable), then the content the assistant is trained and run from.
COPY --from=wheel /wheels /wheels
RUN pip install --no-deps /wheels/*.whl && rm -rf /wheels /root/.cache

COPY bot bot
COPY data data
COPY knowledge knowledge

# The local Danish spaCy pipeline (no download) and the trained model.
RUN python -c 'from genoptraening.rasa_ext.spacy_da import build_local_pipeline; build_local_pipeline()' \
    && python -m genoptraening.rasa_ext.launch train \
        --config bot/config.yml --domain bot/domain --data data --out models \
    && mkdir -p var && chown -R app:app var models \
    # The staff console saves edits of the knowledge files (a volume in docker-compose.yml).
    && chown -R app:app knowledge

USER 10001
EXPOSE 5005 5055 8000
# docker-compose.yml runs each process in its own container; alone, the image runs them all.
CMD ["genoptraening", "run"]
