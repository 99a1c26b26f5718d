"""Reply notifications for readers, with double opt-in.

A reader asks (the comment form's "notify me of replies", the "follow this thread" form, or
`POST /api/threads/<key>/subscriptions`) and gets the same answer whatever the address: known,
unknown, confirmed or not, or asked for too often. An unconfirmed address receives exactly one
mail, the confirmation link, and at most one an hour; nothing else is ever sent to it.

Once confirmed, an address hears about comments that are *published* (never a pending or spam
item): replies to the comment it subscribed under, and staff answers in a thread it follows.
`notify_published` is called in the transaction that publishes a comment, wherever that
happens (a post judged ham in `auto` mode, a moderator's approval, a staff reply), so the
moderation side reaches it without importing the comments audience. Every mail goes through
the outbox, in the reader's language, with a one-click unsubscribe (RFC 8058) and a link to
manage all subscriptions of the address, and carries only what the page shows anyway.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any

import pydantic
import sqlalchemy as sa
from flask import current_app, render_template
from flask_babel import gettext, ngettext
from sqlalchemy.exc import IntegrityError

from service.data.database import MAX_ID, transaction, utcnow
from service.data.extensions import db
from service.data.models import (
    Comment,
    CommentStatus,
    Digest,
    ReaderLinkPurpose,
    ReaderNotice,
    Subscriber,
    Subscription,
    Thread,
)
from service.submissions.idempotency import IdempotencyClaim
from service.submissions.outbox import enqueue
from service.submissions.readerlinks import (
    ReaderLinkInvalid,
    issue_link,
    new_nonce,
    open_link,
    public_url,
    read_signed_token,
    signed_token,
    thread_url,
    use_link,
)
from service.submissions.shapes import Email, Text, WholeNumber, validate_shape
from service.submissions.threads import thread_for_writing
from service.web.errors import NotFound, ValidationFailed
from service.web.i18n import N_, language

CONFIRMATION_INTERVAL = dt.timedelta(hours=1)
DIGEST_INTERVAL = dt.timedelta(days=1)
EXCERPT = 600
MAX_LANG = 100
ANSWER = {"status": "confirmation_sent"}
CONFIRM_PURPOSE = "reader-confirm"
NOTICE_PURPOSE = "reader-notice"
DIGEST_PURPOSE = "reader-digest"
UNSUBSCRIBE_PATH = "/subscriptions/unsubscribe"
MANAGE_PATH = "/subscriptions/manage"
CONFIRM_PATH = "/subscriptions/confirm"


class SubscribedCommentNotFound(NotFound, code="comment_not_found"):
    default_message = "There is no such comment in this thread."


@dataclass(frozen=True)
class SubscriptionRequest:
    email: str
    comment_id: int | None = None


class SubscriptionBody(pydantic.BaseModel):
    """A request for reply notifications. Other keys are ignored."""

    email: Annotated[str, Email()]
    comment_id: Annotated[
        int | None,
        WholeNumber(
            1,
            MAX_ID,
            description="Replies to this comment of the thread; without it, new staff answers "
            "in the thread.",
        ),
    ] = None
    lang: Annotated[
        str | None,
        Text(
            MAX_LANG,
            required=None,
            description="The reader's languages for the mails, first choice first (`es-MX,es`); "
            "else the request's.",
        ),
    ] = None


def read_subscription_request(data: Mapping[str, Any]) -> SubscriptionRequest:
    """The accepted fields of a subscription request. Raises ValidationFailed."""
    body = validate_shape(SubscriptionBody, dict(data))
    return SubscriptionRequest(body.email, body.comment_id)


def read_digest(value: str | None) -> Digest:
    """Raises ValidationFailed for anything but `immediate` or `daily`."""
    try:
        return Digest(value or "")
    except ValueError:
        raise ValidationFailed(
            N_("Choose immediate or daily."), {"digest": ["immediate or daily"]}
        ) from None


def _subscriber_by_email(email: str) -> Subscriber | None:
    return db.session.scalar(
        sa.select(Subscriber).where(sa.func.lower(Subscriber.email) == email.lower())
    )


def _subscriber_for(email: str, lang: str) -> Subscriber:
    subscriber = _subscriber_by_email(email)
    if subscriber is not None:
        return subscriber
    try:
        with db.session.begin_nested():
            subscriber = Subscriber(email=email, language=lang, nonce=new_nonce())
            db.session.add(subscriber)
    except IntegrityError:
        subscriber = _subscriber_by_email(email)
        if subscriber is None:
            raise
    return subscriber


def subscribe(
    thread_key: str,
    request: SubscriptionRequest,
    lang: str,
    claim: IdempotencyClaim | None = None,
) -> dict:
    """Ask for reply notifications (`comment_id`) or a thread's staff answers (none). The
    answer is the same whatever the address. `thread_key` must be normalised already.

    Raises SubscribedCommentNotFound (404) when `comment_id` names no comment of the thread:
    the request is well-formed, the comment is not there."""
    with transaction():
        thread = thread_for_writing(thread_key)
        if request.comment_id is not None:
            status = db.session.scalar(
                sa.select(Comment.status).where(
                    Comment.id == request.comment_id, Comment.thread_id == thread.id
                )
            )
            # Held or not, a comment of the thread will do: spam gets no signal here either.
            if status is None or status is CommentStatus.DELETED:
                raise SubscribedCommentNotFound(
                    N_("Reply notifications need a comment of this thread."),
                    {"comment_id": ["Name a comment of this thread."]},
                )
        subscriber = _subscriber_for(request.email, lang)
        exists = db.session.scalar(
            sa.select(Subscription.id).where(
                Subscription.subscriber_id == subscriber.id,
                Subscription.thread_id == thread.id,
                Subscription.comment_id.is_(None)
                if request.comment_id is None
                else Subscription.comment_id == request.comment_id,
            )
        )
        if exists is None:
            db.session.add(
                Subscription(
                    subscriber_id=subscriber.id,
                    thread_id=thread.id,
                    comment_id=request.comment_id,
                    nonce=new_nonce(),
                )
            )
        if subscriber.confirmed_at is None:
            _send_confirmation(subscriber)
        if claim is not None:
            claim.record(202, ANSWER)
    return dict(ANSWER)


def _send_confirmation(subscriber: Subscriber, now: dt.datetime | None = None) -> bool:
    """One confirmation mail, unless one went out in the last hour. True if one was queued."""
    now = now or utcnow()
    last = subscriber.confirmation_sent_at
    if last is not None and now - last < CONFIRMATION_INTERVAL:
        return False
    token = issue_link(ReaderLinkPurpose.CONFIRM, subscriber.email)
    clinic = current_app.config["CLINIC_NAME"]
    with language(subscriber.language):
        subject = gettext("Confirm reply notifications from %(clinic)s", clinic=clinic)
        body = render_template(
            "email/reader_confirm.txt",
            link=public_url(CONFIRM_PATH, t=token),
            hours=current_app.config["READER_LINK_HOURS"],
        )
    enqueue(subscriber.email, subject, body, purpose=CONFIRM_PURPOSE)
    subscriber.confirmation_sent_at = now
    return True


def confirm_address(token: str | None) -> str:
    """Confirm the address a confirmation link was sent to; returns the manage token.
    Raises ReaderLinkInvalid."""
    with transaction():
        link = use_link(token, ReaderLinkPurpose.CONFIRM)
        subscriber = _subscriber_by_email(link.email)
        if subscriber is None:  # erased since the link was sent
            raise ReaderLinkInvalid()
        if subscriber.confirmed_at is None:
            subscriber.confirmed_at = utcnow()
        manage = signed_token("m", subscriber.id, subscriber.nonce)
    return manage


def check_confirmation_link(token: str | None) -> None:
    """Raises ReaderLinkInvalid unless the confirmation link can still be used."""
    with transaction():
        open_link(token, ReaderLinkPurpose.CONFIRM)


# -- unsubscribing and managing ------------------------------------------------------------------


def unsubscribe(token: str | None) -> int:
    """One-click unsubscribe: one subscription ("s" token) or every one of an address ("a").
    Repeating it is harmless. Returns how many subscriptions ended. Raises ReaderLinkInvalid
    for a token that was not signed by us."""
    kind, row_id, nonce = read_signed_token(token, ("s", "a"))
    with transaction():
        if kind == "s":
            query = sa.delete(Subscription).where(
                Subscription.id == row_id, Subscription.nonce == nonce
            )
        else:
            owner = sa.select(Subscriber.id).where(
                Subscriber.id == row_id, Subscriber.nonce == nonce
            )
            query = sa.delete(Subscription).where(Subscription.subscriber_id.in_(owner))
        ended = db.session.execute(query.execution_options(synchronize_session=False)).rowcount
    return ended or 0


@dataclass(frozen=True)
class FollowedItem:
    id: int
    thread_key: str
    thread_title: str | None
    comment_id: int | None
    unsubscribe_token: str


@dataclass(frozen=True)
class SubscriberView:
    email: str
    confirmed: bool
    digest: str
    items: list[FollowedItem]


def _subscriber_for_token(token: str | None) -> Subscriber:
    _, row_id, nonce = read_signed_token(token, ("m",))
    subscriber = db.session.get(Subscriber, row_id)
    if subscriber is None or subscriber.nonce != nonce:
        raise ReaderLinkInvalid()
    return subscriber


def manage_view(token: str | None) -> SubscriberView:
    """What the manage page shows. Raises ReaderLinkInvalid."""
    subscriber = _subscriber_for_token(token)
    rows = db.session.execute(
        sa.select(
            Subscription.id, Subscription.comment_id, Subscription.nonce, Thread.key, Thread.title
        )
        .join(Thread, Thread.id == Subscription.thread_id)
        .where(Subscription.subscriber_id == subscriber.id)
        .order_by(Subscription.id)
    ).all()
    return SubscriberView(
        email=subscriber.email,
        confirmed=subscriber.confirmed_at is not None,
        digest=subscriber.digest.value,
        items=[
            FollowedItem(
                row.id, row.key, row.title, row.comment_id, signed_token("s", row.id, row.nonce)
            )
            for row in rows
        ],
    )


def set_digest(token: str | None, digest: Digest) -> None:
    """Immediate mail, or one daily digest. Raises ReaderLinkInvalid."""
    with transaction():
        _subscriber_for_token(token).digest = digest


def stop_one(token: str | None, subscription_id: int) -> None:
    """End one subscription of the address behind the manage token. Raises ReaderLinkInvalid."""
    with transaction():
        subscriber = _subscriber_for_token(token)
        db.session.execute(
            sa.delete(Subscription)
            .where(Subscription.id == subscription_id, Subscription.subscriber_id == subscriber.id)
            .execution_options(synchronize_session=False)
        )


def stop_all(token: str | None) -> None:
    """End every subscription of the address behind the manage token."""
    with transaction():
        subscriber = _subscriber_for_token(token)
        db.session.execute(
            sa.delete(Subscription)
            .where(Subscription.subscriber_id == subscriber.id)
            .execution_options(synchronize_session=False)
        )


# -- telling readers ---------------------------------------------------------------------------


def _excerpt(text: str) -> str:
    text = text.strip()
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…"


def _mail_item(comment: Comment, thread: Thread) -> dict:
    """Only what the page shows: the published reply's author, text, and where it stands."""
    return {
        "author": comment.author,
        "is_staff": comment.is_staff,
        "text": _excerpt(comment.body),
        "title": thread.title or thread.key,
        "link": thread_url(thread.key, comment.id),
    }


