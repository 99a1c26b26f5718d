"""Posting, editing, deleting, reporting and reading comments. Each function owns its
transaction and raises domain errors; the page, the JSON API and the CLI all call these."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Annotated, Any, NamedTuple

import pydantic
import sqlalchemy as sa
from flask import current_app, has_request_context
from sqlalchemy.exc import IntegrityError

from service.comments import threadcache
from service.comments.digest import notify_moderators_of_pending_comments
from service.comments.threadkeys import normalise_thread_key
from service.data.database import MAX_ID, isoformat, transaction, utcnow
from service.data.extensions import db
from service.data.fastpaths import DriverStatement
from service.data.models import (
    Comment,
    CommentReport,
    CommentStatus,
    Thread,
    Verdict,
    WebhookEvent,
)
from service.spam.health_disclosure import disclosed_kinds
from service.spam.submission import Assessment, FormTokenState
from service.submissions.filtering import (
    judge,
    judged_columns,
    request_submission,
    stored_reasons,
)
from service.submissions.formtokens import FormTokenCheck, spend_form_token
from service.submissions.health_guard import comment_text, has_health_reason, with_health_reason
from service.submissions.idempotency import IdempotencyClaim
from service.submissions.shapes import (
    Email,
    OneOf,
    Text,
    WebAddress,
    WholeNumber,
    validate_shape,
)
from service.submissions.subscriptions import notify_published
from service.submissions.threads import find_thread, thread_for_writing
from service.submissions.webhooks import emit
from service.web.errors import DomainError, Forbidden, NotFound, ValidationFailed
from service.web.netaddr import anonymize, client_address
from service.web.rendering import render_markdown

MAX_AUTHOR = 100
MAX_TITLE = 200
MAX_BODY = 5000
MAX_REASON = 500
DEFAULT_PAGE = 50
MAX_PAGE = 200
MAX_COUNT_KEYS = 100
MAX_WEBSITE = 500
FORM_TOKEN_MAX = 1000
# The orders a reader may choose: by time, or the clinic's answers first. A pinned comment
# comes first in each.
SORTS = ("oldest", "newest", "staff")
DEFAULT_SORT = "oldest"


class CommentNotFound(NotFound, code="comment_not_found"):
    default_message = "There is no such comment."


class BadEditToken(Forbidden, code="bad_edit_token"):
    default_message = "This edit token does not belong to the comment."


class EditWindowClosed(Forbidden, code="edit_window_closed"):
    default_message = "This comment can no longer be changed: the time for edits has passed."


class ThreadLocked(DomainError, code="thread_locked", status=403):
    default_message = "Comments on this article are closed."


class ParentNotInThread(NotFound, code="parent_not_found"):
    """A reply to a comment that is not (or no longer) published in this thread: the body is
    well-formed, the comment it names is not there."""

    default_message = "You can only reply to a published comment in the same thread."


@dataclass(frozen=True)
class CommentInput:
    """A new comment's validated fields."""

    author: str
    body: str
    email: str | None = None
    website: str | None = None
    title: str | None = None
    parent_id: int | None = None


class CommentBody(pydantic.BaseModel):
    """A new comment as sent. Other keys are ignored."""

    author: Annotated[str, Text(MAX_AUTHOR)]
    email: Annotated[str | None, Email(required=None)] = None
    website: Annotated[str | None, WebAddress(MAX_WEBSITE)] = None
    title: Annotated[str | None, Text(MAX_TITLE, required=None)] = None
    body: Annotated[str, Text(MAX_BODY, multiline=True, description="Markdown.")]
    parent_id: Annotated[
        int | None,
        WholeNumber(1, MAX_ID, description="A published comment of the same thread."),
    ] = None
    form_token: Annotated[
        str | None,
        Text(FORM_TOKEN_MAX, required=None, description="From `GET /api/form-token`."),
    ] = None


class EditBody(pydantic.BaseModel):
    body: Annotated[str, Text(MAX_BODY, multiline=True, description="Markdown.")]


class ReportBody(pydantic.BaseModel):
    reason: Annotated[str, Text(MAX_REASON, multiline=True)]


