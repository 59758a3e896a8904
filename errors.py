"""The one base of every error a user reads: a Chinese message that says what is wrong and how to fix it.

The store (store.errors.StoreError), intake (intake.errors.UploadError) and the accounts
(access.accounts.AccountError) derive from it. It is caught once in the page frame (dashboard.py: st.error) and
once at the command group (manage.Commands: the message on stderr, exit status 1); never a traceback.
"""

from __future__ import annotations


class UserError(Exception):
    """An error whose `message` (Chinese) is shown to the user as it is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
