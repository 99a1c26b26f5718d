"""The nginx site that docs/deploy.md shows is the file the slow-client test runs."""

import re

from tests.conftest import REPO


def test_the_deploy_guide_shows_deploy_nginx_conf_word_for_word():
    guide = (REPO / "docs" / "deploy.md").read_text()
    shown = re.findall(r"^```nginx\n(.*?)^```$", guide, flags=re.MULTILINE | re.DOTALL)
    assert shown == [(REPO / "deploy" / "nginx.conf").read_text()]


def test_the_readme_says_why_gunicorn_stays_behind_nginx_and_links_the_measurement():
    readme = (REPO / "README.md").read_text()
    assert "gunicorn never faces the internet" in readme
    assert "(docs/performance.md#slow-clients)" in readme
