"""Every spam rule, audit action and audit detail name the service can write has a label for
the staff screens, and every detail sentence the spam rules write is recognised for translation.

The identifiers are collected from the source, so a new rule or action without a label fails here.
"""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import ipaddress
from collections.abc import Iterator
from pathlib import Path

import pytest

import service
from service.moderation.labels import (
    AUDIT_ACTION_LABELS,
    AUDIT_ACTIONS_OF_EARLIER_VERSIONS,
    AUDIT_DETAIL_LABELS,
    REASON_LABELS,
    is_known_reason_detail,
    label,
    reason_detail,
)
from service.moderation.queue import Filters
from service.moderation.services import ACTIONS
from service.operations.retention import PurgeReport
from service.spam import Blocklist, Facts, FormTokenState, Submission
from service.spam.checks import FORM_TOKEN_POINTS, PHRASE_FAMILIES, run_checks
from service.spam.corpus import LabelledRow
from service.spam.evaluation import train_model
from service.spam.pipeline import model_reason
from service.submissions.auditchain import ANCHOR_ACTION, Purged
from service.submissions.health_guard import PERSONAL_HEALTH_INFO, health_reason

SERVICE = Path(service.__file__).parent
SPAM = SERVICE / "spam"

# Rule names built at run time, by the expression that builds them.
DYNAMIC_RULES = {
    "f'form_token_{state.value}'": {f"form_token_{state.value}" for state in FORM_TOKEN_POINTS},
    "rule": set(PHRASE_FAMILIES),
}
# Reasons rebuilt from another reason (the capped missing-token reason) add no name.
COPIED_RULES = {"missing[0].rule"}
DYNAMIC_ACTIONS = {
    "f'{kind}.{action}'": {f"{kind}.{action}" for kind, acts in ACTIONS.items() for action in acts},
    "ANCHOR_ACTION": {ANCHOR_ACTION},
}
DYNAMIC_DETAILS = {
    "asdict(report)": {field.name for field in dataclasses.fields(PurgeReport)},
    "filters.as_query()": {field.name for field in dataclasses.fields(Filters)},
    "purged.anchor_detail(audit_cutoff)": set(
        Purged(1, "0" * 64, 1).anchor_detail(dt.datetime.now(dt.UTC))
    ),
}


def parsed(folder: Path) -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(folder.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def argument(call: ast.Call, position: int, name: str) -> ast.expr | None:
    if len(call.args) > position:
        return call.args[position]
    return next((k.value for k in call.keywords if k.arg == name), None)


def rules_the_spam_filter_can_emit() -> set[str]:
    """Every `Reason(rule, ...)` in service/spam: literal names, plus the known built ones."""
    rules, unexplained = set(), []
    for path, tree in parsed(SPAM):
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name != "Reason":
                continue
            rule = argument(node, 0, "rule")
            if isinstance(rule, ast.Constant) and isinstance(rule.value, str):
                rules.add(rule.value)
            elif rule is not None and ast.unparse(rule) in DYNAMIC_RULES:
                rules |= DYNAMIC_RULES[ast.unparse(rule)]
            elif rule is None or ast.unparse(rule) not in COPIED_RULES:
                unexplained.append(f"{path.name}:{node.lineno}")
    assert not unexplained, f"teach this test how these reasons are named: {unexplained}"
    return rules


# Helpers that write an audit entry for their callers: (position of `detail`, keys they add).
AUDIT_WRAPPERS = {"record_account_change": (3, {"account"})}


def audit_records() -> Iterator[tuple[Path, ast.AST, ast.Call]]:
    """Every `audit.record(...)` and `audit.record_each(...)` call in service/ (their `detail`
    is the fifth argument of both), with the function around it; a call to one
    of AUDIT_WRAPPERS stands for the entry it writes (and the wrapper's own call is skipped)."""
    for path, tree in parsed(SERVICE):
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef) or function.name in AUDIT_WRAPPERS:
                continue
            for node in ast.walk(function):
                if not isinstance(node, ast.Call):
                    continue
                if (
                    isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("record", "record_each")
                    and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "audit"
                ) or (isinstance(node.func, ast.Name) and node.func.id in AUDIT_WRAPPERS):
                    yield path, function, node


def detail_of(call: ast.Call) -> tuple[ast.expr | None, set[str]]:
    """The `detail` argument of an audit call, and the keys a wrapper adds to it."""
    if isinstance(call.func, ast.Name):
        position, added = AUDIT_WRAPPERS[call.func.id]
        return argument(call, position, "detail"), added
    return argument(call, 4, "detail"), set()


def action_names(expression: ast.expr | None) -> set[str] | None:
    if isinstance(expression, ast.Constant) and isinstance(expression.value, str):
        return {expression.value}
    if isinstance(expression, ast.IfExp):
        body, orelse = action_names(expression.body), action_names(expression.orelse)
        return None if body is None or orelse is None else body | orelse
    if expression is not None:
        return DYNAMIC_ACTIONS.get(ast.unparse(expression))
    return None