class PageQuery(pydantic.BaseModel):
    """`after` and `limit` of a thread page, as a query string sends them."""

    after: Annotated[
        int | None, WholeNumber(0, MAX_ID, description="The `next` of the previous page.")
    ] = None
    limit: Annotated[
        int | None,
        WholeNumber(
            1, MAX_PAGE, description=f"Top-level comments per page; {DEFAULT_PAGE} when absent."
        ),
    ] = None


class PreviewBody(EditBody):
    """The text to preview. Other keys are ignored."""


class CheckBody(EditBody):
    """A comment to check before it is posted. Other keys are ignored."""

    title: Annotated[str | None, Text(MAX_TITLE, required=None)] = None


def check_personal_details(body: str, title: str | None = None) -> dict:
    """Whether a comment seems to disclose its writer's own health details or contact data,
    and which kinds (`diagnosis`, `medication`, `birth_date`, `phone`, `patient_number`,
    `email`). Nothing is stored; a comment posted with such details waits for a moderator."""
    kinds = disclosed_kinds(comment_text(body, title))
    return {"personal_health_info": bool(kinds), "kinds": kinds}


SORT_CHOICE = OneOf(
    SORTS,
    description=(
        "`oldest` (when absent or empty), `newest`, or `staff` (conversations with a clinic "
        "answer first). The pinned comment's conversation comes first in every order; "
        "replies stay oldest first."
    ),
    problem="Use oldest, newest or staff.",
    summary="Sort by oldest, newest or staff.",
)


class ThreadPageQuery(PageQuery):
    """A thread page of the JSON API: `after`, `limit` and the reader's order."""

    sort: Annotated[str | None, SORT_CHOICE] = None


def comment_input(body: CommentBody) -> CommentInput:
    """The values the service stores from a validated comment."""
    return CommentInput(
        body.author, body.body, body.email, body.website, body.title, body.parent_id
    )


def read_comment_input(data: Mapping[str, Any], *, from_form: bool = False) -> CommentInput:
    """Validate the accepted fields of a submission, ignoring any other. Raises ValidationFailed."""
    return comment_input(validate_shape(CommentBody, dict(data), context={"from_text": from_form}))


def read_body(data: Mapping[str, Any]) -> str:
    """The `body` of an edit. Raises ValidationFailed."""
    return validate_shape(EditBody, dict(data)).body


def preview_markdown(body: str) -> str:
    """What a comment with this text would show (rendered and sanitised as when it is stored)."""
    return render_markdown(body)


def read_reason(data: Mapping[str, Any]) -> str:
    """A reader's reason for a report. Raises ValidationFailed."""
    return validate_shape(ReportBody, dict(data)).reason


# -- the author's own view ---------------------------------------------------------------------


def public_status(status: CommentStatus) -> str:
    """What an author is told: spam gets no signal and reads as held for moderation."""
    return CommentStatus.PENDING.value if status is CommentStatus.SPAM else status.value


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def edit_deadline(comment: Comment) -> dt.datetime:
    return comment.created_at + dt.timedelta(minutes=current_app.config["EDIT_WINDOW_MINUTES"])


def is_within_edit_window(comment: Comment, now: dt.datetime | None = None) -> bool:
    return (now or utcnow()) < edit_deadline(comment)


def author_view(comment: Comment, thread_key: str, edit_token: str | None = None) -> dict:
    """The author's own comment as the API answers it (pending or not)."""
    view: dict[str, Any] = {
        "id": comment.id,
        "status": public_status(comment.status),
        "thread_key": thread_key,
        "parent_id": comment.parent_id,
        "author": comment.author,
        "website": comment.website,
        "title": comment.title,
        "body": comment.body,
        "html": comment.body_html,
        "created_at": isoformat(comment.created_at),
        "edited_at": isoformat(comment.edited_at),
        "edit_until": isoformat(edit_deadline(comment)),
    }
    if edit_token is not None:
        view["edit_token"] = edit_token
    return view


@dataclass(frozen=True)
class PostedComment:
    id: int
    status: str
    thread_key: str
    edit_token: str
    answer: dict


# -- writing -----------------------------------------------------------------------------------


