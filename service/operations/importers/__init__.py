"""`flask --app wsgi import SOURCE PATH`: comments from Isso, Disqus, WordPress, Remark42 or our
own export. Each reader turns its file into `Record`s; `core.run_import` writes them."""

from service.operations.importers.core import ImportFailed, ImportReport, run_import

__all__ = ["ImportFailed", "ImportReport", "run_import"]