def audit_actions_recorded() -> set[str]:
    actions, unexplained = set(), []
    for path, _, call in audit_records():
        found = action_names(argument(call, 0, "action"))
        if found is None:
            unexplained.append(f"{path.relative_to(SERVICE)}:{call.lineno}")
        else:
            actions |= found
    assert not unexplained, f"teach this test how these actions are named: {unexplained}"
    return actions


def detail_keys(expression: ast.expr | None, function: ast.AST) -> set[str] | None:
    """The keys of an audit detail: a dict literal, a variable the function fills, or a known
    call; None when the test cannot tell."""
    if expression is None or (isinstance(expression, ast.Constant) and expression.value is None):
        return set()
    if isinstance(expression, ast.Dict):
        keys: set[str] = set()
        for key, value in zip(expression.keys, expression.values, strict=True):
            if key is None:  # {**other, ...}
                spread = detail_keys(value, function)
                if spread is None:
                    return None
                keys |= spread
            elif isinstance(key, ast.Constant) and isinstance(key.value, str):
                keys.add(key.value)
            else:
                return None
        return keys
    if isinstance(expression, ast.Name):
        keys, assigned = set(), False
        for node in ast.walk(function):
            if not isinstance(node, ast.Assign | ast.AnnAssign):
                continue
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name) and target.id == expression.id:
                    found = detail_keys(node.value, function)
                    if found is None:
                        return None
                    keys, assigned = keys | found, True
                elif (
                    isinstance(target, ast.Subscript)
                    and isinstance(target.value, ast.Name)
                    and target.value.id == expression.id
                    and isinstance(target.slice, ast.Constant)
                ):
                    keys.add(target.slice.value)
        return keys if assigned else None
    return DYNAMIC_DETAILS.get(ast.unparse(expression))


def audit_detail_keys_recorded() -> set[str]:
    keys, unexplained = set(), []
    for path, function, call in audit_records():
        expression, added = detail_of(call)
        found = detail_keys(expression, function) if expression is not None else set()
        if found is not None:
            found = found | added
        if found is None:
            unexplained.append(f"{path.relative_to(SERVICE)}:{call.lineno}")
        else:
            keys |= found
    assert not unexplained, f"teach this test how these details are built: {unexplained}"
    return keys


def test_every_rule_the_spam_filter_can_emit_has_a_label():
    # The health-information guard's reason is stored beside the filter's.
    rules = rules_the_spam_filter_can_emit() | {PERSONAL_HEALTH_INFO}
    assert {"honeypot", "form_token_too_fast", "seo_offer", "learned_model"} <= rules
    assert sorted(rules - set(REASON_LABELS)) == [], "add these to labels.REASON_LABELS"
    assert sorted(set(REASON_LABELS) - rules) == [], "no rule emits these any more"


def test_every_audit_action_recorded_has_a_label():
    actions = audit_actions_recorded()
    assert {"inquiry.view", "comment.approve", "login", "retention.purge"} <= actions
    assert sorted(actions - set(AUDIT_ACTION_LABELS)) == [], "add these to AUDIT_ACTION_LABELS"
    stale = set(AUDIT_ACTION_LABELS) - actions - AUDIT_ACTIONS_OF_EARLIER_VERSIONS
    assert sorted(stale) == [], "nothing records these any more"
    # An earlier version's entries are still in databases, and still shown with their label.
    assert AUDIT_ACTIONS_OF_EARLIER_VERSIONS <= set(AUDIT_ACTION_LABELS)


def test_every_audit_detail_name_recorded_has_a_label():
    keys = audit_detail_keys_recorded()
    assert {"via", "from", "reason", "comments_deleted", "spam_comments", "status"} <= keys
    assert sorted(keys - set(AUDIT_DETAIL_LABELS)) == [], "add these to AUDIT_DETAIL_LABELS"
    assert sorted(set(AUDIT_DETAIL_LABELS) - keys) == [], "nothing records these any more"


