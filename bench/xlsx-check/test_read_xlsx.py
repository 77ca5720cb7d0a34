"""Tests of read_xlsx.py. Run from the repository root:

    python3 -m unittest bench/xlsx-check/test_read_xlsx.py

The workbooks are written here by hand with zipfile (minimal Office Open XML). The tests that read them
through LibreOffice are skipped when neither `soffice` nor `libreoffice` is on PATH; the XML-only runs
(--no-libreoffice) always run.
"""

import json
import pathlib
import shutil
import subprocess
import sys
import tempfile
import unittest
import zipfile
from xml.sax.saxutils import escape

HERE = pathlib.Path(__file__).resolve().parent
SCRIPT = HERE / "read_xlsx.py"
sys.path.insert(0, str(HERE))
import read_xlsx  # noqa: E402

HAVE_SOFFICE = bool(shutil.which("soffice") or shutil.which("libreoffice"))

HEADER = read_xlsx.CALLLIST_COLUMNS
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def call_row(list_name, rank, customer_id, phone, churn, value, stake, p_alive, name="", action="call back"):
    """A CSV row (strings, as `loyalty calllist` writes them), in HEADER order."""
    return [list_name, str(rank), customer_id, name, phone, churn, "", "high risk", value, stake, "S", "loyal", "1",
            "no purchase for 200 days", "", "", "days_since_last_purchase", "", "", action, "re_engage", "call",
            "2011-12-09", "", p_alive]


ROWS = [
    call_row("retention", 1, "0003653", "090-1234-5678", "0.812345", "3192.54", "2593.43", "0.997488", name="山田 太郎"),
    call_row("retention", 2, "13093", "0312345678", "0.333333", "7741.47", "2580.49", "0.457762"),
    call_row("retention", 3, "00042", "", "0.000001", "123456789.12", "123.46", ""),
    call_row("upgrade", 1, "17850", "+81 3 1234 5678", "0.1", "0.00", "0.00", "1", action="昇格のご案内"),
]
NUMERIC = {"rank", "churn_probability", "loyal_candidate_probability", "value", "value_at_stake", "is_loyal", "p_alive"}


def sheet_cells(header, rows):
    """Cells for a list sheet: the header as text, then each row typed as the workbook should store it."""
    out = [list(header)]
    for row in rows:
        cells = []
        for name, value in zip(HEADER, row):
            if value == "":
                cells.append(None)
            elif name in NUMERIC:
                cells.append(float(value))
            else:
                cells.append(value)
        out.append(cells)
    return out


