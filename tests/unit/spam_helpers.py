"""What the spam tests share: the rules that fire on a submission, and a model taught that
exactly some texts are spam."""

from service.spam import Facts, Submission, train_model
from service.spam.checks import run_checks
from service.spam.corpus import LabelledRow


def rules(submission: Submission) -> dict[str, float]:
    return {r.rule: r.points for r in run_checks(submission, Facts())}


def sure_it_is_spam(*texts: str, kind: str = "comment"):
    """A model that has been taught, again and again, that exactly these texts are spam."""
    rows = [LabelledRow(Submission(kind, text), True) for text in texts] * 15
    rows += [LabelledRow(Submission(kind, "hello there, see you soon"), False)] * 15
    return train_model(rows)


def in_both_languages(twins: list[tuple[str, str, str]]) -> list[tuple[str, str]]:
    """(text, family) for every English text of `twins` (english, spanish, family), then for
    every Spanish one: each family's test runs once per language."""
    return [(english, family) for english, _, family in twins] + [
        (spanish, family) for _, spanish, family in twins
    ]
