"""Command-line tools: `flask --app wsgi <group> <command>`; every one has `--help`."""

from __future__ import annotations

import functools
import json
import sys
import time
from collections.abc import Callable
from typing import Any

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from sqlalchemy.exc import OperationalError, ProgrammingError, SQLAlchemyError

from service.data.models import ItemKind, Role
from service.spam.submission import KINDS
from service.web.errors import DomainError

moderators_cli = AppGroup("moderators", help="Create moderator logins, API tokens, recovery.")
queue_cli = AppGroup("queue", help="Look at the moderation queue.")
demo_cli = AppGroup("demo", help="Demo data for a local first look.")
outbox_cli = AppGroup("outbox", help="Send the queued mail.")
spam_cli = AppGroup("spam", help="Train, measure and explain the spam filter.")
retention_cli = AppGroup("retention", help="Delete what is past its retention period.")
audit_cli = AppGroup("audit", help="Check the audit log's hash chain.")
privacy_cli = AppGroup("privacy", help="Export or erase everything stored about one person.")
keys_cli = AppGroup("keys", help="The data key that encrypts health information.")
backup_cli = AppGroup("backup", help="Online backup and restore of a SQLite database.")
webhooks_cli = AppGroup("webhooks", help="Webhook and chat endpoints: add, list, remove, test.")
import_cli = AppGroup(
    "import", help="Bring comments over from Isso, Disqus, WordPress, Remark42 or an export."
)


def friendly_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn expected failures into a one-line error and a non-zero exit, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except DomainError as error:
            raise click.ClickException(error.message) from None
        except (OperationalError, ProgrammingError) as error:
            raise click.ClickException(
                "Cannot use the database ("
                + type(error.orig).__name__
                + "). Check DATABASE_URL and run `flask --app wsgi db upgrade`."
            ) from None
        except SQLAlchemyError as error:
            raise click.ClickException(f"Database error: {type(error).__name__}.") from None

    return wrapper


def _read_password(password_stdin: bool, confirm: bool = True) -> str:
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise click.ClickException("No password on standard input.")
        return password
    return click.prompt("Password", hide_input=True, confirmation_prompt=confirm)


def _scope_options(kinds_help: str, topics_help: str) -> Callable[[Callable], Callable]:
    """The `--may-see` and `--topic` options that limit what a moderator sees, passed to the
    command as `kinds` and `topics`; `create` and `scope` word their help differently."""
    kinds = click.Choice([kind.value for kind in ItemKind])
    may_see = click.option("--may-see", "kinds", multiple=True, type=kinds, help=kinds_help)
    topic = click.option("--topic", "topics", multiple=True, help=topics_help)
    return lambda command: may_see(topic(command))


@moderators_cli.command("create")
@click.argument("email")
@click.option(
    "--role",
    default=Role.MODERATOR.value,
    show_default=True,
    type=click.Choice([role.value for role in Role]),
    help="What the account may do.",
)
@click.option("--name", default="", help="The name shown to other staff.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@_scope_options(
    kinds_help="Limit a moderator to this kind of item (repeatable; default: both).",
    topics_help="Limit a moderator to inquiries of this INQUIRY_TOPICS key "
    "(repeatable; default: all).",
)
@friendly_errors
def create_moderator_command(
    email: str,
    role: str,
    name: str,
    password_stdin: bool,
    kinds: tuple[str, ...],
    topics: tuple[str, ...],
) -> None:
    """Create a moderator login for EMAIL; asks for the password."""
    from service.moderation.accounts import create_moderator, normalize_email
    from service.moderation.staff import check_scope, set_scope

    normalize_email(email)  # refuse a bad address before asking for a password
    if kinds or topics:
        check_scope(list(kinds), list(topics), role)  # refuse before creating anything
    moderator = create_moderator(email, _read_password(password_stdin), role, name)
    if kinds or topics:
        moderator = set_scope(moderator.id, list(kinds), list(topics), "cli")
    click.echo(f"Created {moderator.role.value} {moderator.email}{_scope_note(moderator)}.")


