"""Settings for benchmarks: the production settings plus two bare baseline views, served by the
same gunicorn in the same run so that their ratio cancels out the machine's speed."""

from config.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405
ROOT_URLCONF = "bench.urls"
