"""Report writers: JSON (versioned schema), Markdown summary, offline HTML page."""

from .build import build_report, write_report  # noqa: F401