def _scope_note(moderator: Any) -> str:
    if moderator.is_admin or not (moderator.scope_kinds or moderator.scope_topics):
        return ""
    kinds = ", ".join(moderator.scope_kinds) or "comment, inquiry"
    topics = ", ".join(moderator.scope_topics) or "all"
    return f", limited to {kinds} (inquiry topics: {topics})"


@moderators_cli.command("scope")
@click.argument("email")
@_scope_options(
    kinds_help="A kind of item the moderator may see (repeatable; none: both).",
    topics_help="An INQUIRY_TOPICS key the moderator may see (repeatable; none: all).",
)
@friendly_errors
def scope_command(email: str, kinds: tuple[str, ...], topics: tuple[str, ...]) -> None:
    """Set what the moderator EMAIL may see; with no option, everything. Audited."""
    from service.moderation.accounts import get_moderator
    from service.moderation.staff import set_scope

    moderator = set_scope(get_moderator(email).id, list(kinds), list(topics), "cli")
    note = _scope_note(moderator)
    click.echo(f"{moderator.email} is{note[1:] if note else ' not limited'}.")


@moderators_cli.command("token")
@click.argument("email")
@click.option(
    "--expires",
    default=90,
    show_default=True,
    type=int,
    help="Days until the token stops working (1 to 365).",
)
@click.option("--label", default="", help="A note on what the token is for.")
@friendly_errors
def token_command(email: str, expires: int, label: str) -> None:
    """Print a new API token for EMAIL (only its hash is stored). A password reset, a
    two-factor reset, signing out everywhere or switching the account off revokes it."""
    from service.moderation.accounts import issue_api_token

    click.echo(issue_api_token(email, expires, label))


@moderators_cli.command("reset")
@click.argument("email")
@click.option("--password-stdin", is_flag=True, help="Read the new password from standard input.")
@click.option("--reset-2fa", is_flag=True, help="Remove two-factor so it can be enrolled again.")
@click.option("--keep-password", is_flag=True, help="Only reactivate / reset two-factor.")
@friendly_errors
def reset_command(email: str, password_stdin: bool, reset_2fa: bool, keep_password: bool) -> None:
    """Recover a locked-out moderator: new password, optional 2FA reset; ends all sessions."""
    from service.moderation.accounts import get_moderator, reset_moderator

    get_moderator(email)
    password = None if keep_password else _read_password(password_stdin)
    moderator = reset_moderator(email, password, reset_2fa)
    click.echo(
        f"Reset {moderator.email}; every session of this account has ended "
        "and its API tokens are revoked."
    )


@queue_cli.command("stats")
@friendly_errors
def stats_command() -> None:
    """Print counts by kind and status as one JSON object."""
    from service.moderation.queue import queue_counts

    click.echo(json.dumps(queue_counts(), sort_keys=True))


@demo_cli.command("load")
@friendly_errors
def demo_load_command() -> None:
    """Load the demo data (idempotent); refused in production."""
    from service.operations import demo

    if current_app.config.get("ENV_NAME") == "production":
        raise click.ClickException("Demo data is refused in production (APP_ENV=production).")
    added = demo.load_demo()
    click.echo(
        "Demo data ready ("
        + ", ".join(f"{count} {what} added" for what, count in added.items())
        + ")."
    )
    base = (current_app.config["PUBLIC_URL"] or "").rstrip("/")
    click.echo(
        f"Demo moderator login: {demo.DEMO_MODERATOR_EMAIL} / {demo.DEMO_MODERATOR_PASSWORD}"
    )
    click.echo(
        f"Demo administrator login: {demo.DEMO_ADMIN_EMAIL} / {demo.DEMO_ADMIN_PASSWORD}; "
        "its two-factor code: flask --app wsgi demo totp"
    )
    click.echo(f"Demo article:   {base}/demo/article")
    click.echo(f"Contact form:   {base}/contact")
    click.echo(f"Staff sign-in:  {base}/moderation/login")
    if current_app.config.get("ENV_NAME") == "development":
        click.echo(
            f"Mail the demo would send: {base}/moderation/outbox (or flask --app wsgi outbox show)"
        )


