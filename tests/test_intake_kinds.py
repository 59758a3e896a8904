"""The upload-kind registry: every entry is complete and agrees with itself, the store, the labels and the roles."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from access.roles import ACTION_ROLE
from intake import UPLOAD_KINDS, Context, template
from intake.schemas import header_score
from presentation import labels
from store import db as store_db
from tests.helpers import INDICATORS

KINDS = list(UPLOAD_KINDS.values())
IDS = list(UPLOAD_KINDS)
CTX = Context(INDICATORS, latest_period="2026Q3", task_count=5)


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_every_kind_names_its_columns_keys_rules_and_template(kind):
    columns = {c.field for c in kind.columns}
    kept = {c.field for c in kind.columns if not c.ignored}
    assert len(columns) == len(kind.columns), "two columns of one kind share a field"
    assert set(kind.fields) <= kept, "every stored field needs a column"
    assert kind.keys and set(kind.keys) <= set(kind.fields)
    assert kind.compared and set(kind.compared) <= set(kind.fields) - set(kind.keys)
    assert kind.filled in kind.fields
    assert kept <= set(kind.rules) <= columns, "every kept column needs a rule, and every rule a column"
    assert not {"seq"} & set(kind.rules), "序号 is never read"
    assert all(callable(rule) for rule in kind.rules.values())
    assert all(c.note for c in kind.columns if not c.ignored), "every template column needs its 填写说明 note"
    assert 0 < len(kind.sheet) <= 31 and kind.table
    assert callable(kind.prefill)


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_every_kind_has_a_label_and_an_action_role(kind):
    assert labels.UPLOAD_KIND.get(kind.name), f"presentation.labels.UPLOAD_KIND has no name for {kind.name!r}"
    assert kind.action in ACTION_ROLE


def test_labels_name_only_registered_kinds():
    assert set(labels.UPLOAD_KIND) == set(UPLOAD_KINDS)


def test_every_kind_lands_in_a_store_table_with_its_fields(db):
    with store_db.connect(db) as con:
        found = con.execute("SELECT table_name, column_name FROM information_schema.columns").fetchall()
    tables: dict[str, set[str]] = {}
    for table, column in found:
        tables.setdefault(table, set()).add(column)
    for kind in KINDS:
        assert kind.table in tables, f"{kind.name}: no table {kind.table!r} in store/schema.py"
        assert {*kind.fields, "upload_id"} <= tables[kind.table]


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_every_template_header_reads_back_as_its_kind(kind):
    frame = pd.read_csv(io.BytesIO(template(kind.name, CTX, "csv")), dtype=str, keep_default_na=False,
                        encoding="utf-8-sig")
    assert list(frame.columns) == [c.header for c in kind.columns if not c.ignored]
    assert header_score(kind.name, list(frame.columns)) == (True, len(frame.columns))