BLOCKLIST = Blocklist(
    words=frozenset({"cheap pills"}),
    emails=frozenset({"bulk@sender.example"}),
    domains=frozenset({"blocked.example"}),
    networks=(ipaddress.ip_network("203.0.113.0/24"),),
)
# Between them these fire every rule, most of them with their evidence.
SAMPLES = [
    (Submission(kind="comment", text="Thanks!", honeypot="x"), Facts()),
    *(
        (Submission(kind="comment", text="Thanks!", form_token=state), Facts())
        for state in FORM_TOKEN_POINTS
    ),
    (
        Submission(
            kind="comment", text="Thanks!", form_token=FormTokenState.TOO_FAST, form_token_age=1.2
        ),
        Facts(),
    ),
    (Submission(kind="comment", text="Useful, see https://one.example/page for more."), Facts()),
    (
        Submission(
            kind="comment",
            text="My tinnitus stopped in 10 days, thank me later. Lonely tonight? Hot singles."
            " The pain was gone, order yours today.",
        ),
        Facts(),
    ),
    (
        Submission(
            kind="comment",
            text="Great post, thanks for sharing. Dentist Leeds, implants Leeds, whitening Leeds.",
            author="Plumber Leeds",
        ),
        Facts(),
    ),
    (Submission(kind="comment", text="http://x.example http://y.example ok"), Facts()),
    (Submission(kind="comment", text="this is the song http://songs.example/?ref=2tG"), Facts()),
    (
        Submission(
            kind="comment",
            text="https://bit.ly/x https://best-casino.xyz [url=https://a.example]a[/url] "
            '<a href="https://b.example">b</a> call +1 555 123 4567',
        ),
        Facts(),
    ),
    (
        Submission(
            kind="comment",
            text="Like this comment if you agree. Check out my channel. We sell backlinks, "
            "message me on WhatsApp, printer support number, wholesale prices, online pharmacy, "
            "verify your account, 50% off with code SAVE50.",
        ),
        Facts(),
    ),
    (
        Submission(
            kind="inquiry",
            text="Are you at your desk? I need you to buy six gift cards for a vendor today.",
        ),
        Facts(),
    ),
    (
        Submission(kind="comment", text="This piece of writing is good, I am going to convey her."),
        Facts(),
    ),
    (
        Submission(kind="comment", text="Great post, thanks!", website="https://blog.example"),
        Facts(),
    ),
    (
        Submission(
            kind="comment",
            text="Great post! We sell a verified email list of doctors.",
            author="Best Dentist Miami Cheap Implants",
            website="https://cheap-implants-miami.example",
        ),
        Facts(),
    ),
    (Submission(kind="comment", text="Great post!", author="www.pills.example"), Facts()),
    (
        Submission(
            kind="inquiry",
            text="Hello, a question about your services.",
            email="sales@mailinator.com",
            website="https://vendor.example",
        ),
        Facts(),
    ),
    (
        Submission(
            kind="comment",
            text="cheap pills at https://shop.blocked.example",
            email="bulk@sender.example",
            client_address="203.0.113.0",
        ),
        Facts(blocklist=BLOCKLIST),
    ),
    (
        Submission(kind="comment", text="Thanks!"),
        Facts(recent_duplicates=1, recent_from_address=3, author_spam=1, author_approved=2),
    ),
    (Submission(kind="comment", text="Thanks!"), Facts(recent_duplicates=2)),
    (Submission(kind="comment", text="Thanks!"), Facts(site_busy=True)),
    (
        Submission(kind="comment", text="Thanks!", website="https://www.clinic.example"),
        Facts(trusted_domains=frozenset({"clinic.example"})),
    ),
]


def every_sample_reason():
    model = train_model(
        [
            LabelledRow(Submission(kind="comment", text="win a free prize now"), True),
            LabelledRow(Submission(kind="comment", text="thank you for the article"), False),
        ]
    )
    for submission, facts in SAMPLES:
        yield from run_checks(submission, facts)
        yield model_reason(submission, model)


def test_every_detail_the_spam_rules_write_is_recognised_and_reads_the_same_in_english():
    reasons = list(every_sample_reason())
    assert {reason.rule for reason in reasons} == rules_the_spam_filter_can_emit()
    unknown = [reason.detail for reason in reasons if not is_known_reason_detail(reason.detail)]
    assert unknown == [], "add these sentences to labels._REASON_DETAILS"
    # Outside a request no catalog is active: the English message gives back the stored text.
    changed = [
        (r.detail, reason_detail(r.detail)) for r in reasons if reason_detail(r.detail) != r.detail
    ]
    assert changed == []


@pytest.mark.parametrize("detail", ["the learned model is unsure", "3 links", ""])
def test_a_detail_in_no_known_shape_is_shown_as_stored(detail):
    assert not is_known_reason_detail(detail)
    assert reason_detail(detail) == detail


def test_an_unknown_rule_or_action_is_shown_by_its_identifier():
    assert label(REASON_LABELS, "model") == "model"
    assert label(AUDIT_ACTION_LABELS, "comment.teleport") == "comment.teleport"


def test_the_health_guard_detail_is_recognised_and_names_each_kind():
    detail = health_reason("I have diabetes, call me on 0161 496 0123")["detail"]
    assert detail == "personal details found: diagnosis, phone"
    assert is_known_reason_detail(detail)
    assert reason_detail(detail) == (
        "personal details found: a diagnosis or condition, a phone number"
    )