@demo_cli.command("totp")
@friendly_errors
def demo_totp_command() -> None:
    """DEMO ONLY: print the demo administrator's current two-factor code; refused in production."""
    from service.operations.demo import DEMO_ADMIN_EMAIL, NoDemoAdmin, demo_admin_code

    if current_app.config.get("ENV_NAME") == "production":
        raise click.ClickException("demo totp is refused in production (APP_ENV=production).")
    try:
        code, seconds = demo_admin_code()
    except NoDemoAdmin as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"DEMO ONLY: the two-factor code of {DEMO_ADMIN_EMAIL}, valid for {seconds} s:")
    click.echo(code)


def _load_rows(paths: tuple[str, ...]) -> list:
    from service.spam.corpus import CorpusError, load_many

    try:
        return load_many(paths)
    except CorpusError as error:
        raise click.ClickException(str(error)) from None
    except OSError as error:
        raise click.ClickException(f"Cannot read {error.filename}: {error.strerror}.") from None


@spam_cli.command("train")
@click.argument("csv_files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@friendly_errors
def spam_train_command(csv_files: tuple[str, ...]) -> None:
    """Teach the deployed learned filter from labelled CSV rows (label,content,...)."""
    from service.submissions.filtering import train_deployed_model

    rows = _load_rows(csv_files)
    with click.progressbar(length=1, label=f"Training on {len(rows)} rows") as bar:
        learned = train_deployed_model(rows)
        bar.update(1)
    spam = sum(row.is_spam for row in rows)
    click.echo(
        f"Learned {learned} rows ({spam} spam, {learned - spam} ham); every worker uses "
        "the new state from its next submission."
    )


@spam_cli.command("evaluate")
@click.argument("csv_file", type=click.Path(dir_okay=False))
@click.option(
    "--train",
    "train_files",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="Train a fresh model on these files only (repeatable); nothing is stored.",
)
@friendly_errors
def spam_evaluate_command(csv_file: str, train_files: tuple[str, ...]) -> None:
    """Score labelled rows with the whole content pipeline, the clinic's own hosts (PUBLIC_URL,
    CLINIC_DOMAINS) trusted as on the web; the last line is JSON."""
    from service.spam.evaluation import evaluate, train_model
    from service.spam.pipeline import thresholds_from_settings
    from service.submissions.filtering import configured_trusted_domains, current_model

    rows = _load_rows((csv_file,))
    if train_files:
        model = train_model(_load_rows(train_files))
        source = f"a fresh model trained on {len(train_files)} file(s)"
    else:
        model = current_model()
        source = "the deployed model"
    thresholds = thresholds_from_settings(
        current_app.config.get("SPAM_UNSURE_AT"), current_app.config.get("SPAM_AT")
    )
    figures = evaluate(rows, model, thresholds, configured_trusted_domains())
    click.echo(f"Scored {figures['n']} rows of {csv_file} with {source}.")
    click.echo(
        f"  spam caught  {figures['tp']:>6}   spam missed   {figures['fn']:>6}\n"
        f"  ham passed   {figures['tn']:>6}   ham as spam   {figures['fp']:>6}\n"
        f"  held as unsure (counted as not spam): {figures['unsure']}"
    )
    click.echo(
        json.dumps(
            {k: figures[k] for k in ("n", "precision", "recall", "false_positive_rate", "accuracy")}
        )
    )


@spam_cli.command("explain")
@click.argument("text")
@click.option(
    "--kind",
    default="comment",
    show_default=True,
    type=click.Choice(KINDS),
)
@click.option("--author", default="")
@click.option("--email", default="")
@click.option("--website", default="")
@friendly_errors
def spam_explain_command(text: str, kind: str, author: str, email: str, website: str) -> None:
    """Show each rule's points and the words that weighed most for TEXT."""
    from service.spam.pipeline import explain_tokens
    from service.spam.submission import FormTokenState, Submission
    from service.submissions.filtering import current_model, judge

    if not text.strip():
        raise click.ClickException("Give some text to explain.")
    submission = Submission(
        kind=kind,
        text=text,
        author=author,
        email=email,
        website=website,
        form_token=FormTokenState.VALID,
    )
    assessment = judge(submission)
    click.echo(f"Verdict: {assessment.verdict.value} (score {assessment.score:+.2f})")
    click.echo("Rules:")
    for reason in assessment.reasons:
        click.echo(f"  {reason.points:+6.2f}  {reason.rule:<20} {reason.detail}")
    if not assessment.reasons:
        click.echo("  (no rule fired)")
    click.echo("Words that weighed most (+ spam, - ham):")
    for token, weight in explain_tokens(submission, current_model()):
        click.echo(f"  {weight:+6.2f}  {token}")


@outbox_cli.command("deliver")
@click.option("--loop", is_flag=True, help="Keep delivering, one round per interval, until Ctrl-C.")
@click.option(
    "--interval",
    default=30,
    show_default=True,
    type=click.IntRange(1, 3600),
    help="Seconds to wait between rounds with --loop.",
)
@friendly_errors
def outbox_deliver_command(loop: bool, interval: int) -> None:
    """Send the queued webhooks and chat alerts, then the queued mail over SMTP_URL; failures
    are retried later."""
    from service.data.database import isoformat, utcnow
    from service.data.extensions import db
    from service.submissions import webhooks
    from service.submissions.outbox import MailConfigError, backlog, deliver_due
    from service.submissions.subscriptions import send_due_digests

    try:
        while True:
            try:
                # Webhooks first: they need no SMTP_URL, and a mail problem must not hold them.
                hooks = webhooks.deliver_due()
                waiting = webhooks.pending_count()
                if hooks.sent or hooks.failed or hooks.gave_up or waiting:
                    click.echo(
                        f"{isoformat(utcnow())} webhooks: delivered {hooks.sent}, failed "
                        f"{hooks.failed} (retried later), gave up {hooks.gave_up}; "
                        f"{waiting} still queued"
                    )
                send_due_digests()  # readers' daily digests join the mail of this round
                report = deliver_due()
                queued = backlog()["queued"]
            except MailConfigError as error:
                raise click.ClickException(str(error)) from None
            except SQLAlchemyError as error:
                if not loop:
                    raise
                # A database blip must not end a long-running deliverer; the next round retries.
                db.session.rollback()
                click.echo(
                    f"{isoformat(utcnow())} database error ({type(error).__name__}); "
                    f"next round in {interval} s",
                    err=True,
                )
            else:
                click.echo(
                    f"{isoformat(utcnow())} sent {report.sent}, failed {report.failed} "
                    f"(retried later), gave up {report.gave_up}; {queued} still queued"
                )
            if not loop:
                return
            time.sleep(interval)
    except KeyboardInterrupt:
        click.echo("Stopped.")


@webhooks_cli.command("add")
@click.option("--label", required=True, help="A name for the staff, such as 'Front desk Teams'.")
@click.option("--url", required=True, help="The receiver's https:// address.")
@click.option(
    "--format",
    "format_",
    default="standard",
    show_default=True,
    type=click.Choice(["standard", "slack", "teams", "mattermost", "matrix"]),
    help="A signed Standard Webhooks receiver, or a chat service's incoming webhook.",
)
@click.option(
    "--event",
    "events",
    multiple=True,
    required=True,
    type=click.Choice(
        ["inquiry.received", "comment.held", "comment.published", "item.spam", "inquiry.answered"]
    ),
    help="An event to send; repeat for several.",
)
@friendly_errors
def webhooks_add_command(label: str, url: str, format_: str, events: tuple[str, ...]) -> None:
    """Register an endpoint and print its signing secret (shown once)."""
    from service.moderation.webhook_endpoints import add_endpoint

    created = add_endpoint(label, url, format_, list(events), "cli")
    click.echo(f"Added endpoint {created.endpoint.id} ({created.endpoint.host}).")
    click.echo(f"Signing secret (shown once): {created.secret}")


@webhooks_cli.command("list")
@friendly_errors
def webhooks_list_command() -> None:
    """List the endpoints: id, kind, host, events, name."""
    from service.moderation.webhook_endpoints import list_endpoints

    endpoints = list_endpoints()
    if not endpoints:
        click.echo("No webhook endpoints.")
    for endpoint in endpoints:
        click.echo(
            f"{endpoint.id}\t{endpoint.format.value}\t{endpoint.host}\t"
            f"{','.join(endpoint.events)}\t{endpoint.label}"
        )


@webhooks_cli.command("remove")
@click.argument("endpoint_id", type=click.IntRange(1, 2**31 - 1))
@friendly_errors
def webhooks_remove_command(endpoint_id: int) -> None:
    """Remove an endpoint and its delivery log."""
    from service.moderation.webhook_endpoints import remove_endpoint

    endpoint = remove_endpoint(endpoint_id, "cli")
    click.echo(f"Removed endpoint {endpoint.id} ({endpoint.host}).")


@webhooks_cli.command("test")
@click.argument("endpoint_id", type=click.IntRange(1, 2**31 - 1))
@friendly_errors
def webhooks_test_command(endpoint_id: int) -> None:
    """Send a test event to an endpoint now; a failure is retried by `outbox deliver`."""
    from service.data.models import OutboxStatus
    from service.moderation.webhook_endpoints import send_test_event

    delivery = send_test_event(endpoint_id, "cli")
    if delivery.status is not OutboxStatus.SENT:
        raise click.ClickException(f"Not delivered: {delivery.last_error}; retried later.")
    click.echo(f"Delivered {delivery.message_id} (HTTP {delivery.response_status}).")


@outbox_cli.command("show")
@click.argument("mail_id", required=False, type=click.IntRange(1))
@friendly_errors
def outbox_show_command(mail_id: int | None) -> None:
    """Development only: print queued and sent mail as it is (or would be) sent, newest first."""
    from service.submissions.outbox import is_mail_viewer_enabled, mails_as_sent

    if not is_mail_viewer_enabled():
        raise click.ClickException(
            "outbox show prints decrypted mail and works only with APP_ENV=development."
        )
    mails = mails_as_sent(mail_id)
    if mail_id is not None and not mails:
        raise click.ClickException(f"There is no mail #{mail_id} in the outbox.")
    if not mails:
        click.echo("The outbox is empty.")
    for mail in mails:
        click.echo(f"=== mail #{mail.id} ({mail.status}, {mail.purpose}) ===")
        click.echo(mail.as_text())


@retention_cli.command("purge")
@friendly_errors
def retention_purge_command() -> None:
    """Apply RETENTION_SPAM_DAYS and RETENTION_CLOSED_INQUIRY_DAYS (and tidy expired tokens)."""
    from dataclasses import asdict

    from service.operations.retention import purge

    report = purge()
    click.echo(json.dumps(asdict(report)))


# Below this many entries the check takes a moment; no bar is worth drawing.
VERIFY_BAR_FROM = 20_000


@audit_cli.command("verify")
@friendly_errors
def audit_verify_command() -> None:
    """Check the audit log's hash chain; exit status 1 naming the first broken entry."""
    from service.data.extensions import db
    from service.submissions.auditchain import count_entries, verify

    total = count_entries(db.session)
    if total >= VERIFY_BAR_FROM:
        with click.progressbar(length=total, label="Verifying", file=sys.stderr) as bar:
            report = verify(db.session, bar.update)
    else:
        report = verify(db.session)
    click.echo(report.summary())
    if not report.intact:
        raise SystemExit(1)


@privacy_cli.command("export")
@click.argument("email")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the JSON to this file instead of standard output.",
)
@friendly_errors
def privacy_export_command(email: str, output: str | None) -> None:
    """Everything stored about EMAIL, as JSON (audited)."""
    from service.moderation.accounts import normalize_email
    from service.operations.privacy import export_person

    data = export_person(normalize_email(email))
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if output:
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
        click.echo(
            f"Wrote {len(data['comments'])} comments and {len(data['inquiries'])} inquiries "
            f"to {output}."
        )
    else:
        click.echo(text)


