"""Uploads in, checked DataFrames out: reading, normalizing and checking analysts' CSV/Excel files (pure)."""

from intake.checks import ERROR_COLUMNS, CheckResult, check, parse_upload
from intake.context import DISTRICTS, Context
from intake.errors import UploadError
from intake.kinds import KINDS, UPLOAD_KINDS, UploadKind, upload_kind
from intake.normalize import Problem, number_of, period_of
from intake.reading import RawTable, read_table, visible_sheets
from intake.settings import DEFAULT_LIMITS, Limits
from intake.templates import template

__all__ = [
    "DEFAULT_LIMITS",
    "DISTRICTS",
    "ERROR_COLUMNS",
    "KINDS",
    "UPLOAD_KINDS",
    "CheckResult",
    "Context",
    "Limits",
    "Problem",
    "RawTable",
    "UploadError",
    "UploadKind",
    "check",
    "number_of",
    "parse_upload",
    "period_of",
    "read_table",
    "visible_sheets",
    "template",
    "upload_kind",
]