def _status_for(verdict: Verdict, reasons: list[dict] | None = None) -> CommentStatus:
    if verdict is Verdict.SPAM:
        return CommentStatus.SPAM
    # A comment that seems to disclose its writer's health details waits for a person, even
    # in auto mode: publishing it cannot be taken back.
    if (
        current_app.config["MODERATION_MODE"] == "auto"
        and verdict is Verdict.HAM
        and not has_health_reason(reasons)
    ):
        return CommentStatus.APPROVED
    return CommentStatus.PENDING


def _comment_reasons(assessment: Assessment, body: str, title: str | None) -> list[dict]:
    """The filter's reasons, and the guard's when the comment discloses health details."""
    return with_health_reason(stored_reasons(assessment), comment_text(body, title))


def _apply_assessment(comment: Comment, assessment: Assessment) -> None:
    """Store a new judgement of the comment's current text: the same columns a new comment's
    row gets."""
    reasons = _comment_reasons(assessment, comment.body, comment.title)
    for column, value in judged_columns(assessment, comment.body, reasons).items():
        setattr(comment, column, value)


_THREADS = Thread.__table__
# What posting needs to know of a thread: a plain row, no ORM object to build.
_THREAD_REF = DriverStatement(
    sa.select(_THREADS.c.id, _THREADS.c.locked).where(_THREADS.c.key == sa.bindparam("key"))
)


class ThreadRef(NamedTuple):
    id: int
    locked: bool


def _thread_ref(key: str) -> ThreadRef | None:
    cursor = _THREAD_REF.execute(db.session.connection(), {"key": key})
    row = cursor.fetchone()
    cursor.close()
    return None if row is None else ThreadRef(row[0], bool(row[1]))


def _check_parent(thread: Thread | ThreadRef | None, parent_id: int | None) -> None:
    if parent_id is None:
        return
    parent = db.session.get(Comment, parent_id)
    if (
        thread is None
        or parent is None
        or parent.thread_id != thread.id
        or parent.status is not CommentStatus.APPROVED
    ):
        raise ParentNotInThread(
            fields={"parent_id": ["Reply to a published comment of this thread."]}
        )


# The webhook event a comment's new status makes (one held as spam by the filter makes none:
# a spam flood must not become a flood of alerts).
_ANNOUNCED = {
    CommentStatus.PENDING: WebhookEvent.COMMENT_HELD,
    CommentStatus.APPROVED: WebhookEvent.COMMENT_PUBLISHED,
}


def post_comment(
    key: str,
    entry: CommentInput,
    form_token: FormTokenCheck,
    honeypot: str = "",
    claim: IdempotencyClaim | None = None,
) -> PostedComment:
    """Store a new comment, judged by the filter. Raises InvalidThreadKey, ThreadLocked,
    ParentNotInThread."""
    key = normalise_thread_key(key)
    thread = _thread_ref(key)
    if thread is not None and thread.locked:
        raise ThreadLocked()
    _check_parent(thread, entry.parent_id)
    # Judged before the transaction starts: the filter may store its starter model first.
    assessment = judge(
        request_submission(
            kind="comment",
            text=entry.body,
            author=entry.author,
            email=entry.email or "",
            website=entry.website or "",
            honeypot=honeypot,
            form_token=form_token.state,
            form_token_age=form_token.age,
        )
    )
    edit_token = secrets.token_urlsafe(32)
    reasons = _comment_reasons(assessment, entry.body, entry.title)
    status = _status_for(assessment.verdict, reasons)
    now = utcnow()
    row = {
        "parent_id": entry.parent_id,
        "author": entry.author,
        "email": entry.email,
        "website": entry.website,
        "title": entry.title,
        "body": entry.body,
        "body_html": render_markdown(entry.body),
        "status": status,
        **judged_columns(assessment, entry.body, reasons),
        "edit_token_hash": _token_hash(edit_token),
        "client_address": anonymize(client_address()),
        "is_staff": False,
        "flagged": False,
        "pinned": False,
        "created_at": now,
        "updated_at": now,
    }
    # Everything is computed before the write starts, so the write lock is held briefly.
    dialect = db.engine.dialect
    insert = None
    if thread is not None:
        thread_id = thread.id
        insert = _INSERT_COMMENT.bind(dialect, {**row, "thread_id": thread_id})
    with transaction() as session:
        if insert is None:  # the thread's first comment creates it
            thread_id = thread_for_writing(key).id
            insert = _INSERT_COMMENT.bind(dialect, {**row, "thread_id": thread_id})
        comment_id = _INSERT_COMMENT.insert(session.connection(), insert)
        if status is CommentStatus.APPROVED:
            threadcache.bump(session, [thread_id])  # a plain INSERT passes no flush hook
            if entry.parent_id is not None:
                notify_published([comment_id])  # the parent's author may have asked
        spend_form_token(form_token)
        if status is CommentStatus.PENDING:
            notify_moderators_of_pending_comments()
        if status in _ANNOUNCED:
            emit(_ANNOUNCED[status], "comment", comment_id, status.value, session.connection())
        stored_comment = SimpleNamespace(**row, id=comment_id, edited_at=None)
        answer = author_view(stored_comment, key, edit_token)  # type: ignore[arg-type]
        if claim is not None:
            # A replay answers everything but the edit token: only its hash is ever stored.
            claim.record(202, {k: v for k, v in answer.items() if k != "edit_token"})
    return PostedComment(comment_id, answer["status"], key, edit_token, answer)