@privacy_cli.command("erase")
@click.argument("email")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@friendly_errors
def privacy_erase_command(email: str, yes: bool) -> None:
    """Delete everything stored about EMAIL (comments with replies stay as tombstones)."""
    from service.moderation.accounts import normalize_email
    from service.operations.privacy import erase_person

    email = normalize_email(email)
    if not yes:
        click.confirm(f"Erase everything stored about {email}?", abort=True)
    click.echo(json.dumps(erase_person(email)))


@keys_cli.command("generate")
def keys_generate_command() -> None:
    """Print a new random DATA_KEY (32 bytes, URL-safe base64)."""
    from config import new_data_key

    click.echo(new_data_key())


@keys_cli.command("rotate")
@friendly_errors
def keys_rotate_command() -> None:
    """Re-encrypt every stored value under DATA_KEY (old keys in DATA_KEYS_PREVIOUS)."""
    from service.data.crypto import DataKeyError
    from service.operations.keyrotation import count_encrypted_rows, rotate_keys

    total = count_encrypted_rows()
    try:
        with click.progressbar(length=total, label="Re-encrypting") as bar:
            changed = rotate_keys(bar.update)
    except DataKeyError as error:
        raise click.ClickException(
            f"A value cannot be decrypted ({error}). Put the key it was written with in "
            "DATA_KEYS_PREVIOUS and run the command again."
        ) from None
    click.echo(f"Re-encrypted {changed} values under the current key.")


