"""`Idempotency-Key` for every public POST: a repeat returns the first answer, stores nothing.

A key is claimed before the work starts (a concurrent repeat gets 409) and its answer is written
in the same transaction as the submission, so a retry after a crash either finds the answer or
finds nothing stored and does the work once. Keys are scoped to the endpoint and the client
address and kept 24 hours.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import Response, g, request
from sqlalchemy.exc import IntegrityError

from service.data.database import utcnow
from service.data.extensions import db
from service.data.models import IdempotencyRecord
from service.web.errors import Conflict, Unprocessable, ValidationFailed
from service.web.netaddr import rate_limit_key

KEEP = dt.timedelta(hours=24)
# A claim with no answer after this long belongs to a request that died before committing:
# gunicorn's worker timeout (30 s) ends any request before then.
STALE = dt.timedelta(seconds=35)
MAX_KEY_LENGTH = 100


@dataclass(frozen=True)
class IdempotencyClaim:
    record_id: int

    def record(
        self, status: int, body: dict[str, Any], connection: sa.Connection | None = None
    ) -> None:
        """Store the answer in the caller's transaction (the one that stores the submission):
        on `connection` if given, else in the session.

        Raises Conflict when the claim is gone: this request ran so long that a retry took the
        key over as abandoned and did the work itself, so this transaction must not commit."""
        writer = connection if connection is not None else db.session
        records = IdempotencyRecord.__table__
        result = writer.execute(
            sa.update(records)
            .where(records.c.id == self.record_id, records.c.status_code.is_(None))
            .values(status_code=status, response_body=json.dumps(body))
        )
        if result.rowcount != 1:
            raise Conflict(
                "A retry with this Idempotency-Key has already been answered; send it again "
                "to get that answer."
            )


def current_claim() -> IdempotencyClaim | None:
    """The claim of the request being served, if it sent an Idempotency-Key."""
    return g.get("idempotency_claim")


def _valid_key(key: str) -> bool:
    return 0 < len(key) <= MAX_KEY_LENGTH and all(33 <= ord(c) < 127 for c in key)


def _replay(record: IdempotencyRecord) -> Response:
    response = Response(
        record.response_body or "{}", status=record.status_code, mimetype="application/json"
    )
    response.headers["Idempotent-Replayed"] = "true"
    return response


def _claim(scope: str, key: str, body_hash: str) -> IdempotencyClaim | Response:
    for _ in range(3):
        now = utcnow()
        existing = db.session.scalar(
            sa.select(IdempotencyRecord).where(
                IdempotencyRecord.scope == scope, IdempotencyRecord.key == key
            )
        )
        if existing is not None:
            abandoned = existing.status_code is None and existing.created_at < now - STALE
            if existing.expires_at <= now or abandoned:
                # Conditional, so a claim answered meanwhile (its row locked until then) stays.
                db.session.execute(
                    sa.delete(IdempotencyRecord).where(
                        IdempotencyRecord.id == existing.id,
                        sa.or_(
                            IdempotencyRecord.expires_at <= now,
                            sa.and_(
                                IdempotencyRecord.status_code.is_(None),
                                IdempotencyRecord.created_at < now - STALE,
                            ),
                        ),
                    )
                )
                db.session.commit()
                continue
            if existing.body_hash != body_hash:
                raise Unprocessable(
                    "This Idempotency-Key was already used with a different request body. "
                    "Use a new key for a new request."
                )
            if existing.status_code is None:
                raise Conflict(
                    "A request with this Idempotency-Key is still being processed; "
                    "retry in a moment."
                )
            return _replay(existing)
        record = IdempotencyRecord(scope=scope, key=key, body_hash=body_hash, expires_at=now + KEEP)
        db.session.add(record)
        try:
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
            continue
        return IdempotencyClaim(record.id)
    raise Conflict("A request with this Idempotency-Key is still being processed; retry shortly.")


def _release(claim: IdempotencyClaim) -> None:
    """Forget a claim whose request stored nothing, so the client may retry with the key."""
    db.session.rollback()
    db.session.execute(
        sa.delete(IdempotencyRecord).where(
            IdempotencyRecord.id == claim.record_id, IdempotencyRecord.status_code.is_(None)
        )
    )
    db.session.commit()


def idempotent(endpoint: str) -> Callable:
    """Make a POST view honour `Idempotency-Key`; its service calls `claim.record(...)`."""

    def decorate(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            key = request.headers.get("Idempotency-Key")
            if key is None:
                return view(*args, **kwargs)
            if not _valid_key(key):
                raise ValidationFailed(
                    "The Idempotency-Key header must be 1 to 100 visible ASCII characters.",
                    {"Idempotency-Key": ["1 to 100 visible ASCII characters"]},
                )
            target = hashlib.sha256(
                json.dumps(request.view_args or {}, sort_keys=True).encode()
            ).hexdigest()[:16]
            scope = f"{endpoint}:{target}:{rate_limit_key()}"
            body_hash = hashlib.sha256(request.get_data()).hexdigest()
            outcome = _claim(scope[:200], key, body_hash)
            if isinstance(outcome, Response):
                return outcome
            g.idempotency_claim = outcome
            try:
                response = view(*args, **kwargs)
            except BaseException:
                _release(outcome)
                raise
            stored = db.session.scalar(
                sa.select(IdempotencyRecord.status_code).where(
                    IdempotencyRecord.id == outcome.record_id
                )
            )
            if stored is None:
                _release(outcome)
            return response

        return wrapper

    return decorate


def purge_expired(now: dt.datetime | None = None) -> int:
    """Delete keys older than 24 hours. Returns how many."""
    result = db.session.execute(
        sa.delete(IdempotencyRecord).where(IdempotencyRecord.expires_at <= (now or utcnow()))
    )
    db.session.commit()
    return result.rowcount
