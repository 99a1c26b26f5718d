"""The account and blocklist forms say what a field wants instead of WTForms' own words."""

from __future__ import annotations

import sqlalchemy as sa

from service.data.extensions import db
from service.data.models import ApiToken, BlocklistEntry
from tests.factories import KNOWN_PASSWORD
from tests.pages import post_form


def test_a_token_lifetime_that_is_not_a_number_asks_for_whole_days(moderator_client):
    response = post_form(
        moderator_client,
        "/moderation/account",
        "/moderation/account/tokens",
        {"tk-label": "export", "tk-days": "soon", "tk-password": KNOWN_PASSWORD},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Enter a whole number of days from 1 to 365." in html
    assert "Not a valid integer value" not in html
    assert db.session.scalar(sa.select(sa.func.count(ApiToken.id))) == 0


def test_a_blocklist_entry_of_an_unknown_kind_asks_for_a_kind(admin_client):
    response = post_form(
        admin_client,
        "/moderation/blocklist",
        "/moderation/blocklist",
        {"kind": "planet", "value": "mars"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Choose what kind of entry this is." in html
    assert "Not a valid choice" not in html
    assert db.session.scalar(sa.select(sa.func.count(BlocklistEntry.id))) == 0
