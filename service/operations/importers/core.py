"""What every importer shares: the records a reader yields, and writing them.

A reader (isso.py, disqus.py, ...) turns a file into a stream of `ThreadRecord`,
`CommentRecord` and `Unmappable` records. `run_import` writes them in one transaction, in
batches, so an import either lands whole or not at all:

- threads come from the source's URI or post link, through the same normalisation as a key
  that arrives over the API, and are created by their first comment;
- a comment already imported from the same source (its `import_source` and `import_id`) is
  left alone, so a second run of the same file adds nothing;
- a reply whose parent is not in the file, nor imported earlier, fails the whole import;
- what cannot be mapped (a pingback, a comment on a page without a path) is counted and listed;
- bodies go through our own sanitiser: markdown like a comment written here, HTML through the
  same allow-list.
"""

from __future__ import annotations

import datetime as dt
import html as htmllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import nh3
import sqlalchemy as sa

from service.comments.threadkeys import InvalidThreadKey, normalise_thread_key
from service.data.database import transaction, utcnow
from service.data.extensions import db
from service.data.models import Comment, CommentStatus, Thread, Verdict
from service.spam.pipeline import content_hash
from service.submissions import audit
from service.web.errors import DomainError
from service.web.rendering import render_markdown, sanitise_html

BATCH = 1000
MAX_AUTHOR = 100
MAX_EMAIL = 254
MAX_WEBSITE = 500
MAX_TITLE = 200
MAX_IMPORT_ID = 200
ANONYMOUS = "Anonymous"
# How many skipped items the report lists one by one (all of them are counted).
LISTED_SKIPS = 200


class ImportFailed(DomainError, code="import_failed"):
    default_message = "The file cannot be imported."


@dataclass(frozen=True)
class ThreadRecord:
    """An article in the source: `source_id` is what its comments refer to it by."""

    source_id: str
    url: str
    title: str | None = None
    locked: bool = False
    key: str | None = None  # our own export names the thread key itself
    created_at: dt.datetime | None = None


@dataclass
class CommentRecord:
    source_id: str
    thread: str  # a ThreadRecord's source_id, or the URL itself when the source has no threads
    parent: str | None
    author: str | None
    email: str | None
    website: str | None
    created_at: dt.datetime
    status: CommentStatus
    body: str
    body_format: str  # "markdown", "html" or "text" (WordPress: paragraphs by blank lines)
    client_address: str | None = None
    title: str | None = None
    thread_title: str | None = None  # when the source has no separate thread records
    edited_at: dt.datetime | None = None
    is_staff: bool = False
    html: str | None = None  # body_format "rendered": our own export's HTML, sanitised again
    # Our own export only: what the filter and the moderators had decided.
    kept: dict | None = None


@dataclass
class InquiryRecord:
    """An inquiry from our own export (written with --include-inquiries), its answers too."""

    source_id: str
    fields: dict
    replies: list[dict]


@dataclass
class SiteRecord:
    """Our own export only: what the site held besides its content (see `_Writer.site`)."""

    moderators: list[dict]
    blocklist: list[dict]
    audit_log: list[dict]


@dataclass(frozen=True)
class Unmappable:
    source_id: str
    reason: str


Record = ThreadRecord | CommentRecord | InquiryRecord | SiteRecord | Unmappable


@dataclass
class ImportReport:
    source: str
    dry_run: bool
    threads: int = 0  # threads created
    comments: int = 0  # comments added
    already: int = 0  # comments found from an earlier run of the same import
    skipped: list[Unmappable] = field(default_factory=list)
    skipped_count: int = 0
    per_thread: Counter = field(default_factory=Counter)
    per_status: Counter = field(default_factory=Counter)
    taught: int = 0
    inquiries: int = 0
    moderators: int = 0  # accounts created (without secrets)
    blocklist: int = 0  # entries added
    audit_entries: int = 0  # audit entries copied verbatim
    audit_note: str | None = None  # why the file's audit log was not copied verbatim

    def skip(self, item: Unmappable) -> None:
        self.skipped_count += 1
        if len(self.skipped) < LISTED_SKIPS:
            self.skipped.append(item)

    def summary(self) -> dict[str, int]:
        return {"threads": self.threads, "comments": self.comments, "skipped": self.skipped_count}


