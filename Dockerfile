# The bot as a container: slim Python, a non-root user, exec-form CMD so SIGTERM reaches
# the bot (it finishes the updates in hand), and a health check on /healthz.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# pg_dump for `python -m bot backup` (the client matches the compose file's postgres:15).
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 10001 --user-group dvk \
    && mkdir -p /data/files /backups \
    && chown dvk:dvk /data /data/files /backups

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY storage ./storage
COPY scheduler ./scheduler
RUN pip install . && rm -rf /app/build

USER dvk
ENV FILES_DIR=/data/files \
    BACKUP_DIR=/backups \
    WEBHOOK_HOST=0.0.0.0 \
    WEBHOOK_PORT=8080 \
    LOG_FORMAT=json
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('WEBHOOK_PORT', '8080'), timeout=4)"]
CMD ["python", "-m", "bot"]
