"""Settings come from the environment and are checked when the app starts."""

import pytest

from config import (
    ConfigError,
    DevelopmentConfig,
    ProductionConfig,
    load_config,
    new_data_key,
    parse_topics,
)


@pytest.fixture
def clean_env(monkeypatch):
    for name in ("SECRET_KEY", "DATA_KEY", "PUBLIC_URL", "DATABASE_URL", "APP_ENV"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_production_refuses_to_start_without_its_secrets_and_names_them(clean_env, tmp_path):
    with pytest.raises(ConfigError) as error:
        load_config(ProductionConfig, str(tmp_path))
    assert "SECRET_KEY" in str(error.value)
    assert "DATA_KEY" in str(error.value)
    assert "PUBLIC_URL" in str(error.value)


def test_production_names_only_what_is_missing(clean_env, tmp_path):
    clean_env.setenv("SECRET_KEY", "s" * 40)
    clean_env.setenv("DATA_KEY", new_data_key())
    with pytest.raises(ConfigError, match="PUBLIC_URL") as error:
        load_config(ProductionConfig, str(tmp_path))
    assert "SECRET_KEY" not in str(error.value)


def test_production_with_its_secrets_sets_secure_cookies(clean_env, tmp_path):
    clean_env.setenv("SECRET_KEY", "s" * 40)
    clean_env.setenv("DATA_KEY", new_data_key())
    clean_env.setenv("PUBLIC_URL", "https://clinic.example")
    settings = load_config(ProductionConfig, str(tmp_path))
    assert settings.SESSION_COOKIE_SECURE is True
    assert settings.SESSION_COOKIE_HTTPONLY is True


def test_development_generates_its_secret_once_and_keeps_it(clean_env, tmp_path):
    first = load_config(DevelopmentConfig, str(tmp_path))
    second = load_config(DevelopmentConfig, str(tmp_path))
    assert first.SECRET_KEY and first.SECRET_KEY == second.SECRET_KEY
    assert first.DATA_KEY == second.DATA_KEY
    assert (tmp_path / "secret_key").read_text() == first.SECRET_KEY


def test_default_database_is_sqlite_in_the_instance_folder(clean_env, tmp_path):
    settings = load_config(DevelopmentConfig, str(tmp_path))
    assert settings.SQLALCHEMY_DATABASE_URI == f"sqlite:///{tmp_path / 'clinic-desk.sqlite3'}"


def test_postgres_urls_use_the_psycopg_driver(clean_env, tmp_path):
    clean_env.setenv("DATABASE_URL", "postgres://u@db/clinic")
    settings = load_config(DevelopmentConfig, str(tmp_path))
    assert settings.SQLALCHEMY_DATABASE_URI == "postgresql+psycopg://u@db/clinic"


def test_unknown_app_env_is_named(clean_env, tmp_path):
    clean_env.setenv("APP_ENV", "staging")
    with pytest.raises(ConfigError, match="APP_ENV"):
        load_config(None, str(tmp_path))


def test_a_number_setting_that_is_not_a_number_is_named(clean_env, tmp_path):
    clean_env.setenv("EDIT_WINDOW_MINUTES", "soon")
    with pytest.raises(ConfigError, match="EDIT_WINDOW_MINUTES"):
        load_config(DevelopmentConfig, str(tmp_path))


def test_topics_parse_from_key_label_pairs():
    assert parse_topics("a:Appointment, b:Billing") == [("a", "Appointment"), ("b", "Billing")]
    with pytest.raises(ConfigError, match="INQUIRY_TOPICS"):
        parse_topics("nolabel")


def test_the_clinics_language_comes_from_default_language(clean_env, tmp_path):
    assert load_config(DevelopmentConfig, str(tmp_path)).DEFAULT_LANGUAGE == "en"
    clean_env.setenv("DEFAULT_LANGUAGE", " ES ")
    assert load_config(DevelopmentConfig, str(tmp_path)).DEFAULT_LANGUAGE == "es"


def test_deployments_sharing_a_redis_keep_their_rate_limits_apart_by_prefix(clean_env, tmp_path):
    assert load_config(DevelopmentConfig, str(tmp_path)).as_dict()["RATELIMIT_KEY_PREFIX"] == ""
    clean_env.setenv("RATELIMIT_KEY_PREFIX", "clinic-north")
    settings = load_config(DevelopmentConfig, str(tmp_path)).as_dict()
    assert settings["RATELIMIT_KEY_PREFIX"] == "clinic-north"


def test_larger_address_ranges_are_allowed_more_submissions_by_default(clean_env, tmp_path):
    settings = load_config(DevelopmentConfig, str(tmp_path))
    assert settings.RATELIMIT_SUBMISSIONS == "10 per minute;60 per hour"
    assert settings.RATELIMIT_SUBMISSIONS_IPV4_24 == "30 per minute;200 per hour"
    assert settings.RATELIMIT_SUBMISSIONS_IPV6_56 == "30 per minute;200 per hour"
    assert settings.RATELIMIT_SUBMISSIONS_IPV6_48 == "60 per minute;400 per hour"
    clean_env.setenv("RATELIMIT_SUBMISSIONS_IPV6_48", "100 per minute")
    assert load_config(DevelopmentConfig, str(tmp_path)).RATELIMIT_SUBMISSIONS_IPV6_48 == (
        "100 per minute"
    )


@pytest.mark.parametrize("value", ["ten per minute", "10 per fortnight", ";"])
def test_a_rate_limit_that_does_not_read_as_limits_stops_the_start_naming_it(
    clean_env, tmp_path, value
):
    clean_env.setenv("RATELIMIT_SUBMISSIONS_IPV4_24", value)
    with pytest.raises(ConfigError, match="RATELIMIT_SUBMISSIONS_IPV4_24"):
        load_config(DevelopmentConfig, str(tmp_path))


def production_env(env) -> None:
    env.setenv("SECRET_KEY", "s" * 40)
    env.setenv("DATA_KEY", new_data_key())
    env.setenv("PUBLIC_URL", "https://clinic.example")


def test_single_sign_on_settings_are_read_and_split(clean_env, tmp_path):
    production_env(clean_env)
    clean_env.setenv("OIDC_ISSUER", "https://login.example/tenant/v2.0")
    clean_env.setenv("OIDC_CLIENT_ID", "desk")
    clean_env.setenv("OIDC_ADMIN_VALUES", "Desk.Admin, Desk.Owner")
    clean_env.setenv("OIDC_ALLOWED_DOMAINS", "Clinic.Example,")
    settings = load_config(ProductionConfig, str(tmp_path))
    assert settings.OIDC_ADMIN_VALUES == ["Desk.Admin", "Desk.Owner"]
    assert settings.OIDC_ALLOWED_DOMAINS == ["clinic.example"]
    assert settings.OIDC_CLOCK_SKEW_SECONDS == 60
    assert settings.OIDC_REQUIRED is False


def test_production_refuses_a_plain_http_issuer(clean_env, tmp_path):
    production_env(clean_env)
    clean_env.setenv("OIDC_ISSUER", "http://login.example")
    clean_env.setenv("OIDC_CLIENT_ID", "desk")
    with pytest.raises(ConfigError, match="OIDC_ISSUER must be an https address"):
        load_config(ProductionConfig, str(tmp_path))


def test_an_issuer_without_a_client_id_stops_the_start(clean_env, tmp_path):
    clean_env.setenv("OIDC_ISSUER", "https://login.example")
    clean_env.setenv("OIDC_CLIENT_ID", "")
    with pytest.raises(ConfigError, match="OIDC_CLIENT_ID"):
        load_config(DevelopmentConfig, str(tmp_path))


def test_requiring_single_sign_on_without_an_issuer_stops_the_start(clean_env, tmp_path):
    clean_env.setenv("OIDC_ISSUER", "")
    clean_env.setenv("OIDC_REQUIRED", "1")
    with pytest.raises(ConfigError, match="OIDC_REQUIRED needs OIDC_ISSUER"):
        load_config(DevelopmentConfig, str(tmp_path))
