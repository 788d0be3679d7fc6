# csma: one image for web, worker and beat (compose.yaml). Debian 12 + Python 3.11, as the development machines.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=csma.settings.prod CSMA_VAR_DIR=/srv/csma/var CSMA_LOG_FORMAT=json

# CJK fonts for PDFs and gettext for the zh-Hant catalogue; PostgreSQL client for backups.
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-arphic-uming fonts-arphic-ukai gettext postgresql-client \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --create-home --home-dir /srv/csma csma

WORKDIR /srv/csma/app
COPY requirements.txt ./
RUN python -m venv /srv/csma/venv && /srv/csma/venv/bin/pip install --no-cache-dir -r requirements.txt
ENV PATH=/srv/csma/venv/bin:$PATH

COPY . .
# Static files and translations are built into the image; a throw-away key only for these two commands.
RUN DJANGO_SECRET_KEY=build-only python manage.py compilemessages --ignore=.venv -v 0 \
 && DJANGO_SECRET_KEY=build-only python manage.py collectstatic --no-input -v 0 \
 && mkdir -p /srv/csma/var/private && chown -R csma:csma /srv/csma/var

USER csma
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request,sys; \
sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz?scope=web').status != 200)"
CMD ["gunicorn", "csma.wsgi", "--config", "deploy/gunicorn.conf.py", "--bind", "0.0.0.0:8000"]
