"""The spam filter's database side: facts for `assess()`, and the shared learned model.

The learned state lives in the database: a base state (row 1 of `spam_model_state`) plus
`spam_lessons`, one per moderator decision, as hashed features. Every worker keeps the model
in memory and, before judging, applies the lessons it has not seen yet, so all workers and
hosts judge with the same state. `spam train` folds lessons into a new base.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace

import sqlalchemy as sa
from flask import current_app, request
from sqlalchemy.exc import IntegrityError

from service.data.database import UTCDateTime, transaction, utcnow
from service.data.extensions import db
from service.data.fastpaths import DriverStatement
from service.data.models import (
    BlocklistEntry,
    Comment,
    Inquiry,
    SpamLesson,
    SpamModelState,
)
from service.spam.columns import StaleModelState
from service.spam.corpus import LabelledRow
from service.spam.evaluation import train_model
from service.spam.featurize import (
    features_for_lesson,
    lesson_features,
    pack_features,
    unpack_features,
)
from service.spam.links import domain_of
from service.spam.memory import release_freed_memory
from service.spam.model import LearnedModel, ModelFormatError
from service.spam.pipeline import assess, thresholds_from_settings
from service.spam.pipeline import content_hash as _content_hash
from service.spam.starter import STARTER_PATH, starter_bytes
from service.spam.submission import Assessment, Blocklist, Facts, FormTokenState, Submission
from service.submissions.ratelimits import site_is_busy
from service.web.netaddr import anonymize, client_address

STATE_ID = 1
logger = logging.getLogger(__name__)

# The same text is hashed for the duplicate lookup and again for the row that stores it.
content_hash = functools.lru_cache(maxsize=64)(_content_hash)
DUPLICATE_WINDOW = dt.timedelta(hours=24)
ADDRESS_WINDOW = dt.timedelta(hours=1)


@dataclass
class _Loaded:
    model: LearnedModel
    state_stamp: tuple[int, str]
    last_lesson_id: int


_lock = threading.Lock()
_loaded: dict[str, _Loaded] = {}  # per database URL: tests run several apps in one process
_trained_starter: bytes | None = None


def starter_model_bytes() -> bytes:
    """The bundled corpus's model, read from the shipped file each time it is needed (rarely:
    to store the first base state). Kept in memory only when the file is missing and it had to
    be trained: a worker does not hold the 4 MB it needs once."""
    global _trained_starter
    if _trained_starter is not None:
        return _trained_starter
    if STARTER_PATH.is_file():
        return STARTER_PATH.read_bytes()
    _trained_starter = starter_bytes()
    return _trained_starter


def _stamp() -> tuple[int, str] | None:
    row = db.session.execute(
        sa.select(SpamModelState.trained_on, SpamModelState.updated_at).where(
            SpamModelState.id == STATE_ID
        )
    ).first()
    return None if row is None else (row[0], row[1].isoformat())


def ensure_model_state() -> None:
    """Store the starter model as the base state if there is none yet."""
    if _stamp() is not None:
        return
    try:
        with transaction():
            db.session.add(SpamModelState(id=STATE_ID, state=starter_model_bytes(), trained_on=0))
    except IntegrityError:
        pass  # another worker stored it first


_STATE = SpamModelState.__table__
_LESSONS = SpamLesson.__table__
# One round trip per judgement: the base state's stamp and the newest lesson's id. Lessons are
# read only when there are new ones, the base state only when it changed.
_MODEL_STAMP = sa.select(
    _STATE.c.trained_on,
    _STATE.c.updated_at,
    sa.select(sa.func.max(_LESSONS.c.id)).scalar_subquery(),
).where(_STATE.c.id == STATE_ID)


def stamp_text(value: dt.datetime | str) -> str:
    """A stored time as text, the same whether SQLAlchemy read it (a datetime) or the driver
    did (SQLite's stored text, or PostgreSQL's datetime)."""
    if isinstance(value, str):
        return value
    return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def current_model(
    stamp_row: sa.Row | tuple | None = None, connection: sa.Connection | None = None
) -> LearnedModel:
    """The shared model as of now: base state plus every lesson since.

    `stamp_row` is the (trained_on, updated_at, newest lesson id) read moments ago in the same
    statement as the filter's facts, which saves a round trip; without it, it is read here.
    Reads on `connection` if given, else in the session."""
    url = str(db.engine.url)
    reader = connection if connection is not None else db.session
    row = stamp_row if stamp_row is not None and stamp_row[0] is not None else None
    if row is None:
        row = reader.execute(_MODEL_STAMP).first()
    if row is None:
        ensure_model_state()
        row = reader.execute(_MODEL_STAMP).first()
    stamp = (row[0], stamp_text(row[1]))
    newest_lesson = row[2] or 0
    stale = False
    with _lock:
        loaded = _loaded.get(url)
        if loaded is None or loaded.state_stamp != stamp:
            state = reader.scalar(sa.select(_STATE.c.state).where(_STATE.c.id == STATE_ID))
            loaded = _Loaded(_readable_model(state, _read_state_again), stamp, 0)
            _loaded[url] = loaded
            del state
            release_freed_memory()
        if newest_lesson > loaded.last_lesson_id:
            lessons = reader.execute(
                sa.select(_LESSONS.c.id, _LESSONS.c.features, _LESSONS.c.is_spam)
                .where(_LESSONS.c.id > loaded.last_lesson_id)
                .order_by(_LESSONS.c.id)
            ).all()
            try:
                for lesson_id, features, is_spam in lessons:
                    loaded.model.learn(features, is_spam)
                    loaded.last_lesson_id = lesson_id
            except StaleModelState:
                # `spam train` stored a new base state since this one was loaded: start again
                # from it, as the next stamp would.
                del _loaded[url]
                stale = True
    if stale:
        return current_model(connection=connection)
    return loaded.model


def _read_state_again() -> bytes:
    """The stored base state, read again in the session: a loaded model needs it only for its
    first lesson (FTRL's accumulators), so a worker that never learns does not hold its 4 MiB
    till then. The model checks that it is the state it was loaded from."""
    state = db.session.scalar(sa.select(_STATE.c.state).where(_STATE.c.id == STATE_ID))
    return b"" if state is None else state


def _readable_model(state: bytes, reload: Callable[[], bytes] | None = None) -> LearnedModel:
    """The stored base state, or the starter model when it was saved in a format this version
    does not read (the first generation's naive Bayes, before an upgrade): every worker falls
    back to the same state, and the next `spam train` stores one in the current format."""
    try:
        return LearnedModel.from_bytes(state, reload)
    except ModelFormatError:
        logger.warning(
            "The stored spam model is in an older format; judging with the starter model "
            "until `spam train` stores a new one."
        )
        return LearnedModel.from_bytes(starter_model_bytes())


_BLOCKLIST = BlocklistEntry.__table__
_blocklists: dict[str, tuple[tuple, Blocklist]] = {}  # per database URL, with its stamp


def current_blocklist(
    stamp: tuple | None = None, connection: sa.Connection | None = None
) -> Blocklist:
    """The blocklist, rebuilt only when its stamp (count, newest id, newest time) changes.
    Reads on `connection` if given, else in the session.

    Entries are only ever added or removed: an addition raises the newest time, a removal
    lowers the count or, with an addition, raises the newest time."""
    url = str(db.engine.url)
    cached = _blocklists.get(url)
    if stamp is not None and cached is not None and cached[0] == stamp:
        return cached[1]
    reader = connection if connection is not None else db.session
    entries = reader.execute(sa.select(BlocklistEntry.kind, BlocklistEntry.value)).all()
    blocklist = Blocklist.from_entries((kind.value, value) for kind, value in entries)
    if stamp is not None:
        _blocklists[url] = (stamp, blocklist)
    return blocklist


# Counts stop here: every rule saturates well below it, and a flood from one address (or a
# popular author's history) must not make each new submission count thousands of rows.
COUNT_CAP = 50


def _count(table: sa.Table, *where: sa.ColumnElement[bool]) -> sa.ScalarSelect:
    # The cap is written into the SQL, not sent as a parameter: eight fewer to bind per judgement.
    cap, none = sa.literal_column(str(COUNT_CAP)), sa.literal_column("0")
    matching = (
        sa.select(sa.literal_column("1")).select_from(table).where(*where).limit(cap).offset(none)
    )
    return sa.select(sa.func.count()).select_from(matching.subquery()).scalar_subquery()


def _facts_statement() -> sa.Select:
    comments, inquiries = Comment.__table__, Inquiry.__table__
    digest = sa.bindparam("digest", type_=sa.String)
    address = sa.bindparam("address", type_=sa.String)
    email = sa.bindparam("email", type_=sa.String)
    duplicate_since = sa.bindparam("duplicate_since", type_=UTCDateTime)
    address_since = sa.bindparam("address_since", type_=UTCDateTime)
    # Labels and the cap are written into the SQL: fewer parameters to bind on every judgement.
    # An author's reputation is what staff decided about their earlier items (`staff_label`),
    # never what the filter said: a verdict that counted towards the next one would compound
    # (one item filed as spam would push the same person's next appointment request to spam).
    staff_ham, staff_spam = sa.literal_column("'ham'"), sa.literal_column("'spam'")
    lower = sa.func.lower
    return sa.select(
        _count(comments, comments.c.content_hash == digest, comments.c.created_at > duplicate_since)
        + _count(
            inquiries, inquiries.c.content_hash == digest, inquiries.c.created_at > duplicate_since
        ),
        _count(
            comments, comments.c.client_address == address, comments.c.created_at > address_since
        )
        + _count(
            inquiries,
            inquiries.c.client_address == address,
            inquiries.c.created_at > address_since,
        ),
        _count(comments, lower(comments.c.email) == email, comments.c.staff_label == staff_ham)
        + _count(
            inquiries, lower(inquiries.c.email) == email, inquiries.c.staff_label == staff_ham
        ),
        _count(comments, lower(comments.c.email) == email, comments.c.staff_label == staff_spam)
        + _count(
            inquiries, lower(inquiries.c.email) == email, inquiries.c.staff_label == staff_spam
        ),
        sa.select(sa.func.count()).select_from(_BLOCKLIST).scalar_subquery(),
        sa.select(sa.func.max(_BLOCKLIST.c.id)).scalar_subquery(),
        sa.select(sa.func.max(_BLOCKLIST.c.created_at)).scalar_subquery(),
        # The learned model's stamp (see current_model), in the same round trip.
        sa.select(_STATE.c.trained_on).where(_STATE.c.id == STATE_ID).scalar_subquery(),
        sa.select(_STATE.c.updated_at).where(_STATE.c.id == STATE_ID).scalar_subquery(),
        sa.select(sa.func.max(_LESSONS.c.id)).scalar_subquery(),
    )


_FACTS = DriverStatement(_facts_statement())


@functools.lru_cache(maxsize=8)
def trusted_domains(public_url: str | None, clinic_domains: tuple[str, ...]) -> frozenset[str]:
    """The clinic's own hosts: PUBLIC_URL's and every CLINIC_DOMAINS entry."""
    hosts = set(clinic_domains)
    public_host = domain_of(public_url or "")
    if "." in public_host:
        hosts.add(public_host)
    return frozenset(hosts)


def configured_trusted_domains() -> frozenset[str]:
    """The clinic's own hosts as this app is configured (PUBLIC_URL, CLINIC_DOMAINS)."""
    return trusted_domains(
        current_app.config.get("PUBLIC_URL"), tuple(current_app.config.get("CLINIC_DOMAINS", ()))
    )


def gather_facts(submission: Submission) -> Facts:
    """Look up what the rules need from the database: one statement, every count indexed."""
    return _facts_and_model_stamp(submission, None)[0]


def _facts_and_model_stamp(
    submission: Submission, connection: sa.Connection | None
) -> tuple[Facts, tuple]:
    now = utcnow()
    cursor = _FACTS.execute(
        connection if connection is not None else db.session.connection(),
        {
            "digest": content_hash(submission.text),
            # NULL matches nothing: no address or no email counts nothing.
            "address": submission.client_address or None,
            "email": submission.email.lower() if submission.email else None,
            "duplicate_since": now - DUPLICATE_WINDOW,
            "address_since": now - ADDRESS_WINDOW,
        },
    )
    row = cursor.fetchone()
    cursor.close()
    duplicates, from_address, approved, spam, blocked, newest_id, newest_at = row[:7]
    facts = Facts(
        blocklist=current_blocklist((blocked, newest_id, newest_at), connection),
        recent_duplicates=duplicates,
        recent_from_address=from_address,
        author_approved=approved,
        author_spam=spam,
        trusted_domains=configured_trusted_domains(),
    )
    return facts, tuple(row[7:])


def stored_reasons(assessment: Assessment) -> list[dict]:
    """An assessment's reasons as they are stored: rule, points and detail of each."""
    return [
        {"rule": reason.rule, "points": reason.points, "detail": reason.detail}
        for reason in assessment.reasons
    ]


def judge(submission: Submission, connection: sa.Connection | None = None) -> Assessment:
    """The filter's verdict on a submission, with every reason. The one entry point.

    Each judgement counts against the site-wide ceiling (`RATELIMIT_SUBMISSIONS_GLOBAL`);
    past it the submission is held as unsure (`site_busy`). Reads on `connection` if given
    (see `submission_connection`), else in the session."""
    thresholds = thresholds_from_settings(
        current_app.config.get("SPAM_UNSURE_AT"), current_app.config.get("SPAM_AT")
    )
    facts, model_stamp = _facts_and_model_stamp(submission, connection)
    if site_is_busy():
        facts = replace(facts, site_busy=True)
    return assess(submission, facts, current_model(model_stamp, connection), thresholds)


def request_submission(
    kind: str,
    text: str,
    author: str = "",
    email: str = "",
    website: str = "",
    honeypot: str = "",
    form_token: FormTokenState = FormTokenState.MISSING,
    form_token_age: float | None = None,
) -> Submission:
    """A Submission carrying what the current request tells (address truncated, user agent)."""
    return Submission(
        kind=kind,
        text=text,
        author=author or "",
        email=email or "",
        website=website or "",
        client_address=anonymize(client_address()),
        honeypot=honeypot or "",
        form_token=form_token,
        form_token_age=form_token_age,
        user_agent=(request.user_agent.string or "")[:300],
    )


def submission_of(item: Comment | Inquiry) -> Submission:
    """The content of a stored item, as the filter reads it (for lessons)."""
    if isinstance(item, Comment):
        return Submission(
            kind="comment",
            text=item.body,
            author=item.author,
            email=item.email or "",
            website=item.website or "",
        )
    return Submission(kind="inquiry", text=item.message, author=item.name, email=item.email)


def stored_features(assessment: Assessment) -> str:
    """The features the filter read, as stored with the item it judged."""
    return pack_features(assessment.features)


def judged_columns(
    assessment: Assessment, text: str, reasons: list[dict] | None = None
) -> dict[str, object]:
    """The columns a comment or an inquiry stores about its judgement: its text's hash (for
    the duplicate lookup), the verdict, the score, the reasons (`reasons` when the caller has
    added its own to them) and the features the filter read."""
    return {
        "content_hash": content_hash(text),
        "verdict": assessment.verdict,
        "score": float(assessment.score),
        "reasons": stored_reasons(assessment) if reasons is None else reasons,
        "spam_features": stored_features(assessment),
    }


def item_lesson_features(item: Comment | Inquiry) -> list[int]:
    """What a decision on a stored item teaches: the features stored when it was judged.

    The text is read again only for an item stored before features were kept (or by another
    featurizer); a decision never runs the filter's patterns over a long text otherwise."""
    kind = "comment" if isinstance(item, Comment) else "inquiry"
    found = unpack_features(item.spam_features)
    if found is None:
        return features_for_lesson(submission_of(item))
    return lesson_features(found, kind)


def learn_from_decision(item: Comment | Inquiry, is_spam: bool, source: str = "") -> SpamLesson:
    """Teach the shared model a moderator's `spam` or `ham` decision, in the caller's
    transaction. Only hashed features are stored, never the text."""
    lesson = SpamLesson(
        is_spam=is_spam,
        features=item_lesson_features(item),
        source=source[:50],
    )
    db.session.add(lesson)
    return lesson


def train_deployed_model(rows: list[LabelledRow]) -> int:
    """Teach the deployed model labelled rows and fold every lesson into a new base state.

    Returns how many rows were learned."""
    ensure_model_state()
    try:
        with transaction():
            state = db.session.get(SpamModelState, STATE_ID, with_for_update=True)
            model = current_model()  # base plus every lesson committed so far
            applied = _loaded[str(db.engine.url)].last_lesson_id
            train_model(rows, model)
            state.state = model.to_bytes()
            state.trained_on = state.trained_on + len(rows)
            state.updated_at = utcnow()
            db.session.execute(sa.delete(SpamLesson).where(SpamLesson.id <= applied))
    finally:
        with _lock:  # the cached model was trained in place: reload it from the database
            _loaded.pop(str(db.engine.url), None)
    return len(rows)


__all__ = [
    "content_hash",
    "current_model",
    "ensure_model_state",
    "gather_facts",
    "item_lesson_features",
    "judge",
    "learn_from_decision",
    "request_submission",
    "stored_features",
    "submission_of",
    "train_deployed_model",
]
