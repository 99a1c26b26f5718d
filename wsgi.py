"""The WSGI entry point: `gunicorn wsgi:app` and `flask --app wsgi ...`."""

import sys

from config import ConfigError
from service import create_app

try:
    app = create_app()
except ConfigError as error:  # a one-line message, not a traceback, for a missing setting
    sys.exit(f"Error: {error}")