_COMMENTS = Comment.__table__
_INSERT_COMMENT = DriverStatement(
    sa.insert(_COMMENTS),
    new_id=_COMMENTS.c.id,
    columns=(
        "thread_id",
        "parent_id",
        "author",
        "email",
        "website",
        "title",
        "body",
        "body_html",
        "content_hash",
        "status",
        "verdict",
        "score",
        "reasons",
        "spam_features",
        "edit_token_hash",
        "client_address",
        "is_staff",
        "flagged",
        "pinned",
        "created_at",
        "updated_at",
    ),
)


def _own_comment(comment_id: int, edit_token: str | None) -> Comment:
    if not 1 <= comment_id <= MAX_ID:
        raise CommentNotFound()
    comment = db.session.get(Comment, comment_id)
    if comment is None or comment.status is CommentStatus.DELETED:
        raise CommentNotFound()
    if not edit_token or not comment.edit_token_hash:
        raise BadEditToken("Send the comment's edit token in the X-Edit-Token header.")
    if not hmac.compare_digest(comment.edit_token_hash, _token_hash(edit_token)):
        raise BadEditToken()
    return comment


def _thread_key_of(comment: Comment) -> str:
    return db.session.scalar(sa.select(Thread.key).where(Thread.id == comment.thread_id))


def get_own_comment(comment_id: int, edit_token: str | None) -> dict:
    """The author's view of their comment. Raises CommentNotFound, BadEditToken."""
    comment = _own_comment(comment_id, edit_token)
    return author_view(comment, _thread_key_of(comment))


def _editable(comment_id: int, edit_token: str | None) -> Comment:
    comment = _own_comment(comment_id, edit_token)
    if comment.status is CommentStatus.REJECTED or not is_within_edit_window(comment):
        raise EditWindowClosed()
    return comment


def edit_comment(comment_id: int, edit_token: str | None, body: str) -> dict:
    """Replace a comment's text; it is judged again like a new one. Raises CommentNotFound,
    BadEditToken, EditWindowClosed, ThreadLocked."""
    comment = _editable(comment_id, edit_token)
    thread = db.session.get(Thread, comment.thread_id)
    if thread.locked:
        raise ThreadLocked()
    assessment = judge(
        request_submission(
            kind="comment",
            text=body,
            author=comment.author,
            email=comment.email or "",
            website=comment.website or "",
            # The form token was checked when the comment was posted.
            form_token=FormTokenState.VALID,
        )
    )
    with transaction():
        before = comment.status
        comment.body = body
        comment.body_html = render_markdown(body)
        comment.edited_at = utcnow()
        _apply_assessment(comment, assessment)  # with the new text's hash
        if comment.status is not CommentStatus.SPAM:
            # A comment held as spam stays there: editing must not be a way to probe the filter.
            comment.status = _status_for(comment.verdict, comment.reasons)
        if comment.status is CommentStatus.APPROVED:
            # Published again by the filter: no moderator has approved the new text.
            comment.moderator_id = None
        if comment.status is CommentStatus.PENDING:
            notify_moderators_of_pending_comments()
        if comment.status in _ANNOUNCED and comment.status is not before:
            emit(_ANNOUNCED[comment.status], "comment", comment.id, comment.status.value)
        if comment.status is CommentStatus.APPROVED:
            notify_published([comment.id])  # once per reader: a re-published edit adds none
        answer = author_view(comment, thread.key)
    return answer


