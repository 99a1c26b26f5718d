"""Concurrent writers of one database all get their turn: on SQLite, which admits one writer at
a time, the others wait in its busy handler, and every submission acknowledged is stored."""

from __future__ import annotations

import threading

import sqlalchemy as sa

from service.data.extensions import db
from service.data.models import Comment, Inquiry
from tests.conftest import empty_all_tables
from tests.functional.comment_helpers import post

WRITERS = 6
EACH = 6


def test_every_submission_of_concurrent_writers_is_answered_and_stored(make_app, inquiry_payload):
    app = make_app(RATELIMIT_ENABLED=False)
    answers: list[tuple[str, int, int]] = []
    failures: list[BaseException] = []
    start = threading.Barrier(WRITERS)

    def writer(n: int) -> None:
        try:
            with app.app_context():
                client = app.test_client()
                start.wait()
                for i in range(EACH):
                    message = f"{inquiry_payload['message']} ({n}-{i})"
                    sent = client.post(
                        "/api/inquiries", json={**inquiry_payload, "message": message}
                    )
                    answers.append(("inquiry", sent.status_code, sent.json.get("id")))
                    commented = post(client, "articles/busy", body=f"Thank you, reader {n}-{i}.")
                    answers.append(("comment", commented.status_code, commented.json.get("id")))
                db.session.remove()
        except BaseException as error:  # reported below
            failures.append(error)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with app.app_context():
        try:
            assert failures == []
            assert sorted({status for _, status, _ in answers}) == [202]
            for kind, model in (("inquiry", Inquiry), ("comment", Comment)):
                acknowledged = {item_id for k, _, item_id in answers if k == kind}
                assert len(acknowledged) == WRITERS * EACH
                stored = set(db.session.scalars(sa.select(model.id)))
                assert stored == acknowledged
        finally:
            db.session.rollback()
            empty_all_tables()
            db.session.remove()
