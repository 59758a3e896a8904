"""What an .xlsx says beyond its values, from its XML: extent before allocation, percent formats, formulas, errors."""

from __future__ import annotations

import io
import zipfile

import pytest

from intake import numfmt, workbook


def _sheet(cells: str, prefix: str = "") -> bytes:
    p = f"{prefix}:" if prefix else ""
    ns = f'xmlns{":" + prefix if prefix else ""}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    return f"<{p}worksheet {ns}><{p}sheetData>{cells}</{p}sheetData></{p}worksheet>".encode()


@pytest.mark.parametrize("cells, expected", [
    ('<row r="1"><c r="A1"/><c r="D1"/></row><row r="3"><c r="B3"/></row>', (3, 4)),
    ('<row r="1"><c r="A1"/><c r="XFD1048576"/></row>', (1048576, 16384)),  # a far cell in an early row
    ('<row r="2"><c r="A2"/><c r="A99999"/></row>', (99999, 1)),
    ('<row><c/><c/></row><row><c/></row>', (2, 1)),  # rows without r= count one each
    ('<row r="5"><c r="AB5"/></row>', (5, 28)),
])
def test_extent_is_an_upper_bound_of_what_a_reader_allocates(cells, expected):
    assert workbook.extent(_sheet(cells)) == expected


def test_extent_sees_prefixed_tags():
    assert workbook.extent(_sheet('<x:row r="7"><x:c r="C7"/></x:row>', "x")) == (7, 3)


@pytest.mark.parametrize("code, percent", [
    ("0%", True), ("0.0%", True), ('0.00"%"', False), ("0.0\\%", False), ("[Red]0.0%;[Blue]-0.0%", True),
    ("General", False), ("#,##0.00", False),
])
def test_percent_formats_are_those_that_show_a_percent_sign_as_a_multiplier(code, percent):
    assert workbook._is_percent_format(code) is percent


BOOK = workbook.Book(sheets=(), formats={3: numfmt.parse("0.0%")}, recalc_on_load=False)


def test_marks_find_numbers_in_percent_styles_but_not_text_in_them():
    xml = _sheet('<row r="2"><c r="D2" s="3"><v>0.951</v></c><c r="E2" s="3" t="s"><v>0</v></c>'
                 '<c r="F2" s="1"><v>0.5</v></c></row>')
    assert workbook.marks(xml, BOOK).percent == {(1, 3)}


def test_marks_find_formulas_with_and_without_a_saved_result_and_error_values():
    xml = _sheet('<row r="2"><c r="A2"><f>1+1</f></c><c r="B2"><f>1+1</f><v>2</v></c>'
                 '<c r="C2" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="D2" t="e"><v>#N/A</v></c>'
                 '<c r="E2"><f t="shared" si="0"/><v></v></c></row>')
    marks = workbook.marks(xml, BOOK)
    assert marks.formula == {(1, 0): False, (1, 1): True, (1, 2): True, (1, 4): False}
    assert marks.error == {(1, 2): "#DIV/0!", (1, 3): "#N/A"}


def test_a_marked_cell_without_an_address_is_reported_not_guessed():
    assert workbook.marks(_sheet('<row><c s="3"><v>0.5</v></c></row>'), BOOK).unplaced


def test_read_book_knows_hidden_and_chart_sheets_and_the_calc_flag():
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "_rels/.rels": f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                       f'<Relationship Id="r" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                           f'xmlns:r="{rel}"><sheets><sheet name="旧" sheetId="1" state="hidden" r:id="a"/>'
                           '<sheet name="图" sheetId="2" r:id="b"/><sheet name="数据" sheetId="3" r:id="c"/></sheets>'
                           '<calcPr fullCalcOnLoad="1"/></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                                      f'relationships"><Relationship Id="a" Type="{rel}/worksheet" '
                                      'Target="worksheets/sheet1.xml"/><Relationship Id="b" '
                                      f'Type="{rel}/chartsheet" Target="/xl/chartsheets/sheet1.xml"/>'
                                      f'<Relationship Id="c" Type="{rel}/worksheet" Target="worksheets/sheet2.xml"/>'
                                      "</Relationships>",
    }
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as z:
        for name, text in parts.items():
            z.writestr(name, text)
    with zipfile.ZipFile(data) as z:
        book = workbook.read_book(z)
    assert [(s.name, s.visible, s.worksheet, s.part) for s in book.sheets] == [
        ("旧", False, True, "xl/worksheets/sheet1.xml"), ("图", True, False, "xl/chartsheets/sheet1.xml"),
        ("数据", True, True, "xl/worksheets/sheet2.xml")]
    assert book.recalc_on_load


@pytest.mark.parametrize("code, value, shown", [
    ("0.0%", 0.951, (1, 0, False, "")),
    ("[<1]0.0%;0.0", 0.951, (1, 0, False, "")),
    ("[<1]0.0%;0.0", 96.2, (0, 0, False, "")),
    ("0.0;-0.0%", 95.1, (0, 0, False, "")),
    ('0.00"%"', 95.1, (0, 0, False, "%")),
    ("0.0‰", 0.5, (0, 0, False, "‰")),
    ('0.0"万吨"', 12.3, (0, 0, False, "万吨")),
    ("#,##0,", 12345, (0, 1, False, "")),
    ('0.00,,"百万"', 1234567, (0, 2, False, "百万")),
    ('0!.0000"万"', 12345, (0, 0, True, "万")),
])
def test_number_formats_say_what_they_do_to_a_number(code, value, shown):
    section = numfmt.parse(code).section(value)
    assert (section.percent, section.scale, section.split, section.suffix) == shown


@pytest.mark.parametrize("code", [
    "General", "G/通用格式", "#,##0.00", "0.00E+00", "# ?/?", "yyyy/m/d", '[$-804]yyyy"年"m"月"d"日";@', "h:mm",
    "[DBNum1][$-804]General", "¥#,##0.00", '_ * #,##0_ ;_ * \\-#,##0_ ;_ * "-"??_ ;_ @_ ', "0.0;(0.0)", "@",
])
def test_formats_that_show_the_number_itself_need_no_attention(code):
    assert numfmt.parse(code) is None


def test_marks_find_hidden_rows_and_columns():
    xml = _sheet('<row r="2" hidden="1"><c r="A2"><v>1</v></c></row><row r="3"><c r="A3"><v>1</v></c></row>')
    xml = xml.replace(b"<sheetData>", b'<cols><col min="2" max="3" hidden="1"/></cols><sheetData>')
    marks = workbook.marks(xml, BOOK)
    assert marks.hidden_rows == {1} and marks.hidden_columns == {1, 2}