def delete_comment(comment_id: int, edit_token: str | None) -> None:
    """The author withdraws their comment.
    Raises CommentNotFound, BadEditToken, EditWindowClosed."""
    comment = _editable(comment_id, edit_token)
    with transaction():
        comment.status = CommentStatus.DELETED


def report_comment(
    comment_id: int, reason: str, claim: IdempotencyClaim | None = None
) -> tuple[str, dict]:
    """A reader reports a published comment: it goes to the queue, flagged with the reason.

    Most reported comments leave the page until a moderator has looked. A staff reply, and a
    comment a moderator already approved, stay on the page, flagged in the queue: one anonymous
    report must not take down what staff wrote or decided. Reports count once per address range
    (the truncated address that is stored): repeating one changes nothing, and the answer is the
    same either way. Returns the thread key and the answer. Raises CommentNotFound."""
    if not 1 <= comment_id <= MAX_ID:
        raise CommentNotFound()
    with transaction():
        comment = db.session.get(Comment, comment_id)
        already_reported = (
            comment is not None and comment.flagged and comment.status is CommentStatus.PENDING
        )
        published = comment is not None and comment.status is CommentStatus.APPROVED
        if not (published or already_reported):
            raise CommentNotFound("There is no such published comment.")
        if _record_report(comment, reason) and not comment.flagged:
            comment.flagged = True
            comment.flag_reason = reason
            if not stays_on_the_page_when_reported(comment):
                comment.status = CommentStatus.PENDING
                emit(WebhookEvent.COMMENT_HELD, "comment", comment.id, comment.status.value)
            notify_moderators_of_pending_comments()
        answer = {"id": comment.id, "reported": True}
        if claim is not None:
            claim.record(202, answer)
        key = _thread_key_of(comment)
    return key, answer


def stays_on_the_page_when_reported(comment: Comment) -> bool:
    """A staff reply, or a comment a moderator approved (as it reads now)."""
    return comment.is_staff or (
        comment.status is CommentStatus.APPROVED and comment.moderator_id is not None
    )


def _record_report(comment: Comment, reason: str) -> bool:
    """Store the report of the current reader's address range; False if that range had
    reported the comment already (it counts once)."""
    # Outside a request (a script calling the service) there is no reader's address.
    address = (anonymize(client_address()) if has_request_context() else None) or "unknown"
    try:
        with db.session.begin_nested():
            db.session.add(
                CommentReport(comment_id=comment.id, client_address=address, reason=reason)
            )
    except IntegrityError:
        return False
    return True


# -- reading -----------------------------------------------------------------------------------


@dataclass
class CommentNode:
    """One comment as readers see it; a tombstone keeps the place of a removed comment."""

    id: int
    parent_id: int | None
    author: str
    is_staff: bool
    website: str | None
    html: str
    created_at: dt.datetime
    edited_at: dt.datetime | None
    deleted: bool
    pinned: bool = False
    depth: int = 1
    replies: list[CommentNode] = field(default_factory=list)
    display_parent: CommentNode | None = field(default=None, repr=False)


@dataclass
class ThreadPage:
    key: str
    title: str | None
    count: int
    locked: bool
    comments: list[CommentNode]
    next: int | None
    own_pending: list[dict] = field(default_factory=list)
    sort: str = DEFAULT_SORT

    @property
    def has_published(self) -> bool:
        return self.count > 0