@backup_cli.command("create")
@click.argument("path", type=click.Path(dir_okay=False))
@friendly_errors
def backup_create_command(path: str) -> None:
    """Write a consistent copy of the live SQLite database to PATH."""
    from service.operations.backup import BackupError, create_backup

    done = [0]
    try:
        with click.progressbar(length=100, label="Backing up") as bar:

            def progress(copied: int, total: int) -> None:
                step = int(100 * copied / max(total, 1))
                bar.update(step - done[0])
                done[0] = step

            target = create_backup(path, progress)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Backup written to {target}.")


@backup_cli.command("restore")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@friendly_errors
def backup_restore_command(path: str, yes: bool) -> None:
    """Replace the SQLite database with the backup at PATH (stop the service first)."""
    from service.operations.backup import BackupError, restore_backup

    if not yes:
        click.confirm("Replace the current database with this backup?", abort=True)
    try:
        target = restore_backup(path)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Restored {path} into {target}.")


IMPORT_SOURCES = {
    "isso": "Isso's SQLite database (the file named by `dbpath` in isso.cfg)",
    "disqus": "a Disqus XML export",
    "wordpress": "a WordPress export (WXR, Tools → Export)",
    "remark42": "a Remark42 backup file (one JSON object per line, gunzipped)",
    "json": "a file written by `flask --app wsgi export`",
}


