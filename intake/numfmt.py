"""Excel number formats: what a format does to the number a person sees.

calamine gives a cell's stored value; Excel shows it through the cell's number format. Most formats only round or
group digits (the value is the same number), but some change what the number means to the reader:

- '%' outside quotes multiplies by 100 ('0.0%': 0.951 shows 95.1%);
- a comma after the last digit placeholder divides by 1,000 ('0.0,': 12345 shows 12.3; '0.0,,' by a million);
- a literal between digit placeholders moves the decimal point ('0!.0000"万"': 12345 shows 1.2345万);
- literal text names a unit ('0.0"万吨"', '0.0‰', '0"家"', '0.0"%"' with the sign only printed);
- sections and conditions pick one of these per value ('[<1]0.0%;0.0': 0.951 shows 95.1%, 95.1 shows 95.1).

`parse` reads a format code once per style; `NumberFormat.section` picks the section a value is shown with.
Date and time formats are left to calamine (it returns dates for them).
"""

from __future__ import annotations

import functools
import operator
import re
from dataclasses import dataclass

_DIGITS = "0#?"
_DATE_LETTERS = set("yYmMdDhHsS")
_SIGNS = set(" -+()\u00a0")  # printed around a number without changing what it means
_CURRENCY = set("$¥￥€£")
_CONDITION = re.compile(r"\[\s*(<=|>=|<>|<|>|=)\s*(-?\d+(?:\.\d+)?)\s*\]")
_OPS = {"<": operator.lt, ">": operator.gt, "<=": operator.le, ">=": operator.ge, "=": operator.eq,
        "<>": operator.ne}
_GENERAL = re.compile(r"general|g/通用格式", re.I)


@dataclass(frozen=True)
class Section:
    """One ';'-separated section of a number format."""

    condition: tuple[str, float] | None = None
    percent: int = 0  # how many '%' multiply the value by 100
    scale: int = 0  # how many trailing commas divide it by 1,000
    split: bool = False  # a literal between digit placeholders: the shown digits are not the value's
    prefix: str = ""  # literal text before the number (signs, spaces and currency symbols left out)
    suffix: str = ""  # literal text after it
    text_only: bool = False  # no digit placeholder: a text section ('@') or a fixed text

    @property
    def plain(self) -> bool:
        """The number is shown as it is stored (maybe rounded or grouped)."""
        return not (self.percent or self.scale or self.split or self.prefix or self.suffix)

    def matches(self, value: float) -> bool:
        if self.condition is None:
            return True
        op, limit = self.condition
        return _OPS[op](value, limit)


@dataclass(frozen=True)
class NumberFormat:
    code: str
    sections: tuple[Section, ...]

    @property
    def plain(self) -> bool:
        return all(s.plain for s in self.sections if not s.text_only)

    @functools.cached_property
    def uniform(self) -> Section | None:
        """The one numeric section every value is shown with, or None when it depends on the value."""
        numeric = [s for s in self.sections if not s.text_only]
        first = numeric[0] if numeric else None
        if first is None or first.condition is not None:
            return None
        same = all((s.percent, s.scale, s.split, s.prefix, s.suffix)
                   == (first.percent, first.scale, first.split, first.prefix, first.suffix) for s in numeric)
        return first if same else None

    def section(self, value: float) -> Section:
        """The section Excel shows `value` with."""
        numeric = [s for s in self.sections[:3] if not s.text_only] or [Section()]
        if any(s.condition is not None for s in numeric):
            for s in numeric:
                if s.condition is not None and s.matches(value):
                    return s
            rest = [s for s in numeric if s.condition is None]
            return rest[0] if rest else numeric[-1]
        if len(numeric) == 1:
            return numeric[0]
        if value < 0:
            return numeric[1]
        if value == 0 and len(numeric) >= 3:
            return numeric[2]
        return numeric[0]


def _split_sections(code: str) -> list[str]:
    sections, current, i = [], [], 0
    while i < len(code):
        ch = code[i]
        if ch == '"':
            end = code.find('"', i + 1)
            end = len(code) - 1 if end < 0 else end
            current.append(code[i : end + 1])
            i = end + 1
            continue
        if ch in "\\_*!" and i + 1 < len(code):
            current.append(code[i : i + 2])
            i += 2
            continue
        if ch == ";":
            sections.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    sections.append("".join(current))
    return sections


def _section(text: str) -> Section | None:
    """One section; None for a date or time section (calamine's business)."""
    condition = None
    literal: list[tuple[int, str]] = []  # (digit placeholders seen before it, text)
    digits = percent = 0
    scale = 0
    text = _GENERAL.sub("0", text)
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == '"':
            end = text.find('"', i + 1)
            end = len(text) if end < 0 else end
            literal.append((digits, text[i + 1 : end]))
            i = end + 1
            continue
        if ch in "\\!" and i + 1 < len(text):
            literal.append((digits, text[i + 1]))
            i += 2
            continue
        if ch in "_*" and i + 1 < len(text):  # padding and fill: a space-like mark
            i += 2
            continue
        if ch == "[":
            end = text.find("]", i)
            end = len(text) - 1 if end < 0 else end
            bracket = text[i : end + 1]
            found = _CONDITION.fullmatch(bracket)
            if found:
                condition = (found.group(1), float(found.group(2)))
            elif re.fullmatch(r"\[(h+|m+|s+)\]", bracket, re.I):
                return None  # elapsed time
            i = end + 1
            continue
        if ch in _DIGITS:
            digits += 1
        elif ch == ",":  # between digit placeholders a thousands separator; after them it divides by 1,000
            nxt = text[i + 1 : i + 2]
            if digits and not (nxt and nxt in _DIGITS):
                scale += 1
        elif ch == "%":
            percent += 1
        elif ch == "." or ch == "/":
            pass  # decimal point, fraction bar
        elif ch in "eE" and text[i + 1 : i + 2] in ("+", "-"):  # scientific notation
            i += 2
            continue
        elif ch == "@":
            pass
        elif ch in _DATE_LETTERS or text[i : i + 5].upper() == "AM/PM" or text[i : i + 3].upper() == "A/P":
            return None
        else:
            literal.append((digits, ch))
        i += 1
    if digits == 0:
        return Section(condition=condition, text_only=True)
    prefix = "".join(t for d, t in literal if d == 0)
    suffix = "".join(t for d, t in literal if d == digits)
    inner = "".join(t for d, t in literal if 0 < d < digits)
    return Section(
        condition=condition,
        percent=percent,
        scale=scale,
        split=bool(inner.strip(" ")),
        prefix=_meaningful(prefix),
        suffix=_meaningful(suffix),
    )


def _meaningful(text: str) -> str:
    """Literal text without what does not change a number's meaning: spaces, signs, brackets, currency."""
    return "".join(ch for ch in text if ch not in _SIGNS and ch not in _CURRENCY).strip()


@functools.lru_cache(maxsize=512)
def parse(code: str) -> NumberFormat | None:
    """The format, or None when it needs no attention: General, a date/time, or numbers shown as stored."""
    if not code or _GENERAL.fullmatch(code.strip()):
        return None
    sections = []
    for text in _split_sections(code)[:4]:
        section = _section(text)
        if section is None:
            return None
        sections.append(section)
    fmt = NumberFormat(code, tuple(sections))
    return None if fmt.plain else fmt


def is_percent(code: str) -> bool:
    """'0.0%' is; '0.00"%"' and '0.0\\%' (a literal sign) are not."""
    fmt = parse(code)
    return fmt is not None and any(s.percent for s in fmt.sections)