def read_page_bounds(after: str | None, limit: str | None) -> tuple[int | None, int]:
    """Parse `after` and `limit` from a query string. Raises ValidationFailed."""
    page = validate_shape(PageQuery, {"after": after, "limit": limit}, context={"from_text": True})
    return page.after, page.limit or DEFAULT_PAGE


def list_thread(
    key: str,
    after: int | None = None,
    limit: int = DEFAULT_PAGE,
    own: Iterable[tuple[int, str]] = (),
    sort: str = DEFAULT_SORT,
) -> ThreadPage:
    """A page of a thread's published comments, nested, in the reader's order (replies stay
    oldest first under their comment); the pinned comment comes first. An unknown key is an
    empty thread (nothing is created). Raises InvalidThreadKey."""
    key = normalise_thread_key(key)
    thread = find_thread(key)
    if thread is None:
        return ThreadPage(key, None, 0, False, [], None, sort=sort)
    approved = Comment.status == CommentStatus.APPROVED
    parents_of_published = sa.select(Comment.parent_id).where(
        Comment.thread_id == thread.id, approved, Comment.parent_id.is_not(None)
    )
    rows = db.session.execute(
        sa.select(
            Comment.id,
            Comment.parent_id,
            Comment.author,
            Comment.is_staff,
            Comment.website,
            Comment.title,
            Comment.body_html,
            Comment.status,
            Comment.created_at,
            Comment.edited_at,
            Comment.pinned,
        )
        .where(
            Comment.thread_id == thread.id,
            sa.or_(approved, Comment.id.in_(parents_of_published)),
        )
        .order_by(Comment.id)
    ).all()
    roots, count, title = _build_tree(rows, current_app.config["COMMENT_MAX_DEPTH"])
    roots = order_roots(roots, sort)
    if after is not None:
        roots = _after(roots, after, sort)
    shown, rest = roots[:limit], roots[limit:]
    return ThreadPage(
        key=thread.key,
        title=thread.title or title,
        count=count,
        locked=thread.locked,
        comments=shown,
        next=shown[-1].id if rest else None,
        own_pending=_own_pending(thread, own),
        sort=sort,
    )


def _holds(node: CommentNode, wanted) -> bool:
    """Whether the comment or any reply under it is `wanted`."""
    return wanted(node) or any(_holds(reply, wanted) for reply in node.replies)


def _is_pinned(node: CommentNode) -> bool:
    return node.pinned


def _is_staff_answer(node: CommentNode) -> bool:
    return node.is_staff and not node.deleted


def order_roots(roots: list[CommentNode], sort: str) -> list[CommentNode]:
    """Top-level comments in the reader's order (they arrive oldest first). `staff`: the
    conversations that hold a clinic answer first. The conversation holding the pinned
    comment comes first in every order, and the pinned reply first among its siblings."""
    if sort == "newest":
        # By when they were written (an imported comment's id says nothing of its age).
        roots = sorted(roots, key=lambda root: (root.created_at, root.id), reverse=True)
    elif sort == "staff":
        roots = sorted(roots, key=lambda root: not _holds(root, _is_staff_answer))
    holding = [root for root in roots if _holds(root, _is_pinned)]
    if not holding:
        return roots
    pinned_root = holding[0]
    node = pinned_root
    while not node.pinned:  # bring the pinned reply to the top of each level on its way
        branch = next(reply for reply in node.replies if _holds(reply, _is_pinned))
        node.replies.remove(branch)
        node.replies.insert(0, branch)
        node = branch
    return [pinned_root, *(root for root in roots if root is not pinned_root)]


def _after(roots: list[CommentNode], after: int, sort: str) -> list[CommentNode]:
    """The roots that follow `after` (the last id of the previous page) in this order."""
    if after == 0:
        return roots
    for position, root in enumerate(roots):
        if root.id == after:
            return roots[position + 1 :]
    # The comment went away meanwhile: by time, carry on from its id; the pinned
    # conversation was on the first page.
    rest = [root for root in roots if not _holds(root, _is_pinned)]
    if sort == "newest":
        return [root for root in rest if root.id < after]
    return [root for root in rest if root.id > after]