def _print_import_report(report: Any) -> None:
    verb = "Would add" if report.dry_run else "Added"
    click.echo(
        f"{verb} {report.comments} comments in {len(report.per_thread)} threads "
        f"({report.threads} new threads); {report.already} were imported before; "
        f"{report.skipped_count} skipped."
    )
    if report.per_status:
        click.echo(
            "By status: "
            + ", ".join(f"{status} {n}" for status, n in sorted(report.per_status.items()))
        )
    if report.dry_run and report.per_thread:
        click.echo("By thread:")
        for key, n in sorted(report.per_thread.items()):
            click.echo(f"  {n:>7}  {key}")
    if report.skipped_count:
        click.echo("Skipped (not mapped):")
        for item in report.skipped:
            click.echo(f"  {item.source_id}: {item.reason}")
        if report.skipped_count > len(report.skipped):
            click.echo(f"  ... and {report.skipped_count - len(report.skipped)} more")
    if report.moderators or report.blocklist or report.audit_entries:
        click.echo(
            f"{verb} {report.moderators} moderators (they sign in after a password reset), "
            f"{report.blocklist} blocklist entries, {report.audit_entries} audit entries."
        )
    if report.audit_note:
        click.echo(f"Audit log: {report.audit_note}.")
    if report.taught:
        click.echo(f"The spam filter learned from {report.taught} imported comments.")
    if report.dry_run:
        click.echo("Dry run: nothing was written.")
    click.echo(json.dumps(report.summary()))


