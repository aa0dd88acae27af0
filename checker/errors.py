"""Exit statuses and typed errors. Errors are raised where a problem is found and
caught once, in the CLI (:mod:`recoupe.checker.cli`), which turns them into
:data:`EXIT_ERROR`; commands return the other statuses.

Exit status: 0 fine, 1 discrepancies not covered by the baseline (check), 2 usage
or input error (wins over 1 and over ``--exit-zero``).
"""
from __future__ import annotations

EXIT_OK, EXIT_FOUND, EXIT_ERROR = 0, 1, 2


class RecoupeError(Exception):
    """A problem the user must fix; printed as one line, exit status 2."""

    label = "error"

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = self.path or ""
        if where and self.line:
            where = f"{where}:{self.line}"
        return f"{where}: {self.label}: {self.message}" if where else f"{self.label}: {self.message}"


class InputError(RecoupeError):
    """Unreadable or malformed corpus input (a file, a JSON line)."""


class InputWarning(InputError):
    """An input skipped or read in part (not a regular file, no text, a value ignored);
    printed as one line, it does not change the exit status."""

    label = "warning"


class ConfigError(RecoupeError):
    """A wrong configuration key or value, an unknown rule, a bad custom rule."""


class BaselineError(RecoupeError):
    """A missing, malformed or wrong-version baseline file."""


class UsageError(RecoupeError):
    """A wrong command line (argparse's usage errors)."""
