"""Local use: `make run`. It serves the application as users meet it (DEBUG off, translated error pages,
static files collected and served by WhiteNoise as in production); a developer asks for Django's DEBUG
pages explicitly with ``CSMA_DEBUG=1`` (or ``DJANGO_DEBUG=1``)."""

from .base import *  # noqa: F403

DEBUG = env.bool("CSMA_DEBUG", default=env.bool("DJANGO_DEBUG", default=False))  # noqa: F405
# Static files as in production (hashed names from collectstatic, served by WhiteNoise); a command that
# renders pages before collectstatic ran (bench/) falls back to the plain names instead of failing.
WHITENOISE_MANIFEST_STRICT = False
