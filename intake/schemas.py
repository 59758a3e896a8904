"""Header matching: which column of an upload kind (intake.kinds) a header written in a file stands for."""

from __future__ import annotations

import functools
import re
import unicodedata

from intake.kinds import Column, upload_kind

_UNIT_SUFFIX = re.compile(r"[(\[<{][^()\[\]<>{}]*[)\]>}]$")
_NOISE = re.compile(r"[\s_\-.*:]+")


def header_key(text: str) -> str:
    """The matching key of a header: '数值（%） ' -> '数值', 'Task No.' -> 'taskno'."""
    key = unicodedata.normalize("NFKC", str(text)).replace("【", "[").replace("】", "]").strip().lower()
    key = _NOISE.sub("", key)
    while _UNIT_SUFFIX.search(key):
        key = _UNIT_SUFFIX.sub("", key)
    return key


def schema(kind: str) -> tuple[Column, ...]:
    """The columns of an upload kind. Raises ValueError for an unknown kind (a programming error)."""
    return upload_kind(kind).columns


@functools.cache
def _by_key(kind: str) -> dict[str, Column]:
    return {header_key(name): column for column in reversed(schema(kind)) for name in column.accepted}


def match_header(kind: str, header: str) -> Column | None:
    """The column a header written in a file stands for, or None."""
    return _by_key(kind).get(header_key(header))


def header_score(kind: str, cells: list[str]) -> tuple[bool, int]:
    """How well a row reads as the kind's header: (names every required column, how many columns it names)."""
    found = {c.field for c in (match_header(kind, cell) for cell in cells if cell) if c is not None}
    required = {c.field for c in schema(kind) if c.required}
    return required <= found, len(found)


def accepted_names(kind: str) -> str:
    """All headers accepted for a kind, for an error message: '指标代码/code、报告期/period、…'."""
    return "、".join(f"{c.header}/{c.english}" for c in schema(kind))