def col_letter(c):
    letters, c = "", c + 1
    while c:
        c, rem = divmod(c - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def write_xlsx(path, sheets, frozen=True, widths=True, inline=False):
    """A minimal workbook. `sheets` is [(name, rows)]; a cell is str (text), int/float (number), None
    (no cell), or ("inline", str) / ("str", str) for an inline string or a formula's string result."""
    shared, index = [], {}

    def text_cell(ref, text):
        if inline:
            return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(text)}</t></is></c>'
        if text not in index:
            index[text] = len(shared)
            shared.append(text)
        return f'<c r="{ref}" t="s"><v>{index[text]}</v></c>'

    parts = {}
    for n, (name, rows) in enumerate(sheets, 1):
        xml_rows = []
        for r, row in enumerate(rows, 1):
            cells = []
            for c, value in enumerate(row):
                ref = f"{col_letter(c)}{r}"
                if value is None:
                    continue
                if isinstance(value, tuple) and value[0] == "inline":
                    cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(value[1])}</t></is></c>')
                elif isinstance(value, tuple) and value[0] == "str":
                    cells.append(f'<c r="{ref}" t="str"><f>"{escape(value[1])}"</f><v>{escape(value[1])}</v></c>')
                elif isinstance(value, str):
                    cells.append(text_cell(ref, value))
                else:
                    cells.append(f'<c r="{ref}" s="1"><v>{float(value)!r}</v></c>')
            xml_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
        width = max((len(row) for row in rows), default=1)
        view = ('<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
                'state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>' if frozen else
                '<sheetViews><sheetView workbookViewId="0"/></sheetViews>')
        cols = (f'<cols><col min="1" max="{width}" width="14.7109375" customWidth="1"/></cols>' if widths else "")
        parts[f"xl/worksheets/sheet{n}.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN}" xmlns:r="{REL}">'
            f'{view}{cols}<sheetData>{"".join(xml_rows)}</sheetData></worksheet>')

    overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
                        f'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                        for n in range(1, len(sheets) + 1))
    parts["[Content_Types].xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        f'{overrides}</Types>')
    parts["_rels/.rels"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    sheet_list = "".join(f'<sheet name="{escape(name)}" sheetId="{n}" r:id="rId{n}"/>'
                         for n, (name, _) in enumerate(sheets, 1))
    parts["xl/workbook.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{MAIN}" xmlns:r="{REL}">'
        f'<sheets>{sheet_list}</sheets></workbook>')
    rels = "".join(f'<Relationship Id="rId{n}" Type="{REL}/worksheet" Target="worksheets/sheet{n}.xml"/>'
                   for n in range(1, len(sheets) + 1))
    k = len(sheets)
    rels += (f'<Relationship Id="rId{k + 1}" Type="{REL}/styles" Target="styles.xml"/>'
             f'<Relationship Id="rId{k + 2}" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>')
    parts["xl/_rels/workbook.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>')
    parts["xl/styles.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{MAIN}">'
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.000000"/></numFmts>'
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>')
    items = "".join(f'<si><t xml:space="preserve">{escape(text)}</t></si>' for text in shared)
    parts["xl/sharedStrings.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{MAIN}" count="{len(shared)}" '
        f'uniqueCount="{len(shared)}">{items}</sst>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name in ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                     *sorted(p for p in parts if p.startswith("xl/worksheets/")), "xl/sharedStrings.xml", "xl/styles.xml"]:
            book.writestr(name, parts[name])


SUMMARY = [["measure", "retention", "upgrade"], ["rows", 3, 1], ["value covered", 123459723.12, 0.0]]


def book_sheets(rows=ROWS, header=HEADER, summary_name="summary"):
    lists = {}
    for row in rows:
        lists.setdefault(row[0], []).append(row)
    return [(summary_name, SUMMARY)] + [(name, sheet_cells(header, lines)) for name, lines in lists.items()]


def write_csv(path, rows=ROWS, header=HEADER, bom=False):
    import csv
    import io
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8"))


class Base(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="test-xlsx-check-")
        self.dir = pathlib.Path(self.tmp.name)
        self.csv = self.dir / "calllist.csv"
        write_csv(self.csv)

    def tearDown(self):
        self.tmp.cleanup()

    def run_check(self, sheets, *args, **options):
        book = self.dir / "calllist.xlsx"
        write_xlsx(book, sheets, **options)
        proc = subprocess.run([sys.executable, str(SCRIPT), str(book), "--csv", str(self.csv), "--json", *args],
                              capture_output=True, text=True, timeout=180)
        self.assertIn(proc.returncode, (0, 1), proc.stderr)
        return proc.returncode, json.loads(proc.stdout)

    def assertProblem(self, result, *fragments):
        for fragment in fragments:
            self.assertTrue(any(fragment in p for p in result["problems"]),
                            f"no problem containing {fragment!r} in {json.dumps(result['problems'], ensure_ascii=False)}")

    def book_with(self, change):
        """book_sheets() with `change(sheets)` applied to a copy."""
        sheets = [(name, [list(row) for row in rows]) for name, rows in book_sheets()]
        change(dict(sheets))
        return sheets


def lose_leading_zero(sheets):
    sheets["retention"][1][2] = 3653.0                    # customer_id 0003653 stored as a number


def change_value(sheets):
    sheets["retention"][2][8] = 7741.48                   # value 7741.47 -> 7741.48


def drop_row(sheets):
    del sheets["retention"][3]                            # the last retention row


class XmlOnlyTests(Base):
    ARGS = ("--no-libreoffice",)

    def test_matching_book_passes(self):
        code, result = self.run_check(book_sheets(), *self.ARGS)
        self.assertEqual(code, 0, result["problems"])
        self.assertEqual(result["lists"]["retention"]["csvRows"], 3)
        self.assertEqual(result["lists"]["upgrade"]["sheetRows"], 1)
        retention = next(s for s in result["sheets"] if s["name"] == "retention")
        self.assertTrue(retention["frozenHeader"])
        self.assertEqual(retention["cellTypes"]["customer_id"], {"text": 3})
        self.assertEqual(retention["cellTypes"]["churn_probability"], {"number": 3})
        self.assertEqual(retention["cellTypes"]["p_alive"], {"number": 2, "empty": 1})

    def test_id_stored_as_a_number_fails(self):
        code, result = self.run_check(self.book_with(lose_leading_zero), *self.ARGS)
        self.assertEqual(code, 1)
        self.assertProblem(result, "sheet 'retention' C2 (customer_id, customer '0003653'): stored as a number")

    def test_changed_value_fails(self):
        code, result = self.run_check(self.book_with(change_value), *self.ARGS)
        self.assertEqual(code, 1)
        self.assertProblem(result, "I3 (value, customer '13093'): number 7741.48, the CSV has '7741.47'")

    def test_missing_row_fails(self):
        code, result = self.run_check(self.book_with(drop_row), *self.ARGS)
        self.assertEqual(code, 1)
        self.assertProblem(result, "sheet 'retention': row 4 missing (CSV row 3 of the list, customer '00042')")

    def test_number_stored_as_text_fails(self):
        def text_probability(sheets):
            sheets["upgrade"][1][5] = "0.1"
        code, result = self.run_check(self.book_with(text_probability), *self.ARGS)
        self.assertEqual(code, 1)
        self.assertProblem(result, "F2 (churn_probability, customer '17850'): stored as text")

    def test_inline_strings_and_formula_strings_are_text(self):
        def formula_phone(sheets):
            sheets["retention"][2][4] = ("str", "0312345678")
            sheets["retention"][1][3] = ("inline", "山田 太郎")
        code, result = self.run_check(self.book_with(formula_phone), *self.ARGS, inline=True)
        self.assertEqual(code, 0, result["problems"])

    def test_missing_frozen_pane_and_widths_fail(self):
        code, result = self.run_check(book_sheets(), *self.ARGS, frozen=False, widths=False)
        self.assertEqual(code, 1)
        self.assertProblem(result, "sheet 'retention': the header row is not frozen", "sheet 'summary': no column widths")

    def test_missing_list_sheet_fails(self):
        sheets = [s for s in book_sheets() if s[0] != "upgrade"]
        code, result = self.run_check(sheets, *self.ARGS)
        self.assertEqual(code, 1)
        self.assertProblem(result, "no sheet named 'upgrade' for the CSV's 1 upgrade row(s)")

    def test_empty_list_has_a_header_only_sheet(self):
        retention = [row for row in ROWS if row[0] == "retention"]
        write_csv(self.csv, rows=retention)
        sheets = book_sheets(rows=retention) + [("upgrade", [list(HEADER)])]
        code, result = self.run_check(sheets, *self.ARGS)
        self.assertEqual(code, 0, result["problems"])
        self.assertEqual(next(s for s in result["sheets"] if s["name"] == "upgrade")["role"], "other")

    def test_cannot_run(self):
        proc = subprocess.run([sys.executable, str(SCRIPT), str(self.dir / "none.xlsx"), "--csv", str(self.csv)],
                              capture_output=True, text=True, timeout=60)
        self.assertEqual(proc.returncode, 2)
        bad = self.dir / "bad.xlsx"
        bad.write_text("not a zip")
        proc = subprocess.run([sys.executable, str(SCRIPT), str(bad), "--csv", str(self.csv), "--no-libreoffice"],
                              capture_output=True, text=True, timeout=60)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("not a readable xlsx", proc.stderr)


@unittest.skipUnless(HAVE_SOFFICE, "LibreOffice (soffice/libreoffice) is not on PATH")
class LibreOfficeTests(XmlOnlyTests):
    """The same cases read through LibreOffice as well: both readers must report them."""
    ARGS = ()

    def test_matching_book_passes(self):
        code, result = self.run_check(book_sheets())
        self.assertEqual(code, 0, result["problems"])
        self.assertEqual(result["lists"]["retention"]["matchingRowsXml"], 3)
        self.assertEqual(result["lists"]["retention"]["matchingRowsLibreOffice"], 3)
        self.assertIn("-1", result["libreoffice"]["filter"])

    def test_id_stored_as_a_number_fails(self):
        code, result = self.run_check(self.book_with(lose_leading_zero))
        self.assertEqual(code, 1)
        for reader in ("XML", "LibreOffice"):
            self.assertProblem(result, f"{reader}: sheet 'retention' C2 (customer_id, customer '0003653'): stored as "
                                       "a number (number 3653.0), not text")
        self.assertEqual(result["problemCounts"]["readersDisagree"], 0)

    def test_changed_value_fails(self):
        code, result = self.run_check(self.book_with(change_value))
        self.assertEqual(code, 1)
        for reader in ("XML", "LibreOffice"):
            self.assertProblem(result, f"{reader}: sheet 'retention' I3 (value, customer '13093'): number 7741.48")

    def test_missing_row_fails(self):
        code, result = self.run_check(self.book_with(drop_row))
        self.assertEqual(code, 1)
        for reader in ("XML", "LibreOffice"):
            self.assertProblem(result, f"{reader}: sheet 'retention': row 4 missing")

    def test_japanese_sheets_and_headers_with_a_bom(self):
        rows = [["離反防止"] + row[1:] for row in ROWS if row[0] == "retention"] + \
               [["ロイヤル化"] + row[1:] for row in ROWS if row[0] == "upgrade"]
        header = read_xlsx.JAPANESE_COLUMNS
        write_csv(self.csv, rows=rows, header=header, bom=True)
        code, result = self.run_check(book_sheets(rows=rows, header=header, summary_name="概要"))
        self.assertEqual(code, 0, result["problems"])
        self.assertEqual(result["csvEncoding"], "utf-8 with BOM")
        self.assertEqual([s["name"] for s in result["sheets"]], ["概要", "離反防止", "ロイヤル化"])
        self.assertEqual(result["lists"]["離反防止"]["matchingRowsLibreOffice"], 3)


class UnitTests(unittest.TestCase):
    def test_quoted_csv_parser(self):
        rows = read_xlsx.parse_quoted_csv('"a","b ""c""",1,,"x\ny"\n2,"",\r\n')
        self.assertEqual(rows, [[("a", True), ('b "c"', True), ("1", False), ("", False), ("x\ny", True)],
                                [("2", False), ("", True), ("", False)]])

    def test_ooxml_escapes_and_columns(self):
        self.assertEqual(read_xlsx.unescape_ooxml("a_x000D_b_x005F_x"), "a\rb_x")
        self.assertEqual([read_xlsx.column_index(r) for r in ("A1", "Z9", "AA10", "AY2")], [0, 25, 26, 50])
        self.assertEqual(read_xlsx.cell_name(1, 26), "AA1")

    def test_compare_cell(self):
        C = read_xlsx.Cell
        self.assertIsNone(read_xlsx.compare_cell("0.1", C("number", 0.1 * (1 + 1e-12)), "number"))
        self.assertIsNotNone(read_xlsx.compare_cell("0.1", C("number", 0.1 * (1 + 1e-8)), "number"))
        self.assertIsNotNone(read_xlsx.compare_cell("007", C("number", 7.0), "text"))
        self.assertIsNone(read_xlsx.compare_cell("", read_xlsx.EMPTY, "number"))
        self.assertIsNotNone(read_xlsx.compare_cell("", C("number", 0.0), "number"))
        self.assertIsNone(read_xlsx.compare_cell("1", C("number", 1.0), "either"))
        self.assertIsNone(read_xlsx.compare_cell("1", C("text", "1"), "either"))


if __name__ == "__main__":
    unittest.main()
