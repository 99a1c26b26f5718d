"""Clinic Desk: contact inquiries, article comments and one moderation queue."""

from __future__ import annotations

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from config import Config, load_config

__version__ = "0.1.0"


def create_app(config: type[Config] | Config | None = None) -> Flask:
    """Build the application; `config` overrides the class chosen by `APP_ENV`."""
    from service.web.application import ClinicDeskFlask

    app = ClinicDeskFlask(
        __name__,
        template_folder="../templates",
        static_folder="static",
        instance_relative_config=True,
    )
    settings = load_config(config, app.instance_path)
    app.config.from_mapping(settings.as_dict())
    register_logging(app)
    register_proxies(app)
    register_extensions(app)
    register_blueprints(app)
    register_error_handlers(app)
    register_request_hooks(app)
    register_template_helpers(app)
    register_commands(app)
    register_cached_reads(app)
    return app


def register_cached_reads(app: Flask) -> None:
    from service.comments import fastread

    if app.config["FAST_THREAD_READS"]:
        fastread.install(app)


def register_logging(app: Flask) -> None:
    from service.web.requestlog import configure_logging

    configure_logging(app)


def register_proxies(app: Flask) -> None:
    hops = app.config["TRUSTED_PROXIES"]
    if hops > 0:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=0, x_port=0, x_prefix=0
        )


def register_extensions(app: Flask) -> None:
    from service.data import fastpaths
    from service.data.crypto import Keyring
    from service.data.database import configure_sqlite
    from service.data.extensions import csrf, db, limiter, login_manager
    from service.data.migrations import install_migrations

    app.extensions["clinic_desk_keyring"] = Keyring(
        app.config["DATA_KEY"], app.config["DATA_KEYS_PREVIOUS"]
    )
    db.init_app(app)
    fastpaths.configure(app.config["FAST_DRIVER_STATEMENTS"])
    with app.app_context():
        configure_sqlite(db.engine)
    install_migrations(app)
    csrf.init_app(app)
    login_manager.init_app(app)
    import service.moderation.login  # noqa: F401  (registers the user loader)

    limiter.init_app(app)
    from service.web.i18n import init_babel

    init_babel(app)
    from service.comments import threadcache

    threadcache.install()
    app.extensions["thread_cache"] = threadcache.ThreadCache()


def register_blueprints(app: Flask) -> None:
    from service.comments.threadkeys import ThreadKeyConverter

    # Before any route uses it: thread keys keep their slashes, even doubled ones.
    app.url_map.converters["thread_key"] = ThreadKeyConverter
    import service.api.comments  # attaches its routes
    import service.api.inquiries  # attaches its routes
    import service.api.moderation  # attaches its routes
    import service.api.openapi  # attaches its routes
    import service.api.public  # attaches its routes
    import service.api.subscriptions  # attaches its routes
    import service.moderation.account_views  # attaches its routes
    import service.moderation.admin_views  # attaches its routes
    import service.moderation.audit_views  # attaches its routes
    import service.moderation.auth_views  # attaches its routes
    import service.moderation.canned_views  # attaches its routes
    import service.moderation.dashboard_views  # attaches its routes
    import service.moderation.deleted_views  # attaches its routes
    import service.moderation.link_views  # attaches its routes
    import service.moderation.mail_views  # attaches its routes
    import service.moderation.queue_views  # attaches its routes
    import service.moderation.sso_views  # attaches its routes
    import service.moderation.webhook_views  # noqa: F401  (attaches its routes)
    from service.api import bp as api_bp
    from service.comments.reader_views import bp as readers_bp
    from service.comments.views import bp as comments_bp
    from service.contact import bp as contact_bp
    from service.data.extensions import csrf
    from service.moderation.blueprint import bp as moderation_bp
    from service.operations.health import bp as health_bp
    from service.operations.metrics import bp as metrics_bp
    from service.operations.metrics import register_metrics
    from service.operations.mydata import bp as mydata_bp
    from service.web.site import bp as site_bp

    app.register_blueprint(site_bp)
    app.register_blueprint(health_bp)
    app.register_blueprint(metrics_bp)
    register_metrics(app)
    app.register_blueprint(contact_bp)
    app.register_blueprint(comments_bp)
    app.register_blueprint(readers_bp)
    app.register_blueprint(mydata_bp)
    # The JSON API is protected by JSON-only bodies and Origin checks instead of form tokens.
    csrf.exempt(api_bp)
    app.register_blueprint(api_bp)
    app.register_blueprint(moderation_bp)


def register_error_handlers(app: Flask) -> None:
    from service.web.errors import register_error_handlers as register

    register(app)


def register_request_hooks(app: Flask) -> None:
    from service.web.requestlog import register_request_logging
    from service.web.security import register_security_headers

    register_request_logging(app)
    register_security_headers(app)


def register_template_helpers(app: Flask) -> None:
    from service.web.templating import register

    register(app)


def register_commands(app: Flask) -> None:
    from service.operations.cli import register

    register(app)
