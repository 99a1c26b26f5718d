"""A domain error names its code, and its status where it differs, in its class line."""

from service.web.errors import DomainError, NotFound


class ArticleGone(DomainError, code="article_gone", status=410):
    default_message = "The article was taken down."


class NoSuchArticle(NotFound, code="no_such_article"):
    pass


def test_the_class_line_sets_code_and_status():
    error = ArticleGone()
    assert (error.code, error.http_status, error.message) == (
        "article_gone",
        410,
        "The article was taken down.",
    )


def test_what_the_class_line_leaves_out_is_inherited():
    error = NoSuchArticle("Not here.")
    assert (error.code, error.http_status, error.message) == ("no_such_article", 404, "Not here.")
    assert NoSuchArticle.default_message == NotFound.default_message
    assert NotFound.code == "not_found"
