"""The lock schedule of login throttling: a doubling lock after a threshold, with a ceiling."""

import pytest

from service.moderation.throttle import PER_ACCOUNT_AND_ADDRESS, PER_ADDRESS


@pytest.mark.parametrize(
    ("failures", "seconds"),
    [(1, 0), (4, 0), (5, 60), (6, 120), (7, 240), (10, 1920), (11, 3600), (50, 3600)],
)
def test_one_account_from_one_address_is_locked_from_the_fifth_failure(failures, seconds):
    assert PER_ACCOUNT_AND_ADDRESS.lock_seconds(failures) == seconds


@pytest.mark.parametrize(("failures", "seconds"), [(19, 0), (20, 300), (21, 600), (24, 3600)])
def test_one_address_is_locked_from_the_twentieth_failure(failures, seconds):
    assert PER_ADDRESS.lock_seconds(failures) == seconds
