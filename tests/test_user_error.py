"""One base for the errors a user reads (errors.UserError): the store's, intake's and the accounts' derive from it,
and the command group turns any of them into its Chinese message and exit status 1."""

from __future__ import annotations

import pytest

from access.accounts import AccountError
from errors import UserError
from intake.errors import UploadError
from store.errors import DatabaseBusy, DuplicateUpload, StoreError
from tests.helpers import run


@pytest.mark.parametrize("error", [StoreError("库忙"), DatabaseBusy("库忙"), DuplicateUpload("重复", 3),
                                   UploadError("文件为空", "请填写数据"), AccountError("没有该账户")])
def test_every_user_facing_error_is_a_user_error_with_its_chinese_message(error):
    assert isinstance(error, UserError)
    assert error.message == str(error) and error.message


def test_an_upload_error_joins_problem_and_fix():
    assert UploadError("文件为空", "请填写数据").message == "文件为空。请填写数据"


def test_the_command_group_prints_an_account_error_once_with_status_1(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANPROD_ACCOUNTS", str(tmp_path / "accounts.yaml"))
    result = run(tmp_path / "x.duckdb", "delete-account", "nobody")
    assert result.exit_code == 1
    assert "nobody" in result.output and "Traceback" not in result.output
