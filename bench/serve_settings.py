"""P6's gunicorn settings: the project's own, with a URL conf that adds one bare view.

Every API request goes through the same settings, middleware and server as the bare view;
only ROOT_URLCONF differs from sheatufim.settings (bench/serve_urls.py, which includes the
project's URLs unchanged).
"""

from sheatufim.settings import *  # noqa: F403

ROOT_URLCONF = "bench.serve_urls"
