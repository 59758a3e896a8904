"""Number formats, cell types, hidden rows and CSV habits (tests/files/formats, made by tests.corpus.formats):
every file lands exactly its intended values or is refused naming the row, the column and the fix."""

from __future__ import annotations

import pytest

from intake import parse_upload
from tests.corpus import formats
from tests.corpus.format_cases import BY_FILE, CASES
from tests.helpers import ROOT
from tests.test_intake_workbooks import CTX, _assert_messages_are_chinese, _check, _errors, _landed

DIR = ROOT / "tests" / "files" / "formats"


def test_every_file_has_an_expectation():
    assert {p.name for p in DIR.iterdir()} == set(BY_FILE)
    assert len(BY_FILE) >= 50


def test_committed_files_are_what_the_generator_makes():
    built = formats.build_all()
    assert set(built) == set(BY_FILE)
    stale = [name for name, data in built.items() if (DIR / name).read_bytes() != data]
    assert not stale, f"run `python -m tests.corpus.formats`: {stale}"


@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_file_lands_exactly_or_is_refused_with_its_reason(case):
    result = parse_upload((DIR / case.file).read_bytes(), case.file, case.kind, CTX, sheet=case.sheet)
    errors = _errors(result)
    if not result.ok:
        assert errors
        _assert_messages_are_chinese(errors)
    rows = _landed(result.rows, case.kind) if result.ok else []
    problem = _check(case.expect, result.ok, rows, errors)
    assert problem is None, f"{case.file} ({case.imitates}): {problem}"
    if case.notices:
        notices = " ".join(result.notices)
        assert all(word in notices for word in case.notices), notices
