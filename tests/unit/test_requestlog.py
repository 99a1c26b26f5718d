"""What a request sends reaches a log line escaped: it cannot forge, split or colour a line."""

import logging

import pytest

from service.web.requestlog import _NoQueryStrings, loggable


@pytest.mark.parametrize(
    ("sent", "logged"),
    [
        ("/articles/knee-pain", "/articles/knee-pain"),
        ("/x\r\n2026-12-06 INFO forged", "/x\\x0d\\x0a2026-12-06 INFO forged"),
        ("/\x1b[2J\x1b[31mred", "/\\x1b[2J\\x1b[31mred"),
        ("/tab\there\x00\x7f\x85", "/tab\\x09here\\x00\\x7f\\x85"),
        ("/line\u2028separator\u202eright-to-left", "/line\\u2028separator\\u202eright-to-left"),
        ("/lone\ud800surrogate", "/lone\\ud800surrogate"),
        ("/already\\x0a-escaped", "/already\\\\x0a-escaped"),
        ("/cl%C3%ADnica/ni\u00f1os/\U0001f9b7", "/cl%C3%ADnica/ni\u00f1os/\U0001f9b7"),
    ],
)
def test_request_text_is_escaped_for_a_log_line(sent, logged):
    assert loggable(sent) == logged
    assert loggable(sent).isprintable()


def test_the_development_servers_request_line_is_escaped_and_loses_its_query_string():
    record = logging.LogRecord(
        "werkzeug",
        logging.INFO,
        __file__,
        1,
        '"%s" %s %s',
        ("GET /x\r\ny\x1b?t=secret HTTP/1.1", "404", "-"),
        None,
    )
    _NoQueryStrings().filter(record)
    assert record.getMessage() == '"GET /x\\x0d\\x0ay\\x1b HTTP/1.1" 404 -'
