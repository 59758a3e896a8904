"""The one exception of the intake package: a whole file refused."""

from __future__ import annotations

from errors import UserError


class UploadError(UserError):
    """A file refused as a whole (unreadable, too large, empty).

    `problem` says what is wrong and `fix` how to fix it, both in Chinese; `message` joins them.
    """

    def __init__(self, problem: str, fix: str = ""):
        self.problem = problem
        self.fix = fix
        super().__init__(f"{problem}。{fix}" if fix else problem)