def _import_command(source: str, description: str) -> None:
    @import_cli.command(source, help=f"Import {description} from PATH.")
    @click.argument("path", type=click.Path(exists=True, dir_okay=False))
    @click.option("--dry-run", is_flag=True, help="Show what would be imported; write nothing.")
    @click.option(
        "--teach",
        is_flag=True,
        help="Let imported spam (and approved comments, as ham) teach the spam filter.",
    )
    @friendly_errors
    def command(path: str, dry_run: bool, teach: bool) -> None:
        from pathlib import Path

        from service.operations.importers import run_import
        from service.operations.importers.readers import progress_length, reader_for

        file = Path(path)
        length = progress_length(source, file)
        with click.progressbar(
            length=length, label=f"Importing {file.name}", file=sys.stderr
        ) as bar:
            done = [0]

            def progress(position: int) -> None:
                bar.update(position - done[0])
                done[0] = position

            report = run_import(
                source, reader_for(source)(file, progress), dry_run=dry_run, teach=teach
            )
            bar.update(length - done[0])
        _print_import_report(report)


for _source, _description in IMPORT_SOURCES.items():
    _import_command(_source, _description)


@click.command("export")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
@click.option(
    "--include-inquiries",
    is_flag=True,
    help="Also write every inquiry and its answers, decrypted (health information).",
)
@friendly_errors
def export_command(path: str, include_inquiries: bool) -> None:
    """Write everything the site holds to PATH as JSON (read back by `import json`)."""
    import os

    from service.operations.export import count_rows, write_export

    partial = f"{path}.partial"
    with click.progressbar(
        length=max(count_rows(include_inquiries), 1), label="Exporting", file=sys.stderr
    ) as bar:
        # Inquiries are health information: the file is readable by its owner only.
        try:
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        except OSError as error:
            raise click.ClickException(f"Cannot write {path}: {error.strerror}.") from None
        try:
            with open(descriptor, "w", encoding="utf-8") as handle:
                counts = write_export(handle, include_inquiries, bar.update)
            os.replace(partial, path)
        except BaseException:
            if os.path.exists(partial):
                os.unlink(partial)
            raise
    click.echo(
        f"Wrote {path}: "
        + ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in counts.items())
        + ("." if include_inquiries else " (no inquiries: add --include-inquiries).")
    )


@click.command("move")
@click.option(
    "--to",
    "to_url",
    required=True,
    help="The empty PostgreSQL database: postgresql+psycopg://user:password@host/name",
)
@friendly_errors
def db_move_command(to_url: str) -> None:
    """Copy this SQLite database into an empty PostgreSQL database, then verify every table
    (stop the service first; afterwards set DATABASE_URL to the new database)."""
    from service.operations.dbmove import move_database, total_rows

    with click.progressbar(length=max(total_rows(), 1), label="Copying", file=sys.stderr) as bar:
        checks = move_database(to_url, bar.update)
    click.echo(f"{'table':<22} {'rows':>9} {'copied':>9}  checksum (SHA-256, first 16)")
    for check in checks:
        mark = "ok" if check.matches else "DIFFERENT"
        click.echo(
            f"{check.table:<22} {check.source_rows:>9} {check.target_rows:>9}  "
            f"{check.source_checksum[:16]} {check.target_checksum[:16]} {mark}"
        )
    wrong = [check.table for check in checks if not check.matches]
    if wrong:
        raise click.ClickException("Verification failed for: " + ", ".join(wrong) + ".")
    click.echo(
        f"Moved {sum(c.source_rows for c in checks)} rows in {len(checks)} tables; every count "
        "and checksum matches. Now set DATABASE_URL to the new database and start the service."
    )


def register(app: Flask) -> None:
    for group in (
        moderators_cli,
        queue_cli,
        demo_cli,
        spam_cli,
        outbox_cli,
        retention_cli,
        privacy_cli,
        audit_cli,
        keys_cli,
        backup_cli,
        webhooks_cli,
        import_cli,
    ):
        app.cli.add_command(group)
    app.cli.add_command(export_command)
    # `db` is Flask-Migrate's group (upgrade, downgrade, ...), imported when a `db` command is
    # asked for; `move` joins it.
    from service.data.migrations import MigrationCommands

    if "db" not in app.cli.commands:  # so `app.test_cli_runner()` sees it too
        app.cli.add_command(MigrationCommands([db_move_command]))