def _footer_links(subscriber: Subscriber, unsubscribe_token: str) -> dict[str, str]:
    return {
        "unsubscribe": public_url(UNSUBSCRIBE_PATH, t=unsubscribe_token),
        "manage": public_url(MANAGE_PATH, t=signed_token("m", subscriber.id, subscriber.nonce)),
    }


def _enqueue_news(
    subscriber: Subscriber, subject: str, body: str, purpose: str, unsubscribe_link: str
) -> None:
    """Queue a notice or digest for a confirmed reader, with its one-click unsubscribe."""
    enqueue(
        subscriber.email,
        subject[:200],
        body,
        purpose=purpose,
        # RFC 8058: a mail client may unsubscribe with one POST, no page, no cookie.
        headers={
            "List-Unsubscribe": f"<{unsubscribe_link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def notify_published(comment_ids: list[int], now: dt.datetime | None = None) -> int:
    """Tell confirmed readers about these comments if they are published now, in the caller's
    transaction: replies to a comment they subscribed under, and staff answers in a thread
    they follow. Each subscription hears about a comment once. Returns how many mails were
    queued (daily digests are sent later by `send_due_digests`)."""
    now = now or utcnow()
    queued = 0
    for comment_id in comment_ids:
        comment = db.session.get(Comment, comment_id)
        if comment is None or comment.status is not CommentStatus.APPROVED:
            continue
        wanted = []
        if comment.parent_id is not None:
            wanted.append(Subscription.comment_id == comment.parent_id)
        if comment.is_staff:
            wanted.append(
                sa.and_(
                    Subscription.thread_id == comment.thread_id,
                    Subscription.comment_id.is_(None),
                )
            )
        if not wanted:
            continue
        already = sa.select(ReaderNotice.id).where(
            ReaderNotice.subscription_id == Subscription.id,
            ReaderNotice.comment_id == comment.id,
        )
        rows = db.session.execute(
            sa.select(Subscription, Subscriber)
            .join(Subscriber, Subscriber.id == Subscription.subscriber_id)
            .where(sa.or_(*wanted), Subscriber.confirmed_at.is_not(None), ~already.exists())
            .order_by(Subscription.id)
        ).all()
        told: set[int] = set()
        for subscription, subscriber in rows:
            if comment.email and comment.email.lower() == subscriber.email.lower():
                continue  # nobody hears about their own comment
            immediate = subscriber.digest is Digest.IMMEDIATE and subscriber.id not in told
            db.session.add(
                ReaderNotice(
                    subscription_id=subscription.id,
                    subscriber_id=subscriber.id,
                    comment_id=comment.id,
                    created_at=now,
                    mailed_at=now if subscriber.digest is Digest.IMMEDIATE else None,
                )
            )
            if immediate:
                told.add(subscriber.id)
                _send_notice(subscriber, subscription, comment)
                queued += 1
    return queued


def _send_notice(subscriber: Subscriber, subscription: Subscription, comment: Comment) -> None:
    thread = db.session.get(Thread, comment.thread_id)
    item = _mail_item(comment, thread)
    links = _footer_links(subscriber, signed_token("s", subscription.id, subscription.nonce))
    clinic = current_app.config["CLINIC_NAME"]
    with language(subscriber.language):
        if comment.is_staff and subscription.comment_id is None:
            subject = gettext("The clinic answered in “%(title)s”", title=item["title"])
        else:
            subject = gettext("New reply in “%(title)s”", title=item["title"])
        body = render_template("email/reader_notice.txt", items=[item], clinic=clinic, **links)
    _enqueue_news(subscriber, subject, body, NOTICE_PURPOSE, links["unsubscribe"])


def send_due_digests(now: dt.datetime | None = None) -> int:
    """Queue one digest for each daily reader with news whose last digest is a day old.
    Returns how many mails were queued."""
    now = now or utcnow()
    queued = 0
    with transaction():
        due = db.session.scalars(
            sa.select(Subscriber)
            .where(
                Subscriber.digest == Digest.DAILY,
                Subscriber.confirmed_at.is_not(None),
                sa.or_(
                    Subscriber.last_digest_at.is_(None),
                    Subscriber.last_digest_at <= now - DIGEST_INTERVAL,
                ),
                sa.select(ReaderNotice.id)
                .where(
                    ReaderNotice.subscriber_id == Subscriber.id, ReaderNotice.mailed_at.is_(None)
                )
                .exists(),
            )
            .order_by(Subscriber.id)
        ).all()
        for subscriber in due:
            notices = db.session.scalars(
                sa.select(ReaderNotice)
                .where(
                    ReaderNotice.subscriber_id == subscriber.id, ReaderNotice.mailed_at.is_(None)
                )
                .order_by(ReaderNotice.id)
            ).all()
            items, seen = [], set()
            for notice in notices:
                notice.mailed_at = now
                comment = db.session.get(Comment, notice.comment_id)
                # Unpublished since (deleted, rejected): it is no longer on the page.
                if comment is None or comment.status is not CommentStatus.APPROVED:
                    continue
                if comment.id in seen:
                    continue
                seen.add(comment.id)
                items.append(_mail_item(comment, db.session.get(Thread, comment.thread_id)))
            subscriber.last_digest_at = now
            if not items:
                continue
            links = _footer_links(subscriber, signed_token("a", subscriber.id, subscriber.nonce))
            clinic = current_app.config["CLINIC_NAME"]
            with language(subscriber.language):
                subject = ngettext(
                    "%(clinic)s: %(num)d new reply for you",
                    "%(clinic)s: %(num)d new replies for you",
                    len(items),
                    clinic=clinic,
                )
                body = render_template(
                    "email/reader_notice.txt", items=items, clinic=clinic, **links
                )
            _enqueue_news(subscriber, subject, body, DIGEST_PURPOSE, links["unsubscribe"])
            queued += 1
    return queued
