"""Every Flask extension, created once and unbound; `create_app` binds them.

Flask-Migrate is the exception: it is bound on first use (service/data/migrations.py)."""

from flask_limiter import Limiter
from flask_login import LoginManager
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from service.data.models.base import Base
from service.web.netaddr import rate_limit_key

db = SQLAlchemy(model_class=Base)
csrf = CSRFProtect()
login_manager = LoginManager()
limiter = Limiter(key_func=rate_limit_key, default_limits=[], headers_enabled=True)
