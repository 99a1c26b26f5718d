# Clinic Desk's container image: `docker build -t clinic-desk .`, then see docs/deploy.md,
# "Run with containers". BASE_IMAGE may be any Debian-based image with Python 3.11 or later
# and its venv module (python:3.11-slim, or debian:bookworm with python3-venv); both stages
# use it, because the virtual environment points at the base image's interpreter.
ARG BASE_IMAGE=python:3.11-slim

FROM ${BASE_IMAGE} AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1
WORKDIR /src
# The pinned runtime dependencies first, on their own layer: it is rebuilt only when
# pyproject.toml changes. Wheels only, so the build needs no compiler (every pin has wheels for
# CPython 3.11 to 3.13 on x86_64), except feedgen, which is published as pure-Python source
# only and builds without one. The project itself runs from /app, next to its templates.
COPY pyproject.toml ./
RUN python3 -m venv /opt/venv \
    && python3 -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))' > requirements.txt \
    && /opt/venv/bin/pip install --only-binary=:all: --no-binary=feedgen --requirement requirements.txt
COPY config.py wsgi.py gunicorn.conf.py /app/
COPY migrations /app/migrations
COPY templates /app/templates
COPY service /app/service
COPY deploy/container/entrypoint.sh /app/entrypoint.sh
# The compiled message catalogs (.mo) are built here, as `make install` does.
# pip and setuptools are not needed to run and leave the image smaller.
RUN /opt/venv/bin/pybabel compile -d /app/service/translations \
    && chmod 0755 /app/entrypoint.sh \
    && /opt/venv/bin/python -m compileall -q /app/service /app/migrations /app/config.py \
    && /opt/venv/bin/python -m pip uninstall --quiet --yes pip setuptools

FROM ${BASE_IMAGE} AS runtime
LABEL org.opencontainers.image.title="Clinic Desk" \
      org.opencontainers.image.description="Contact inquiries, article comments and one moderation queue for a medical clinic." \
      org.opencontainers.image.licenses="AGPL-3.0-or-later"
RUN groupadd --system --gid 10001 clinicdesk \
    && useradd --system --uid 10001 --gid clinicdesk --home-dir /app --no-create-home \
       --shell /usr/sbin/nologin clinicdesk
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
# instance/ holds a SQLite database when DATABASE_URL names none: the one folder the service
# writes; mount a volume there for SQLite (docs/deploy.md).
RUN mkdir /app/instance && chown clinicdesk:clinicdesk /app/instance
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    APP_ENV=production \
    HOST=0.0.0.0 \
    PORT=8000 \
    MIGRATE_ON_START=1
WORKDIR /app
USER clinicdesk
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["/app/entrypoint.sh", "healthcheck"]
ENTRYPOINT ["/app/entrypoint.sh"]
CMD ["serve"]