def _build_tree(rows: list, max_depth: int) -> tuple[list[CommentNode], int, str | None]:
    nodes: dict[int, CommentNode] = {}
    roots: list[CommentNode] = []
    count = 0
    title = None
    for row in rows:  # ordered by id, so a parent always comes before its replies
        published = row.status is CommentStatus.APPROVED
        count += published
        if published and title is None and row.title:
            title = row.title
        node = CommentNode(
            id=row.id,
            parent_id=row.parent_id,
            author=row.author if published else "",
            is_staff=row.is_staff if published else False,
            website=row.website if published else None,
            html=row.body_html if published else "",
            created_at=row.created_at,
            edited_at=row.edited_at if published else None,
            deleted=not published,
            pinned=bool(row.pinned) and published,
        )
        nodes[row.id] = node
        parent = nodes.get(row.parent_id) if row.parent_id else None
        # Deeper replies join the deepest shown level; their parent_id still names the parent.
        while parent is not None and parent.depth >= max_depth:
            parent = parent.display_parent
        if parent is None:
            roots.append(node)
        else:
            node.depth = parent.depth + 1
            node.display_parent = parent
            parent.replies.append(node)
    return roots, count, title


def _own_pending(thread: Thread, own: Iterable[tuple[int, str]]) -> list[dict]:
    """The author's own comments that readers cannot see yet (from the page's session)."""
    tokens = {
        comment_id: token
        for comment_id, token in own
        if isinstance(comment_id, int) and 1 <= comment_id <= MAX_ID and isinstance(token, str)
    }
    if not tokens:
        return []
    comments = db.session.scalars(
        sa.select(Comment)
        .where(
            Comment.id.in_(tokens),
            Comment.thread_id == thread.id,
            Comment.status.in_([CommentStatus.PENDING, CommentStatus.SPAM]),
        )
        .order_by(Comment.id)
    ).all()
    return [
        author_view(comment, thread.key)
        for comment in comments
        if comment.edit_token_hash
        and hmac.compare_digest(comment.edit_token_hash, _token_hash(tokens[comment.id]))
    ]


def node_json(node: CommentNode) -> dict:
    """A comment of the public thread, as the contract shapes it."""
    return {
        "id": node.id,
        "parent_id": node.parent_id,
        "author": node.author,
        "is_staff": node.is_staff,
        "website": node.website,
        "html": node.html,
        "created_at": isoformat(node.created_at),
        "edited_at": isoformat(node.edited_at),
        "deleted": node.deleted,
        "pinned": node.pinned,
        "replies": [node_json(reply) for reply in node.replies],
    }


def thread_json(page: ThreadPage) -> dict:
    return {
        "thread": {
            "key": page.key,
            "title": page.title,
            "count": page.count,
            "locked": page.locked,
        },
        "comments": [node_json(node) for node in page.comments],
        "next": page.next,
    }


def split_count_keys(values: list[str]) -> list[str]:
    """`keys=a&keys=b` as sent; one `keys=a,b` is split at its commas."""
    if len(values) == 1:
        values = values[0].split(",")
    return [value for value in values if value != ""]


def count_comments(keys: list[str]) -> dict[str, int]:
    """Published comments per thread key, keyed as asked. Raises ValidationFailed."""
    if not keys:
        raise ValidationFailed("Name at least one thread key.", {"keys": ["Name a thread key."]})
    if len(keys) > MAX_COUNT_KEYS:
        raise ValidationFailed(
            f"Ask for at most {MAX_COUNT_KEYS} threads at once.",
            {"keys": [f"At most {MAX_COUNT_KEYS} keys."]},
        )
    normalised = {raw: normalise_thread_key(raw) for raw in keys}
    rows = db.session.execute(
        sa.select(Thread.key, sa.func.count(Comment.id))
        .join(
            Comment,
            sa.and_(Comment.thread_id == Thread.id, Comment.status == CommentStatus.APPROVED),
            isouter=True,
        )
        .where(Thread.key.in_(set(normalised.values())))
        .group_by(Thread.key)
    ).all()
    counts = dict(rows)
    return {raw: counts.get(key, 0) for raw, key in normalised.items()}
