"""The project: settings, URLs, the Celery app, WSGI and the middleware that serve the apps
`recruitment` (applicants) and `trials` (the catalog)."""

from config.celery import app as celery_app

__all__ = ("celery_app",)
