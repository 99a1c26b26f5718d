import ast
from pathlib import Path

import service.spam

SPAM_PACKAGE = Path(service.spam.__file__).parent
FORBIDDEN = {"flask", "sqlalchemy", "flask_sqlalchemy", "werkzeug"}


def imported_top_level_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_spam_package_imports_neither_flask_nor_sqlalchemy():
    modules = sorted(SPAM_PACKAGE.glob("*.py"))
    assert len(modules) >= 8
    offenders = {path.name: sorted(imported_top_level_names(path) & FORBIDDEN) for path in modules}
    assert {name: found for name, found in offenders.items() if found} == {}


def test_spam_package_does_not_import_the_rest_of_the_application():
    for path in SPAM_PACKAGE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = [
            node.module
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module
        ]
        outside = [
            m for m in modules if m.startswith("service") and not m.startswith("service.spam")
        ]
        assert outside == [], f"{path.name} imports {outside}"


def test_bundled_corpus_ships_with_attribution_and_without_datacamp():
    data = SPAM_PACKAGE / "data"
    assert {p.name for p in data.glob("*.csv")} == {
        "youtube.csv",
        "sms.csv",
        "clinic-examples.csv",
        "reader-comments.csv",
        "clinic-domain.csv",
        "clinic-messages.csv",
    }
    readme = (data / "README.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in readme
    assert "TubeSpam" in readme
