"""No IDOR: every staff route, tried by a moderator limited to billing inquiries against items
out of their scope, answers exactly as it does for an id that was never stored, and nothing
of those items shows anywhere.

The routes come from the app's url_map, so a route added later is swept without anyone
listing it here. A route that names an item (a path argument, or an item in its form or
query) is tried twice, with the out-of-scope item and with a missing one: the two answers must
be the same (status, redirect target and body, once the id itself and per-request tokens are
set aside). A route that takes no item id must be named in TAKES_NO_ITEM_ID; it is still
fetched with every filter that could list the items, and must not show them.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import sqlalchemy as sa
from werkzeug.routing import Rule

from service.data.extensions import db
from service.data.models import (
    AuditEvent,
    Comment,
    CommentStatus,
    Inquiry,
    InquiryReply,
    InquiryStatus,
    Verdict,
)
from service.moderation.accounts import issue_api_token
from service.moderation.services import COMMENT_ACTIONS, INQUIRY_ACTIONS
from service.submissions import audit
from service.submissions.actionlinks import issue_link
from tests.conftest import sign_in
from tests.factories import KNOWN_PASSWORD, CommentFactory, InquiryFactory, ModeratorFactory

# Out of the moderator's scope: ids chosen so that they cannot turn up by chance.
HIDDEN_INQUIRY = 48613  # topic "appointment": not billing
HIDDEN_SPAM_INQUIRY = 48619  # topic "treatment", in the spam folder
HIDDEN_COMMENT = 48617  # comments are out of scope altogether
HIDDEN_DELETED_COMMENT = 48621
# Never stored: what "missing" looks like.
MISSING = {
    HIDDEN_INQUIRY: 39613,
    HIDDEN_SPAM_INQUIRY: 39619,
    HIDDEN_COMMENT: 39617,
    HIDDEN_DELETED_COMMENT: 39621,
}
VISIBLE_INQUIRY = 48631  # billing: in scope, the control
HIDDEN_INQUIRIES = (HIDDEN_INQUIRY, HIDDEN_SPAM_INQUIRY)
HIDDEN_COMMENTS = (HIDDEN_COMMENT, HIDDEN_DELETED_COMMENT)
HIDDEN_TEXT = (
    "Quintus Outofscope",
    "quintus.hidden",
    "HIDDEN-INQUIRY-TEXT",
    "Tertia Spamfolder",
    "HIDDEN-SPAM-TEXT",
    "Hortensia Hidden",
    "HIDDEN-COMMENT-TEXT",
    "HIDDEN-DELETED-TEXT",
)

# Path arguments that name something other than a comment or an inquiry.
NOT_ITEM_ARGUMENTS = {
    "token_id": "an API token (the account's own or, for admins, anyone's)",
    "moderator_id": "a staff account (administrators only)",
    "entry_id": "a blocklist entry (administrators only)",
    "endpoint_id": "a webhook endpoint (administrators only)",
}
# Staff routes without an item in their path that read one from their form or query.
ITEM_IN_FORM_OR_QUERY = {
    "moderation.bulk_action": "item=<kind>:<id>, repeated",
    "moderation.restore": "item=<kind>:<id>, repeated",
    "moderation.confirm_link": "t: a mail link's token, bound to one item",
    "moderation.use_link": "t: a mail link's token, bound to one item",
}
# Staff routes that take no item id at all (the explicit allow-list; a route whose path names
# only what NOT_ITEM_ARGUMENTS lists needs no entry here). They are fetched with
# the filters that could list the hidden items; what they show must not include them.
TAKES_NO_ITEM_ID = {
    "moderation.queue": "lists items: filtered by scope",
    "moderation.dashboard": "counts items: filtered by scope",
    "moderation.audit_log": "lists entries: those about hidden items left out",
    "moderation.recently_deleted": "lists deleted items (administrators only)",
    "moderation.outbox": "development mail viewer (absent under test)",
    "moderation.account": "the signed-in account's own page",
    "moderation.account_create_token": "the account's own API token",
    "moderation.account_disable_two_factor": "the account's own two-factor",
    "moderation.account_notify": "the account's own mail preference",
    "moderation.account_password": "the account's own password",
    "moderation.account_recovery_codes": "the account's own recovery codes",
    "moderation.sign_out_everywhere_view": "ends the account's sessions",
    "moderation.logout": "ends this session",
    "moderation.login": "sign-in",
    "moderation.login_code": "sign-in, second step",
    "moderation.two_factor_setup": "sign-in, two-factor enrolment",
    "moderation.api_tokens": "administrators only",
    "moderation.blocklist": "administrators only",
    "moderation.blocklist_add": "administrators only",
    "moderation.moderators": "administrators only",
    "moderation.moderators_create": "administrators only",
    "moderation.webhooks": "administrators only",
    "moderation.webhooks_add": "administrators only",
    "api.moderation_queue": "lists items: filtered by scope",
    "api.moderation_audit": "lists entries: those about hidden items left out",
    "api.moderation_export": "exports items: filtered by scope",
}
# Would end the sweeping client's session: fetched (GET) but never posted.
ENDS_THE_SESSION = {"moderation.logout", "moderation.sign_out_everywhere_view"}
# Posted once per action: the action is a form field.
ACTION_IN_FORM = {"moderation.item_action", "moderation.bulk_action"}
EVERY_ACTION = tuple(dict.fromkeys(COMMENT_ACTIONS + INQUIRY_ACTIONS))
LIST_FILTERS = (
    {},
    {"status": ""},
    {"status": "spam"},
    {"status": "deleted"},
    {"kind": "inquiry", "status": ""},
    {"kind": "comment", "status": ""},
    {"actor": "admin"},
)
_VOLATILE = (
    (re.compile(r'nonce="[^"]*"'), 'nonce=""'),
    (re.compile(r'value="[^"]*"'), 'value=""'),
    (re.compile(r"t(=|%3D)[\w.-]{20,}"), "t="),
    (re.compile(r"<time[^>]*>[^<]*</time>"), "<time></time>"),
)


def _is_staff_route(rule: Rule) -> bool:
    return rule.endpoint.startswith("moderation.") or rule.rule.startswith("/api/moderation/")


def _ids_for(rule: Rule) -> tuple[int, ...]:
    if "/inquiry/" in rule.rule or "/inquiries/" in rule.rule:
        return HIDDEN_INQUIRIES
    if "/comment/" in rule.rule or "/comments/" in rule.rule:
        return HIDDEN_COMMENTS
    return HIDDEN_INQUIRIES + HIDDEN_COMMENTS


def _kind_of(item_id: int) -> str:
    return "inquiry" if item_id in HIDDEN_INQUIRIES or item_id in _MISSING_INQUIRIES else "comment"


_MISSING_INQUIRIES = {MISSING[i] for i in HIDDEN_INQUIRIES}


def _actions_for(rule: Rule, item_id: int) -> tuple[str, ...]:
    if "action" not in rule.arguments:
        return EVERY_ACTION if rule.endpoint in ACTION_IN_FORM else ("",)
    return COMMENT_ACTIONS if _kind_of(item_id) == "comment" else INQUIRY_ACTIONS


def _item_arguments(rule: Rule) -> set[str]:
    """The path arguments that name a comment or an inquiry (an unknown integer counts)."""
    found = set()
    for name in rule.arguments - {"kind", "action"}:
        if name in NOT_ITEM_ARGUMENTS:
            continue
        converter = type(rule._converters[name]).__name__
        assert converter == "IntegerConverter", (
            f"{rule.endpoint}: classify the path argument {name!r} in NOT_ITEM_ARGUMENTS or "
            "give it an item id"
        )
        found.add(name)
    return found


def _normalise(text: str, item_id: int) -> str:
    text = re.sub(rf"(?<!\d){item_id}(?!\d)", "<ID>", text)
    for pattern, replacement in _VOLATILE:
        text = pattern.sub(replacement, text)
    return text


def _mentions_id(text: str, item_id: int) -> bool:
    return re.search(rf"(?<![\w.%-]){item_id}(?![\w-])", text) is not None


def _difference(seen: str, absent: str) -> str:
    """The lines where the two answers differ, for the failure message."""
    lines = difflib.unified_diff(absent.splitlines(), seen.splitlines(), lineterm="", n=0)
    return "\n".join(list(lines)[:20])


def _context(text: str, item_id: int) -> str:
    """Where the id stands in a page, for the failure message."""
    at = text.find(str(item_id))
    return text[max(at - 120, 0) : at + 40]


@dataclass
class Sweep:
    client: Any
    bearer: dict[str, str]
    csrf: str
    links: dict[int, str]
    rules_swept: set[str] = field(default_factory=set)
    requests: int = 0

    def send(
        self, rule: Rule, method: str, item_id: int, action: str, extra: dict, items: bool = True
    ) -> Any:
        kind = _kind_of(item_id)
        values: dict[str, Any] = {}
        for name in rule.arguments:
            if name == "kind":
                values[name] = kind
            elif name == "action":
                values[name] = action
            elif name in NOT_ITEM_ARGUMENTS:
                values[name] = 999_999  # nothing of the sweep's own (its API token is one)
            else:
                values[name] = item_id
        path = rule.build(values, append_unknown=False)[1]
        self.requests += 1
        item_fields = {"item": [f"{kind}:{item_id}"], "t": self.links[item_id]} if items else {}
        item_fields |= extra
        if rule.rule.startswith("/api/moderation/"):
            if method == "GET":
                return self.client.get(path, headers=self.bearer, query_string=item_fields)
            return self.client.post(path, headers=self.bearer, json=_api_body(rule, action))
        if method == "GET":
            return self.client.get(path, query_string=item_fields)
        form = {
            "csrf_token": self.csrf,
            "action": action,
            "confirm": "yes",
            "note": "A note.",
            "to": "scoped@clinic.example",
            "body": "A reply.",
            "from": "detail",
            "back": "detail",
            **item_fields,
        }
        response = self.client.post(path, data=form)
        # The flash it left ("There is no inquiry #…") would show on the next page; that
        # echoes this request, and the missing id's twin echoes the same. Read it here.
        with self.client.session_transaction() as session:
            flashes = session.pop("_flashes", [])
        response.flashed = " ".join(message for _category, message in flashes)
        return response


def _api_body(rule: Rule, action: str) -> dict[str, str]:
    """A body the action's schema accepts, so the request reaches the item's lookup."""
    if rule.rule.endswith("/answer") or action == "answer":
        return {"note": "A note."}
    if rule.rule.endswith("/assign") or action == "assign":
        return {"to": "scoped@clinic.example"}
    return {"note": "A note."}


def _probes(rule: Rule) -> Iterator[tuple[str, int, str]]:
    methods = sorted((rule.methods or set()) & {"GET", "POST"})
    for method in methods:
        if method == "POST" and rule.endpoint in ENDS_THE_SESSION:
            continue
        for item_id in _ids_for(rule):
            for action in _actions_for(rule, item_id):
                yield method, item_id, action


def _assert_indistinguishable(sweep: Sweep, rule: Rule) -> None:
    """The hidden item's answer is the missing item's answer, and shows nothing of it."""
    for method, hidden, action in _probes(rule):
        missing = MISSING[hidden]
        seen = sweep.send(rule, method, hidden, action, {})
        absent = sweep.send(rule, method, missing, action, {})
        where = f"{method} {rule.rule} ({rule.endpoint}) id {hidden} action {action!r}"
        assert seen.status_code == absent.status_code, where
        assert seen.status_code != 500, where
        seen_text = seen.get_data(as_text=True)
        for text in HIDDEN_TEXT:
            assert text not in seen_text, f"{where}: shows {text!r}"
        assert _normalise(seen.headers.get("Location", ""), hidden) == _normalise(
            absent.headers.get("Location", ""), missing
        ), where
        seen_page = _normalise(seen_text, hidden)
        absent_page = _normalise(absent.get_data(as_text=True), missing)
        assert seen_page == absent_page, f"{where}: {_difference(seen_page, absent_page)}"
        for text in HIDDEN_TEXT:
            assert text not in getattr(seen, "flashed", ""), f"{where}: says {text!r}"
        assert _normalise(getattr(seen, "flashed", ""), hidden) == _normalise(
            getattr(absent, "flashed", ""), missing
        ), where


def _assert_nothing_listed(sweep: Sweep, rule: Rule) -> None:
    methods = sorted((rule.methods or set()) & {"GET", "POST"})
    for method, filters in itertools.product(methods, LIST_FILTERS):
        if method == "POST" and rule.endpoint in ENDS_THE_SESSION:
            continue
        response = sweep.send(rule, method, HIDDEN_INQUIRY, "", filters, items=False)
        where = f"{method} {rule.rule} ({rule.endpoint}) {filters}"
        assert response.status_code != 500, where
        text = response.get_data(as_text=True)
        for hidden_text in HIDDEN_TEXT:
            assert hidden_text not in text, f"{where}: shows {hidden_text!r}"
        for item_id in HIDDEN_INQUIRIES + HIDDEN_COMMENTS:
            match = _mentions_id(text, item_id)
            assert not match, f"{where}: mentions #{item_id}: {_context(text, item_id)}"


@pytest.fixture
def hidden_world(app, admin):
    """A moderator limited to billing inquiries, and items of every kind outside that."""
    scoped = ModeratorFactory(
        email="scoped@clinic.example", scope_kinds=["inquiry"], scope_topics=["billing"]
    )
    InquiryFactory(
        id=HIDDEN_INQUIRY,
        topic="appointment",
        name="Quintus Outofscope",
        email="quintus.hidden@example.org",
        message="HIDDEN-INQUIRY-TEXT about a knee",
    )
    InquiryFactory(
        id=HIDDEN_SPAM_INQUIRY,
        topic="treatment",
        name="Tertia Spamfolder",
        message="HIDDEN-SPAM-TEXT",
        status=InquiryStatus.SPAM,
        verdict=Verdict.SPAM,
        score=9.0,
    )
    CommentFactory(id=HIDDEN_COMMENT, author="Hortensia Hidden", body="HIDDEN-COMMENT-TEXT")
    CommentFactory(
        id=HIDDEN_DELETED_COMMENT, body="HIDDEN-DELETED-TEXT", status=CommentStatus.DELETED
    )
    InquiryFactory(id=VISIBLE_INQUIRY, topic="billing", message="VISIBLE-BILLING-TEXT")
    db.session.flush()
    # What the audit log would list: someone else's reading, deleting and answering.
    audit.record("inquiry.view", admin, "inquiry", HIDDEN_INQUIRY, {"via": "page"})
    audit.record("comment.delete", admin, "comment", HIDDEN_DELETED_COMMENT, {"from": "pending"})
    audit.record("inquiry.spam", admin, "inquiry", HIDDEN_SPAM_INQUIRY, {"from": "received"})
    links = {}
    for item_id in HIDDEN_INQUIRIES + HIDDEN_COMMENTS:
        kind = _kind_of(item_id)
        action = "close" if kind == "inquiry" else "approve"
        if item_id in (HIDDEN_SPAM_INQUIRY, HIDDEN_DELETED_COMMENT):
            action = "ham" if kind == "inquiry" else "approve"
        links[item_id] = issue_link(scoped, kind, item_id, action, status="received")
        links[MISSING[item_id]] = issue_link(
            scoped, kind, MISSING[item_id], action, status="received"
        )
    db.session.commit()
    return scoped, links


def _statuses() -> dict[tuple[str, int], str]:
    rows = {("inquiry", i.id): i.status.value for i in db.session.scalars(sa.select(Inquiry))}
    rows |= {("comment", c.id): c.status.value for c in db.session.scalars(sa.select(Comment))}
    return rows


def test_every_staff_route_treats_an_out_of_scope_item_as_missing(app, hidden_world):
    app.config["RATELIMIT_ENABLED"] = False
    scoped, links = hidden_world
    before = _statuses()
    client = app.test_client()
    assert sign_in(client, scoped.email, KNOWN_PASSWORD).status_code == 303
    page = client.get("/moderation/account").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    sweep = Sweep(client, {"Authorization": f"Bearer {issue_api_token(scoped.email)}"}, csrf, links)

    staff_rules = [rule for rule in app.url_map.iter_rules() if _is_staff_route(rule)]
    unclassified = []
    for rule in staff_rules:
        if _item_arguments(rule) or rule.endpoint in ITEM_IN_FORM_OR_QUERY:
            _assert_indistinguishable(sweep, rule)
        elif rule.endpoint in TAKES_NO_ITEM_ID or rule.arguments <= set(NOT_ITEM_ARGUMENTS):
            _assert_nothing_listed(sweep, rule)
        else:
            unclassified.append(rule.endpoint)
            continue
        sweep.rules_swept.add(rule.endpoint)
    assert not unclassified, (
        "These staff routes take no item in their path: add them to TAKES_NO_ITEM_ID, or to "
        f"ITEM_IN_FORM_OR_QUERY if they read one from the form or query: {unclassified}"
    )
    # The session survived the sweep (so every answer above was the signed-in moderator's).
    assert client.get("/moderation/").status_code == 200

    # Every route was reached, and nothing changed or was recorded about the hidden items.
    assert sweep.rules_swept == {rule.endpoint for rule in staff_rules}
    assert {
        "moderation.inquiry_detail",
        "moderation.item_action",
        "api.moderation_item",
        "api.moderate_inquiry",
        "api.moderation_export",
    } <= sweep.rules_swept
    db.session.expire_all()
    assert _statuses() == before
    hidden = HIDDEN_INQUIRIES + HIDDEN_COMMENTS
    assert not db.session.scalars(
        sa.select(AuditEvent).where(
            AuditEvent.moderator_id == scoped.id, AuditEvent.item_id.in_(hidden)
        )
    ).all()
    assert not db.session.scalars(
        sa.select(InquiryReply).where(InquiryReply.inquiry_id.in_(HIDDEN_INQUIRIES))
    ).all()
    assert not db.session.scalars(
        sa.select(Comment).where(Comment.parent_id.in_(HIDDEN_COMMENTS))
    ).all()
    assert db.session.get(Inquiry, HIDDEN_INQUIRY).assigned_to_id is None


def test_the_sweeps_moderator_does_reach_an_item_in_scope(app, hidden_world):
    """The control: the same moderator, the same routes, an in-scope id: found (so the sweep's
    404s come from the scope, not from a broken route)."""
    scoped, _links = hidden_world
    client = app.test_client()
    sign_in(client, scoped.email, KNOWN_PASSWORD)
    page = client.get(f"/moderation/inquiries/{VISIBLE_INQUIRY}")
    assert page.status_code == 200
    assert "VISIBLE-BILLING-TEXT" in page.get_data(as_text=True)
    bearer = {"Authorization": f"Bearer {issue_api_token(scoped.email)}"}
    item = client.get(f"/api/moderation/inquiry/{VISIBLE_INQUIRY}", headers=bearer)
    assert item.status_code == 200
    assert item.json["message"] == "VISIBLE-BILLING-TEXT"
    queue = client.get("/api/moderation/queue", headers=bearer).json
    assert [entry["id"] for entry in queue["items"]] == [VISIBLE_INQUIRY]
    closed = client.post(f"/api/moderation/inquiry/{VISIBLE_INQUIRY}/close", headers=bearer)
    assert closed.status_code == 200
    assert closed.json["status"] == "closed"
