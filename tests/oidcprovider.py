"""A real OpenID Provider for the single sign-on tests: tests/oidc/provider.mjs run by Node.

`make install` puts `oidc-provider` into tests/oidc/node_modules; without Node or that folder
the tests are skipped (a failure under CI=true).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import requests

from tests.conftest import REPO, need

OIDC_DIR = REPO / "tests" / "oidc"
NODE = shutil.which("node") or "/usr/bin/node"
CLIENT_ID = "clinic-desk"
CLIENT_SECRET = "a-test-only-client-secret-of-some-length"  # the test provider's own
ALICE = {
    "email": "alice@clinic.example",
    "email_verified": True,
    "name": "Alice Admin",
    "groups": ["desk-admins", "staff"],
}
BOB = {"email": "bob@clinic.example", "email_verified": True, "name": "Bob", "groups": ["staff"]}


class Provider:
    """A running provider: its issuer, and its accounts (a file it reads on every lookup)."""

    def __init__(self, issuer: str, accounts_path: Path) -> None:
        self.issuer = issuer
        self.accounts_path = accounts_path

    def set_accounts(self, accounts: dict[str, dict]) -> None:
        self.accounts_path.write_text(json.dumps(accounts), encoding="utf-8")

    def remove_account(self, account_id: str) -> None:
        accounts = json.loads(self.accounts_path.read_text(encoding="utf-8"))
        accounts.pop(account_id, None)
        self.set_accounts(accounts)


@contextmanager
def running_provider(
    directory: Path, redirect_uris: list[str], accounts: dict[str, dict] | None = None
) -> Iterator[Provider]:
    need(Path(NODE).exists(), "Node.js is not installed (the OpenID Provider runs on it)")
    need(
        (OIDC_DIR / "node_modules" / "oidc-provider").is_dir(),
        "oidc-provider is not installed in tests/oidc: run `make install` (needs npm)",
    )
    accounts_path = directory / "oidc-accounts.json"
    accounts_path.write_text(json.dumps(accounts or {"alice": ALICE, "bob": BOB}))
    config_path = directory / "oidc-provider.json"
    config_path.write_text(
        json.dumps(
            {
                "port": 0,
                "accounts": str(accounts_path),
                "clients": [
                    {
                        "client_id": CLIENT_ID,
                        "client_secret": CLIENT_SECRET,
                        "redirect_uris": redirect_uris,
                        "grant_types": ["authorization_code", "refresh_token"],
                        "response_types": ["code"],
                    }
                ],
            }
        )
    )
    log_path = directory / "oidc-provider.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [NODE, str(OIDC_DIR / "provider.mjs"), str(config_path)],
            cwd=OIDC_DIR,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
        )
        try:
            line = process.stdout.readline() if process.stdout else ""
            if not line:
                process.wait(timeout=10)
                raise RuntimeError("the OpenID Provider did not start: " + log_path.read_text())
            yield Provider(json.loads(line)["issuer"], accounts_path)
        finally:
            process.terminate()
            process.wait(timeout=10)
            if process.stdout:
                process.stdout.close()


class _Form(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.action = ""
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "form" and not self.action:
            self.action = found.get("action") or ""
        if tag == "input" and found.get("type") == "hidden" and found.get("name"):
            self.fields[found["name"]] = found.get("value") or ""


def _next_page(browser: requests.Session, response: requests.Response, stop: str) -> object:
    """Follow redirects until the provider shows a page, or sends us back to `stop`."""
    while response.is_redirect:
        location = urljoin(response.url, response.headers["Location"])
        if location.startswith(stop):
            return location
        response = browser.get(location, allow_redirects=False, timeout=10)
    return response


def sign_in_at_provider(authorize_url: str, account: str, callback_prefix: str) -> str:
    """Do at the provider what a person does (sign in, consent); the callback URL it sends
    the browser back to, with `code` and `state`."""
    with requests.Session() as browser:
        return _sign_in(browser, authorize_url, account, callback_prefix)


def _sign_in(
    browser: requests.Session, authorize_url: str, account: str, callback_prefix: str
) -> str:
    result = _next_page(
        browser, browser.get(authorize_url, allow_redirects=False, timeout=10), callback_prefix
    )
    for _ in range(4):
        if isinstance(result, str):
            return result
        assert result.status_code == 200, (result.status_code, result.text[:500])
        form = _Form()
        form.feed(result.text)
        data = dict(form.fields)
        if data.get("prompt") == "login":
            data.update({"login": account, "password": "any"})
        response = browser.post(
            urljoin(result.url, form.action), data=data, allow_redirects=False, timeout=10
        )
        result = _next_page(browser, response, callback_prefix)
    raise AssertionError("the provider never sent the browser back")