def as_utc(value: dt.datetime) -> dt.datetime:
    """A source's time in UTC; a time without an offset is taken as UTC already."""
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def parse_iso_time(text: str | None) -> dt.datetime | None:
    """RFC 3339 / ISO 8601, with `Z`, an offset or none (UTC); None if it is not a time."""
    if not text or not text.strip():
        return None
    try:
        return as_utc(dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00")))
    except ValueError:
        return None


def key_from_url(url: str) -> str:
    """An article's thread key from its address: the path (and query, for `?p=12` links),
    normalised like every key. Raises InvalidThreadKey."""
    try:
        parts = urlsplit(url.strip())
    except ValueError as error:
        raise InvalidThreadKey() from error
    key = parts.path
    if parts.query:
        key = f"{key}?{parts.query}"
    return normalise_thread_key(key)


def _text_to_html(text: str) -> str:
    """WordPress keeps comments as text with some HTML; paragraphs are blank-line separated."""
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join("<p>" + p.replace("\n", "<br>\n") + "</p>" for p in paragraphs)


def _plain_text(safe_html: str) -> str:
    """The words of sanitised HTML, for the stored source text and the spam filter."""
    spaced = safe_html.replace("</p>", "</p>\n\n").replace("<br>", "<br>\n")
    return htmllib.unescape(nh3.clean(spaced, tags=set())).strip()


def render_body(body: str, body_format: str, html: str | None = None) -> tuple[str, str]:
    """(stored body text, sanitised HTML)."""
    if body_format == "markdown":
        return body, render_markdown(body)
    if body_format == "rendered":
        return body, sanitise_html(html or "")
    source = _text_to_html(body) if body_format == "text" else body
    safe = sanitise_html(source)
    return _plain_text(safe), safe


def _clip(value: str | None, limit: int) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value[:limit] if value else None


def _website(value: str | None) -> str | None:
    value = _clip(value, MAX_WEBSITE + 1)
    if not value or len(value) > MAX_WEBSITE:
        return None
    try:
        scheme = urlsplit(value).scheme.lower()
    except ValueError:
        return None
    return value if scheme in ("http", "https") else None


def _email(value: str | None) -> str | None:
    value = _clip(value, MAX_EMAIL + 1)
    if not value or len(value) > MAX_EMAIL or "@" not in value:
        return None
    return value


class _Writer:
    """Writes records in batches inside the caller's transaction."""

    def __init__(self, source: str, report: ImportReport, teach: bool) -> None:
        self.source = source
        self.report = report
        self.teach = teach
        self.thread_records: dict[str, ThreadRecord] = {}
        self.thread_ids: dict[str, int] = {}  # thread key -> id
        self.touched_threads: set[int] = set()
        # source id -> our id, for every comment of this source (earlier runs included)
        self.known: dict[str, int] = dict(
            db.session.execute(
                sa.select(Comment.import_id, Comment.id).where(Comment.import_source == source)
            ).all()
        )
        self.pending: list[tuple[CommentRecord, str]] = []
        self.orphans: list[tuple[int, str]] = []  # (our id, parent's source id)
        self.lessons: list[tuple[str, str, str | None, str | None, bool]] = []
        self.skipped_ids: set[str] = set()

    def skip(self, item: Unmappable) -> None:
        self.skipped_ids.add(item.source_id)
        self.report.skip(item)

    def thread(self, record: ThreadRecord) -> None:
        self.thread_records[record.source_id] = record

    def _thread_id(
        self, key: str, title: str | None, locked: bool = False, created: dt.datetime | None = None
    ) -> int:
        found = self.thread_ids.get(key)
        if found is not None:
            return found
        thread = db.session.scalar(sa.select(Thread).where(Thread.key == key))
        if thread is None:
            thread = Thread(key=key, title=_clip(title, MAX_TITLE), locked=locked)
            if created is not None:
                thread.created_at = created
            db.session.add(thread)
            db.session.flush()
            self.report.threads += 1
        elif thread.title is None and title:
            thread.title = _clip(title, MAX_TITLE)
        self.thread_ids[key] = thread.id
        return thread.id

    def comment(self, record: CommentRecord) -> None:
        record.source_id = str(record.source_id)
        if len(record.source_id) > MAX_IMPORT_ID:
            self.skip(Unmappable(record.source_id[:60], "its id is too long"))
            return
        if record.source_id in self.known:
            self.report.already += 1
            return
        if record.parent in self.skipped_ids:
            self.skip(Unmappable(record.source_id, f"it replies to {record.parent}, skipped"))
            return
        source_thread = self.thread_records.get(record.thread)
        url = source_thread.url if source_thread else record.thread
        try:
            if source_thread is not None and source_thread.key is not None:
                key = normalise_thread_key(source_thread.key)
            else:
                key = key_from_url(url)
        except InvalidThreadKey:
            self.skip(
                Unmappable(record.source_id, f"its article address {url[:80]!r} has no usable path")
            )
            return
        self.pending.append((record, key))
        self.known[record.source_id] = 0  # claimed; the id arrives with the batch
        self.report.per_thread[key] += 1
        self.report.per_status[record.status.value] += 1
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        rows = []
        for record, key in self.pending:
            body, body_html = render_body(record.body, record.body_format, record.html)
            parent_id = self.known.get(record.parent) if record.parent else None
            rows.append(
                {
                    "thread_id": self._thread_id(key, *self._title(record)),
                    "parent_id": parent_id or None,
                    "author": _clip(record.author, MAX_AUTHOR) or ANONYMOUS,
                    "email": _email(record.email),
                    "website": _website(record.website),
                    "title": _clip(record.title, MAX_TITLE),
                    "body": body,
                    "body_html": body_html,
                    "content_hash": content_hash(body),
                    "status": record.status,
                    "verdict": _verdict(record.status),
                    "score": 0.0,
                    "reasons": [],
                    "staff_label": "spam"
                    if self.teach and record.status is CommentStatus.SPAM
                    else None,
                    "is_staff": record.is_staff,
                    "client_address": _clip(record.client_address, 45),
                    "import_source": self.source,
                    "import_id": record.source_id,
                    "created_at": record.created_at,
                    "edited_at": record.edited_at,
                    "updated_at": record.edited_at or record.created_at,
                }
            )
            if record.kept:
                rows[-1].update(record.kept)
            if self.teach and record.status in (CommentStatus.SPAM, CommentStatus.APPROVED):
                self.lessons.append(
                    (
                        body,
                        rows[-1]["author"],
                        rows[-1]["email"],
                        rows[-1]["website"],
                        record.status is CommentStatus.SPAM,
                    )
                )
        ids = db.session.scalars(
            sa.insert(Comment).returning(Comment.id, sort_by_parameter_order=True), rows
        ).all()
        for (record, _key), new_id, row in zip(self.pending, ids, rows, strict=True):
            self.known[record.source_id] = new_id
            self.touched_threads.add(row["thread_id"])
            if record.parent and not row["parent_id"]:
                self.orphans.append((new_id, record.parent))
        self.report.comments += len(rows)
        self.pending.clear()

    def _title(self, record: CommentRecord) -> tuple[str | None, bool, dt.datetime | None]:
        source_thread = self.thread_records.get(record.thread)
        if source_thread is None:
            return record.thread_title, False, None
        return (
            record.thread_title or source_thread.title,
            source_thread.locked,
            source_thread.created_at,
        )

    def inquiry(self, record: InquiryRecord) -> None:
        from service.data.models import Inquiry, InquiryReply

        fields = record.fields
        exists = db.session.scalar(
            sa.select(Inquiry.id).where(
                Inquiry.email == fields["email"], Inquiry.created_at == fields["created_at"]
            )
        )
        if exists is not None:
            self.report.already += 1
            return
        inquiry = Inquiry(**fields, content_hash=content_hash(fields["message"]))
        db.session.add(inquiry)
        db.session.flush()
        for reply in record.replies:
            db.session.add(InquiryReply(inquiry_id=inquiry.id, **reply))
        self.report.inquiries += 1
        self.report.per_status[f"inquiry {fields['status'].value}"] += 1

    def site(self, record: SiteRecord) -> None:
        """Moderators, blocklist and audit log, each added only where the site lacks it."""
        moderator_ids = self._moderators(record.moderators)
        self._blocklist(record.blocklist)
        self._audit_log(record.audit_log, moderator_ids)

    def _moderators(self, rows: list[dict]) -> dict[int, int]:
        """Accounts without secrets (no password anyone knows, no TOTP, no tokens: they sign
        in after a password reset), keeping role and scope. An account with the same address
        is left as it is and counted as skipped. Returns exported id -> our id."""
        import secrets

        from service.data.models import Moderator, Role
        from service.moderation.accounts import hash_password

        ids: dict[int, int] = {}
        for row in rows:
            try:
                email = str(row["email"]).strip()
                found = db.session.scalar(
                    sa.select(Moderator).where(sa.func.lower(Moderator.email) == email.lower())
                )
                if found is not None:
                    ids[row.get("id")] = found.id
                    self.skip(Unmappable(email, "an account with this address exists; left as is"))
                    continue
                moderator = Moderator(
                    email=email,
                    name=str(row.get("name") or "")[:100],
                    role=Role(row["role"]),
                    active=bool(row.get("active", True)),
                    scope_kinds=list(row.get("scope_kinds") or []),
                    scope_topics=list(row.get("scope_topics") or []),
                    password_hash=hash_password(secrets.token_urlsafe(32)),
                )
                created = parse_iso_time(row.get("created_at"))
                if created is not None:
                    moderator.created_at = created
            except (KeyError, ValueError, TypeError) as error:
                self.skip(Unmappable(f"moderator {row.get('id', '?')}", f"bad field {error}"))
                continue
            db.session.add(moderator)
            db.session.flush()
            ids[row.get("id")] = moderator.id
            self.report.moderators += 1
        return ids

    def _blocklist(self, rows: list[dict]) -> None:
        from service.data.models import BlockKind, BlocklistEntry

        for row in rows:
            try:
                kind, value = BlockKind(row["kind"]), str(row["value"])
            except (KeyError, ValueError, TypeError) as error:
                self.skip(Unmappable(f"blocklist {row.get('id', '?')}", f"bad field {error}"))
                continue
            exists = db.session.scalar(
                sa.select(BlocklistEntry.id).where(
                    BlocklistEntry.kind == kind, BlocklistEntry.value == value
                )
            )
            if exists is not None:
                self.report.already += 1
                continue
            entry = BlocklistEntry(
                kind=kind,
                value=value,
                note=str(row.get("note") or "")[:200],
                created_by=str(row.get("created_by") or "")[:254],
            )
            created = parse_iso_time(row.get("created_at"))
            if created is not None:
                entry.created_at = created
            db.session.add(entry)
            db.session.flush()
            self.report.blocklist += 1

    def _audit_log(self, rows: list[dict], moderator_ids: dict[int, int]) -> None:
        """The file's audit entries, verbatim, into an empty audit log, when every one of them
        verifies under a chain key this site knows; otherwise one `audit.import` entry that
        says what was left out. A site whose log holds anything gets neither."""
        from service.data.models import AuditChainHead, AuditEvent
        from service.submissions.auditchain import entry_hash, known_keys

        if not rows:
            return
        if db.session.scalar(sa.select(AuditEvent.id).limit(1)) is not None:
            self.report.audit_note = (
                f"{len(rows)} entries not copied: this site's audit log is not empty"
            )
            return
        keys = known_keys()
        entries = []
        problem = None
        for row in rows:
            try:
                entry = {
                    name: row[name]
                    for name in ("seq", "actor", "action", "kind", "item_id", "detail")
                } | {
                    "at": parse_iso_time(row["at"]),
                    "prev_hash": row["prev_hash"],
                    "entry_hash": row["entry_hash"],
                    "key_id": row["key_id"],
                    "moderator_id": moderator_ids.get(row.get("moderator_id")),
                }
            except KeyError as error:
                problem = f"an entry has no {error}"
                break
            key = keys.get(entry["key_id"])
            if key is None:
                problem = f"seq {entry['seq']} was sealed with a key this site does not hold"
            elif entries and (
                entry["seq"] != entries[-1]["seq"] + 1
                or entry["prev_hash"] != entries[-1]["entry_hash"]
            ):
                problem = f"seq {entry['seq']} does not follow the entry before it"
            elif entry["at"] is None or entry_hash(key, entry) != entry["entry_hash"]:
                problem = f"seq {entry['seq']} does not match its hash"
            if problem:
                break
            entries.append(entry)
        if problem:
            self.report.audit_note = f"{len(rows)} entries not copied verbatim: {problem}"
            audit.record(
                "audit.import",
                "cli",
                detail={"entries": len(rows), "copied": 0, "reason": problem},
            )
            return
        db.session.execute(sa.insert(AuditEvent.__table__), entries)
        head = {"seq": entries[-1]["seq"], "last_hash": entries[-1]["entry_hash"]}
        moved = db.session.execute(
            sa.update(AuditChainHead.__table__)
            .where(AuditChainHead.__table__.c.id == 1)
            .values(**head)
        )
        if moved.rowcount == 0:
            db.session.execute(sa.insert(AuditChainHead.__table__).values(id=1, **head))
        self.report.audit_entries = len(entries)

    def finish(self) -> None:
        self.flush()
        links = []
        missing = []
        dropped: dict[int, str] = {}  # replies to a skipped item, found only at the end
        for child, parent in self.orphans:
            parent_id = self.known.get(parent)
            if parent_id:
                links.append({"id": child, "parent_id": parent_id})
            elif parent in self.skipped_ids:
                dropped[child] = parent
            else:
                missing.append(parent)
        if missing:
            raise ImportFailed(
                f"{len(missing)} replies name a parent comment that is not in the file "
                f"(for example {missing[0][:60]!r}); nothing was imported."
            )
        if links:  # ORM bulk UPDATE by primary key
            db.session.execute(sa.update(Comment), links)
        if dropped:
            self._drop_replies_to_skipped(dropped)
        if self.touched_threads:
            db.session.execute(
                sa.update(Thread)
                .where(Thread.id.in_(self.touched_threads))
                .values(version=Thread.version + 1, updated_at=utcnow())
            )

    def _drop_replies_to_skipped(self, dropped: dict[int, str]) -> None:
        """Take back the replies (and their replies) to an item that was skipped after they
        were written: they are skipped too, like those that came after it."""
        reasons = {child: f"it replies to {parent}, skipped" for child, parent in dropped.items()}
        level = list(dropped)
        while level:
            below = db.session.execute(
                sa.select(Comment.id, Comment.import_id).where(
                    Comment.parent_id.in_(level), Comment.import_source == self.source
                )
            ).all()
            level = []
            for child, _source_id in below:
                if child not in reasons:
                    reasons[child] = "its parent was skipped"
                    level.append(child)
        rows = db.session.execute(
            sa.select(Comment.id, Comment.import_id, Comment.status, Thread.key)
            .join(Thread, Thread.id == Comment.thread_id)
            .where(Comment.id.in_(reasons))
        ).all()
        for comment_id, source_id, status, key in rows:
            self.skip(Unmappable(source_id, reasons[comment_id]))
            self.known.pop(source_id, None)
            self.report.comments -= 1
            self.report.per_status[status.value] -= 1
            self.report.per_thread[key] -= 1
        db.session.execute(sa.delete(Comment).where(Comment.id.in_(reasons)))


def _verdict(status: CommentStatus) -> Verdict:
    if status is CommentStatus.SPAM:
        return Verdict.SPAM
    if status is CommentStatus.APPROVED:
        return Verdict.HAM
    return Verdict.UNSURE


def run_import(
    source: str,
    records: Iterable[Record],
    *,
    dry_run: bool = False,
    teach: bool = False,
) -> ImportReport:
    """Write `records` in one transaction (rolled back for a dry run or on any error)."""
    report = ImportReport(source=source, dry_run=dry_run)
    with transaction():
        writer = _Writer(source, report, teach)
        for record in records:
            if isinstance(record, CommentRecord):
                writer.comment(record)
            elif isinstance(record, ThreadRecord):
                writer.thread(record)
            elif isinstance(record, InquiryRecord):
                writer.inquiry(record)
            elif isinstance(record, SiteRecord):
                writer.site(record)
            else:
                writer.skip(record)
        writer.finish()
        if dry_run:
            db.session.rollback()
        else:
            audit.record(
                "site.import",
                "cli",
                detail={
                    "source": source,
                    "threads": report.threads,
                    "comments": report.comments,
                    "skipped": report.skipped_count,
                    "inquiries": report.inquiries,
                    "moderators": report.moderators,
                    "blocklist": report.blocklist,
                    "audit_entries": report.audit_entries,
                },
            )
    if teach and writer.lessons and not dry_run:
        report.taught = _teach(writer.lessons)
    return report


def _teach(lessons: list[tuple[str, str, str | None, str | None, bool]]) -> int:
    """Teach the learned filter the imported spam (and the approved comments as ham)."""
    from service.spam.corpus import LabelledRow
    from service.spam.submission import FormTokenState, Submission
    from service.submissions.filtering import train_deployed_model

    rows = [
        LabelledRow(
            Submission(
                kind="comment",
                text=body,
                author=author,
                email=email or "",
                website=website or "",
                form_token=FormTokenState.VALID,
            ),
            is_spam,
        )
        for body, author, email, website, is_spam in lessons
    ]
    return train_deployed_model(rows)
