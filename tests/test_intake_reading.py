"""Reading uploads: encodings, delimiters, Excel cells, row numbers, limits."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from intake import Limits, UploadError, read_table


def _xlsx(rows, title="Sheet1") -> bytes:
    book = Workbook()
    book.active.title = title
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_csv_cells_are_stripped_strings_indexed_by_excel_row():
    raw = read_table(b"a,b\n 1 ,\n\n x,y\n", "f.csv")
    assert raw.header_row == 1
    assert raw.columns == ("a", "b")
    assert raw.frame.index.tolist() == [2, 4]
    assert raw.frame.values.tolist() == [["1", ""], ["x", "y"]]


def test_leading_blank_rows_and_a_title_row_move_the_header_down():
    raw = read_table("\n,,\n2025年报表,,\n代码,期,值\nA,B,C\n".encode(), "f.csv")
    assert raw.header_row == 4
    assert raw.columns == ("代码", "期", "值")
    assert raw.frame.index.tolist() == [5]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_encodings_that_excel_writes(encoding):
    raw = read_table("指标代码,报告期\n甲,乙\n".encode(encoding), "f.csv")
    assert raw.columns == ("指标代码", "报告期")
    assert raw.frame.values.tolist() == [["甲", "乙"]]


@pytest.mark.parametrize("sep", [",", "\t", ";"])
def test_delimiter_is_detected(sep):
    raw = read_table(
        sep.join(["a", "b", "c"]).encode() + b"\n1" + sep.encode() + b"2.5" + sep.encode() + b"3\n", "f.csv"
    )
    assert len(raw.columns) == 3


def test_excel_numbers_arrive_as_people_see_them():
    data = _xlsx([["a", "b", "c", "d", "e"], [12.0, 12.5, dt.datetime(2025, 12, 31), True, 0.1 + 0.2]])
    raw = read_table(data, "f.xlsx")
    assert raw.frame.values.tolist() == [["12", "12.5", "2025-12-31", "TRUE", "0.3"]]
    assert raw.sheet == "Sheet1"


def test_named_sheet_is_read_and_a_missing_one_lists_the_sheets():
    book = Workbook()
    book.active.title = "封面"
    book.create_sheet("数据").append(["a", "b"])
    book["数据"].append(["1", "2"])
    out = io.BytesIO()
    book.save(out)
    assert read_table(out.getvalue(), "f.xlsx", sheet="数据").frame.values.tolist() == [["1", "2"]]
    with pytest.raises(UploadError) as err:
        read_table(out.getvalue(), "f.xlsx", sheet="Sheet9")
    assert err.value.problem == "工作簿中没有名为“Sheet9”的工作表"
    assert err.value.fix == "现有工作表：“封面”、“数据”；请选择其中之一"


def test_file_over_the_byte_limit_is_refused():
    with pytest.raises(UploadError, match="文件太大"):
        read_table(b"a,b\n1,2\n", "f.csv", limits=Limits(max_bytes=5))


@pytest.mark.parametrize("name, data", [("f.csv", b"a,b\n1,2\n3,4\n5,6\n"), ("f.xlsx", None)])
def test_file_over_the_row_limit_is_refused(name, data):
    data = data or _xlsx([["a", "b"], [1, 2], [3, 4], [5, 6]])
    with pytest.raises(UploadError, match="超过上限 2 行"):
        read_table(data, name, limits=Limits(max_rows=2))


def test_xlsx_that_unpacks_beyond_the_limit_is_refused():
    with pytest.raises(UploadError, match="解压后过大"):
        read_table(_xlsx([["a", "b"], [1, 2]]), "f.xlsx", limits=Limits(max_unpacked_bytes=1000))


def test_upload_error_message_says_what_and_how():
    with pytest.raises(UploadError) as err:
        read_table(b"", "f.csv")
    assert err.value.message == "文件没有数据行：文件是空的（0 字节）。请在模板的表头下填写数据后再上传"
    assert str(err.value) == err.value.message


def test_quoted_cells_with_newlines_count_as_one_excel_row():
    raw = read_table(b'a,b\n"line1\nline2",x\ny,z\n', "f.csv")
    assert raw.frame.index.tolist() == [2, 3]
    assert raw.frame.iloc[0, 0] == "line1\nline2"
