"""Celery application (Celery docs, "First steps with Django")."""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "csma.settings.dev")

app = Celery("csma")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
