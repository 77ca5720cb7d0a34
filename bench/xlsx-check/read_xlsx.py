#!/usr/bin/env python3
"""Reads a `loyalty calllist --out calllist.xlsx` workbook two ways and compares it with the CSV call list.

    python3 bench/xlsx-check/read_xlsx.py calllist.xlsx --csv calllist.csv [--json] [--no-libreoffice]

The two readers:
1. LibreOffice, headless: `soffice --convert-to csv:...` with the sheet token -1, which writes one CSV per
   sheet, and with "quote all text cells" on, so a quoted field is a text cell and a bare one a number.
2. This script's own reading of the Office Open XML: zipfile + xml.etree (the workbook and its
   relationships, sharedStrings, inline strings, and the cell types: t="s" / "inlineStr" / "str" are
   text, no t or t="n" is a number, "b" a boolean, "e" an error).

For each list in the CSV (the `list` column: retention, upgrade, or their Japanese names) the sheet of
that name must hold the CSV's header, then the same rows in the same order: text cells equal exactly
(leading zeros kept, Japanese intact) and numbers equal within 1e-9 relative. Ids, phones and the other
text columns must be stored as text, and rank, the probabilities, value, value_at_stake and p_alive as
numbers; an empty CSV field must be an empty cell. Both readers are held to this, and they must agree
with each other on every cell of every sheet (the summary sheet too). The workbook must also have a
summary sheet ("summary" or "概要"), a frozen header row on each sheet (pane ySplit=1, state frozen)
and column widths (`<cols>`).

Exit code: 0 everything matches, 1 a mismatch, 2 cannot run (a missing or unreadable file, no
LibreOffice without --no-libreoffice, a conversion that fails or times out).
"""

import argparse
import collections
import json
import math
import os
import pathlib
import posixpath
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
import zipfile

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "pr": "http://schemas.openxmlformats.org/package/2006/relationships"}
R_ID = "{%s}id" % NS["r"]
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"

# LibreOffice's CSV export options (the "Text - txt - csv (StarCalc)" filter), token by token:
# 44 = ',' separator, 34 = '"' text delimiter, 76 = UTF-8, 1 = first line, (no column formats), 0 = language,
# true = quote all text cells, true = detect special numbers (import only), false = save cell contents
# as shown (so numbers come out at full precision, not as formatted), false = export formulas,
# false = remove spaces, -1 = every sheet to its own file <name>-<sheet>.csv (LibreOffice 7.2 and later).
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,false,false,false,-1"
SOFFICE_TIMEOUT = 120.0

CALLLIST_COLUMNS = [
    "list", "rank", "customer_id", "name", "phone", "churn_probability", "loyal_candidate_probability", "risk", "value",
    "value_at_stake", "rfm_rank", "segment", "is_loyal", "reason_1", "reason_2", "reason_3", "reason_code_1",
    "reason_code_2", "reason_code_3", "action", "action_code", "group", "contact_date", "reached", "p_alive",
]
JAPANESE_COLUMNS = [
    "リスト", "順位", "顧客ID", "氏名", "電話番号", "離反確率", "ロイヤル化確率", "見込み", "顧客価値", "損失見込み額",
    "RFMランク", "セグメント", "ロイヤル会員", "理由1", "理由2", "理由3", "理由コード1", "理由コード2", "理由コード3",
    "推奨アクション", "アクションコード", "群", "接触日", "到達", "継続見込み",
]
FROM_JAPANESE = dict(zip(JAPANESE_COLUMNS, CALLLIST_COLUMNS))
NUMBER_COLUMNS = {"rank", "churn_probability", "loyal_candidate_probability", "value", "value_at_stake", "p_alive"}
EITHER_COLUMNS = {"is_loyal"}            # 1/0: a number or text, compared as what it is stored as
TEXT_COLUMNS = set(CALLLIST_COLUMNS) - NUMBER_COLUMNS - EITHER_COLUMNS
SUMMARY_SHEETS = ("summary", "概要")
LIST_NAMES = {"retention": "retention", "upgrade": "upgrade", "離反防止": "retention", "ロイヤル化": "upgrade"}
REL_TOL = 1e-9
MAX_SHOWN = 30                            # problems printed per sheet before "... and N more"


class CannotRun(Exception):
    """The check could not be carried out (exit code 2)."""


# A cell as either reader sees it: kind is "text", "number", "bool", "error" or "empty".
Cell = collections.namedtuple("Cell", "kind value")
EMPTY = Cell("empty", "")


# --------------------------------------------------------------------------------------------------
# Reader 1: the Office Open XML itself
# --------------------------------------------------------------------------------------------------

_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def unescape_ooxml(text):
    """Undoes the ST_Xstring escapes (`_x000D_` for a carriage return, `_x005F_` for '_')."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def string_item_text(item):
    """The text of an <si> or <is>: its <t>, or its rich-text runs' <t>s; phonetic runs (<rPh>) left out."""
    parts = []
    for child in item:
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "t":
            parts.append(child.text or "")
        elif tag == "r":
            for t in child.findall("m:t", NS):
                parts.append(t.text or "")
    return unescape_ooxml("".join(parts))


def column_index(ref):
    """0-based column of a cell reference such as `AB12`."""
    index = 0
    for ch in ref:
        if "A" <= ch <= "Z":
            index = index * 26 + ord(ch) - 64
        elif "a" <= ch <= "z":
            index = index * 26 + ord(ch) - 96
        else:
            break
    return index - 1


def _part(book, name, required=True):
    try:
        return book.read(name)
    except KeyError:
        if required:
            raise CannotRun(f"the workbook has no part {name}")
        return None


def _xml(book, name, required=True):
    data = _part(book, name, required)
    if data is None:
        return None
    try:
        return ET.fromstring(data)
    except ET.ParseError as error:
        raise CannotRun(f"{name}: not well-formed XML ({error})")


def _relationships(book, part):
    """{rId: target part name} of `part` (resolved against the part's folder)."""
    folder, base = posixpath.split(part)
    rels = _xml(book, posixpath.join(folder, "_rels", base + ".rels"), required=False)
    out = {}
    if rels is None:
        return out
    for rel in rels.findall("pr:Relationship", NS):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out[rel.get("Id")] = (name, rel.get("Type", ""))
    return out


def read_workbook_xml(path):
    """[{name, part, rows: [[Cell]], frozenHeader, pane, columnWidths, formats: [[code]]}] in sheet order."""
    try:
        book = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise CannotRun(f"{path}: not a readable xlsx (zip) file ({error})")
    with book:
        workbook_part = "xl/workbook.xml"
        for target, kind in _relationships(book, "").values():
            if kind == OFFICE_DOCUMENT:
                workbook_part = target
        workbook = _xml(book, workbook_part)
        rels = _relationships(book, workbook_part)
        shared_part = next((t for t, k in rels.values() if k.endswith("/sharedStrings")), None)
        if shared_part is None and "xl/sharedStrings.xml" in book.namelist():
            shared_part = "xl/sharedStrings.xml"
        shared = [string_item_text(si) for si in _xml(book, shared_part).findall("m:si", NS)] if shared_part else []

        formats = ["General"]                    # style index -> number format code
        styles_part = next((t for t, k in rels.values() if k.endswith("/styles")), "xl/styles.xml")
        styles = _xml(book, styles_part, required=False)
        if styles is not None:
            codes = {fmt.get("numFmtId"): fmt.get("formatCode") for fmt in styles.iterfind("m:numFmts/m:numFmt", NS)}
            builtin = {"0": "General", "1": "0", "2": "0.00", "3": "#,##0", "4": "#,##0.00", "9": "0%", "10": "0.00%",
                       "14": "m/d/yyyy", "49": "@"}
            xfs = styles.find("m:cellXfs", NS)
            if xfs is not None:
                formats = [codes.get(xf.get("numFmtId", "0")) or builtin.get(xf.get("numFmtId", "0"),
                                                                              "builtin " + xf.get("numFmtId", "0"))
                           for xf in xfs.findall("m:xf", NS)] or formats

        sheets = []
        for sheet in workbook.iterfind("m:sheets/m:sheet", NS):
            name = sheet.get("name")
            target = rels.get(sheet.get(R_ID), (None, ""))[0]
            if target is None:
                raise CannotRun(f"sheet {name!r}: relationship {sheet.get(R_ID)} is not in the workbook's .rels")
            sheets.append(read_sheet_xml(book, name, target, shared, formats))
        if not sheets:
            raise CannotRun(f"{path}: the workbook has no sheets")
        return sheets


def read_sheet_xml(book, name, part, shared, formats):
    root = _xml(book, part)
    rows, row_formats = {}, {}
    next_row = 1
    for row in root.iterfind("m:sheetData/m:row", NS):
        r = int(row.get("r") or next_row)
        next_row = r + 1
        cells, codes, next_col = {}, {}, 0
        for c in row.findall("m:c", NS):
            ref = c.get("r")
            col = column_index(ref) if ref else next_col
            next_col = col + 1
            kind = c.get("t", "n")
            v = c.find("m:v", NS)
            text = v.text if v is not None and v.text is not None else None
            if kind == "s":
                if text is None:
                    cell = EMPTY
                else:
                    index = int(text)
                    if index >= len(shared):
                        raise CannotRun(f"{part}: cell {ref} points at shared string {index}, of {len(shared)}")
                    cell = Cell("text", shared[index])
            elif kind == "inlineStr":
                item = c.find("m:is", NS)
                cell = Cell("text", string_item_text(item) if item is not None else "")
            elif kind == "str":
                cell = Cell("text", unescape_ooxml(text or ""))
            elif kind == "b":
                cell = Cell("bool", text == "1") if text is not None else EMPTY
            elif kind == "e":
                cell = Cell("error", text or "")
            elif kind == "d":
                cell = Cell("text", text) if text is not None else EMPTY     # an ISO 8601 date cell
            else:
                cell = Cell("number", float(text)) if text is not None and text.strip() else EMPTY
            cells[col] = cell
            codes[col] = formats[int(c.get("s", "0"))] if int(c.get("s", "0")) < len(formats) else "?"
        rows[r] = cells
        row_formats[r] = codes
    height = max((r for r, cells in rows.items() if any(cell.kind != "empty" for cell in cells.values())), default=0)
    width = max((max(cells) + 1 for cells in rows.values() if cells), default=0)
    grid = [[rows.get(r, {}).get(c, EMPTY) for c in range(width)] for r in range(1, height + 1)]
    fmt_grid = [[row_formats.get(r, {}).get(c) for c in range(width)] for r in range(1, height + 1)]

    pane = root.find("m:sheetViews/m:sheetView/m:pane", NS)
    pane_info = dict(pane.attrib) if pane is not None else None
    frozen = bool(pane is not None and pane.get("state") in ("frozen", "frozenSplit")
                  and _float(pane.get("ySplit")) == 1.0)
    widths = [{"min": int(col.get("min", 0)), "max": int(col.get("max", 0)), "width": _float(col.get("width"))}
              for col in root.iterfind("m:cols/m:col", NS)]
    return {"name": name, "part": part, "rows": grid, "formats": fmt_grid, "frozenHeader": frozen,
            "pane": pane_info, "columnWidths": widths}


def _float(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


# --------------------------------------------------------------------------------------------------
# Reader 2: LibreOffice
# --------------------------------------------------------------------------------------------------

def find_soffice(explicit=None):
    if explicit:
        return explicit if os.path.exists(explicit) else shutil.which(explicit)
    return shutil.which("soffice") or shutil.which("libreoffice")


def parse_quoted_csv(text):
    """Rows of (value, quoted) fields; a field that had quotes around it is text in LibreOffice's export."""
    rows, row, field, quoted = [], [], [], False
    i, n = 0, len(text)
    at_start = True
    while i < n:
        ch = text[i]
        if at_start and ch == '"':
            quoted, at_start = True, False
            i += 1
            while True:
                j = text.find('"', i)
                if j < 0:
                    raise CannotRun("LibreOffice's CSV has an unterminated quoted field")
                field.append(text[i:j])
                if j + 1 < n and text[j + 1] == '"':
                    field.append('"')
                    i = j + 2
                    continue
                i = j + 1
                break
            continue
        if ch == ",":
            row.append(("".join(field), quoted))
            field, quoted, at_start = [], False, True
        elif ch in "\r\n":
            row.append(("".join(field), quoted))
            rows.append(row)
            row, field, quoted, at_start = [], [], False, True
            if ch == "\r" and i + 1 < n and text[i + 1] == "\n":
                i += 1
        else:
            field.append(ch)
            at_start = False
        i += 1
    if field or row or quoted:
        row.append(("".join(field), quoted))
        rows.append(row)
    return rows


def lo_cell(value, quoted):
    if quoted:
        return Cell("text", value)
    if value == "":
        return EMPTY
    if value in ("TRUE", "FALSE"):
        return Cell("bool", value == "TRUE")
    try:
        return Cell("number", float(value))
    except ValueError:
        return Cell("error", value)           # e.g. #N/A, #VALUE!


def read_workbook_libreoffice(path, sheet_names, soffice):
    """({sheet name: [[Cell]]}, info) from LibreOffice's per-sheet CSV export."""
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="xlsx-check-") as tmp:
        tmp = pathlib.Path(tmp)
        profile, out = tmp / "profile", tmp / "out"
        out.mkdir()
        source = tmp / "book.xlsx"                   # a plain name, so the output names are predictable
        shutil.copyfile(path, source)
        command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                   "--nologo", "--nodefault", "--nolockcheck", "--convert-to", CSV_FILTER, "--outdir", str(out),
                   str(source)]
        proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                start_new_session=True, env={**os.environ, "HOME": str(tmp)})
        try:
            stdout, stderr = proc.communicate(timeout=SOFFICE_TIMEOUT)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            raise CannotRun(f"LibreOffice did not finish the conversion within {SOFFICE_TIMEOUT:.0f} s")
        finally:
            _kill_group(proc)                        # anything it left behind in its own process group
        files = sorted(out.glob("*.csv"))
        log = (stdout + stderr).decode("utf-8", "replace").strip()
        if proc.returncode != 0 or not files:
            raise CannotRun(f"LibreOffice wrote no CSV (exit {proc.returncode}): {log[-500:]}")
        by_name = {}
        for name in sheet_names:
            candidate = out / f"book-{name}.csv"
            if candidate.exists():
                by_name[name] = candidate
        if len(files) == 1 and len(sheet_names) > 1 and not by_name:
            raise CannotRun("LibreOffice wrote one CSV for a workbook of several sheets: it ignores the sheet "
                            "token -1 (LibreOffice 7.2 or later is needed)")
        missing = [name for name in sheet_names if name not in by_name]
        if missing:
            raise CannotRun(f"LibreOffice wrote {', '.join(f.name for f in files)} but no CSV for sheet(s) "
                            f"{', '.join(missing)}")
        sheets = {}
        for name, file in by_name.items():
            text = file.read_bytes().decode("utf-8-sig")
            rows = [[lo_cell(value, quoted) for value, quoted in row] for row in parse_quoted_csv(text)]
            while rows and all(cell.kind == "empty" for cell in rows[-1]):
                rows.pop()
            sheets[name] = rows
    return sheets, {"filter": CSV_FILTER, "seconds": round(time.monotonic() - started, 2), "binary": soffice}


def _kill_group(proc):
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass


def soffice_version(soffice):
    try:
        proc = subprocess.run([soffice, "--version"], capture_output=True, text=True, timeout=60,
                              stdin=subprocess.DEVNULL)
        return proc.stdout.strip().splitlines()[0] if proc.stdout.strip() else None
    except (OSError, subprocess.TimeoutExpired):
        return None


# --------------------------------------------------------------------------------------------------
# The CSV call list
# --------------------------------------------------------------------------------------------------

def read_calllist(path):
    """(header, rows, encoding): rows are lists of strings, each padded to the header's width."""
    import csv
    import io
    try:
        data = pathlib.Path(path).read_bytes()
    except OSError as error:
        raise CannotRun(f"{path}: {error.strerror}")
    for encoding in ("utf-8-sig", "cp932"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise CannotRun(f"{path}: neither UTF-8 nor CP932")
    if encoding == "utf-8-sig":
        encoding = "utf-8 with BOM" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    try:
        records = [row for row in csv.reader(io.StringIO(text, newline=""), strict=True) if row]
    except csv.Error as error:
        raise CannotRun(f"{path}: malformed CSV ({error})")
    if not records:
        raise CannotRun(f"{path}: empty")
    header = records[0]
    return header, [row + [""] * (len(header) - len(row)) for row in records[1:]], encoding


def column_kinds(header):
    """'text' / 'number' / 'either' for each column, by its machine or Japanese name."""
    kinds = []
    for name in header:
        key = FROM_JAPANESE.get(name.strip(), name.strip().lower())
        kinds.append("number" if key in NUMBER_COLUMNS else "text" if key in TEXT_COLUMNS else "either")
    return kinds


# --------------------------------------------------------------------------------------------------
# Comparison
# --------------------------------------------------------------------------------------------------

def _number(text):
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def same_number(a, b):
    return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=1e-300)


def show(cell):
    if cell.kind == "number":
        return f"number {cell.value!r}"
    if cell.kind == "empty":
        return "an empty cell"
    return f"{cell.kind} {cell.value!r}"


def compare_cell(expected, cell, kind):
    """None when `cell` holds the CSV field `expected` in a column of `kind`, else what is wrong."""
    if expected == "":
        if cell.kind == "empty" or (cell.kind == "text" and cell.value == ""):
            return None
        return f"{show(cell)} where the CSV is empty"
    if cell.kind == "empty":
        return f"an empty cell where the CSV has {expected!r}"
    if kind == "text":
        if cell.kind != "text":
            return f"stored as a {cell.kind} ({show(cell)}), not text; the CSV has {expected!r}"
        return None if cell.value == expected else f"text {cell.value!r}, the CSV has {expected!r}"
    number = _number(expected)
    if kind == "number":
        if cell.kind != "number":
            return f"stored as {cell.kind} ({show(cell)}), not a number; the CSV has {expected!r}"
        if number is None:
            return f"number {cell.value!r}, but the CSV has {expected!r}, not a number"
        return None if same_number(cell.value, number) else f"number {cell.value!r}, the CSV has {expected!r}"
    # either: compared as what it is stored as
    if cell.kind == "number":
        return None if number is not None and same_number(cell.value, number) else \
            f"number {cell.value!r}, the CSV has {expected!r}"
    if cell.kind == "bool":
        return None if expected.upper() in (("1", "TRUE") if cell.value else ("0", "FALSE")) else \
            f"boolean {cell.value}, the CSV has {expected!r}"
    if cell.kind == "text":
        return None if cell.value == expected else f"text {cell.value!r}, the CSV has {expected!r}"
    return f"{show(cell)}, the CSV has {expected!r}"


def cell_name(row, col):
    letters, col = "", col + 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row}"


def compare_sheet(reader, sheet, rows, header, expected_rows, kinds, problems):
    """Compares one reader's rows of a list sheet with the CSV's header and rows; counts matching rows."""
    where = f"{reader}: sheet {sheet!r}"
    def at(r, c):
        return rows[r][c] if r < len(rows) and c < len(rows[r]) else EMPTY
    for c, name in enumerate(header):
        got = at(0, c)
        if got.kind != "text" or got.value != name:
            problems.append(f"{where} {cell_name(1, c)}: header is {show(got)}, the CSV's is {name!r}")
    width = max([len(header)] + [len(row) for row in rows])
    for c in range(len(header), width):
        if any(at(r, c).kind != "empty" for r in range(len(rows))):
            problems.append(f"{where}: column {cell_name(1, c)[:-1]} is not in the CSV")
    matching = 0
    for i, expected in enumerate(expected_rows):
        r = i + 1
        if r >= len(rows):
            problems.append(f"{where}: row {r + 1} missing (CSV row {i + 1} of the list, customer "
                            f"{_id_of(header, expected)!r}); the sheet has {max(len(rows) - 1, 0)} data rows, "
                            f"the CSV {len(expected_rows)}")
            break
        row_ok = True
        for c, value in enumerate(expected):
            issue = compare_cell(value, at(r, c), kinds[c] if c < len(kinds) else "either")
            if issue:
                row_ok = False
                problems.append(f"{where} {cell_name(r + 1, c)} ({header[c] if c < len(header) else '?'}, customer "
                                f"{_id_of(header, expected)!r}): {issue}")
        matching += row_ok
    if len(rows) - 1 > len(expected_rows):
        problems.append(f"{where}: {len(rows) - 1 - len(expected_rows)} extra row(s) after row "
                        f"{len(expected_rows) + 1}; the CSV has {len(expected_rows)} for this list")
    return matching


def _id_of(header, row):
    for i, name in enumerate(header):
        if FROM_JAPANESE.get(name, name) == "customer_id" and i < len(row):
            return row[i]
    return row[2] if len(row) > 2 else "?"


def compare_readers(sheet, xml_rows, lo_rows, problems):
    """The two readings of one sheet must agree: the same kinds, text equal, numbers within 1e-9."""
    disagreements = 0
    for r in range(max(len(xml_rows), len(lo_rows))):
        a_row = xml_rows[r] if r < len(xml_rows) else []
        b_row = lo_rows[r] if r < len(lo_rows) else []
        for c in range(max(len(a_row), len(b_row))):
            a = a_row[c] if c < len(a_row) else EMPTY
            b = b_row[c] if c < len(b_row) else EMPTY
            if a.kind == "text" and a.value == "":
                a = EMPTY
            if b.kind == "text" and b.value == "":
                b = EMPTY
            if a.kind != b.kind:
                same = False
            elif a.kind == "number":
                same = same_number(a.value, b.value)
            else:
                same = a.value == b.value
            if not same:
                disagreements += 1
                problems.append(f"sheet {sheet!r} {cell_name(r + 1, c)}: the XML holds {show(a)}, "
                                f"LibreOffice reads {show(b)}")
    return disagreements


def column_types(rows, header):
    """{column: {kind: count}} over the data rows."""
    out = {}
    for c, name in enumerate(header):
        counts = collections.Counter(row[c].kind if c < len(row) else "empty" for row in rows[1:])
        out[name] = dict(counts)
    return out


def run_check(book, csv_path, use_libreoffice=True, soffice=None):
    if not pathlib.Path(book).is_file():
        raise CannotRun(f"{book}: no such file")
    header, csv_rows, encoding = read_calllist(csv_path)
    kinds = column_kinds(header)
    names = [FROM_JAPANESE.get(h, h.strip().lower()) for h in header]
    if "list" not in names:
        raise CannotRun(f"{csv_path}: no list column (has: {', '.join(header)})")
    list_col = names.index("list")
    lists = collections.OrderedDict()
    for row in csv_rows:
        lists.setdefault(row[list_col], []).append(row)

    binary = None
    if use_libreoffice:
        binary = find_soffice(soffice)
        if not binary:
            raise CannotRun("LibreOffice (soffice or libreoffice) is not on PATH; Debian package "
                            "libreoffice-calc-nogui, or pass --no-libreoffice to read the XML only")

    sheets = read_workbook_xml(book)
    sheet_by_name = {s["name"]: s for s in sheets}
    result = {"ok": False, "book": str(book), "csv": str(csv_path), "csvEncoding": encoding,
              "sheets": [], "lists": {}, "problems": [], "libreoffice": None}
    problems = []
    xml_problems, lo_problems, agree_problems, layout_problems = [], [], [], []

    lo_sheets = None
    if use_libreoffice:
        lo_sheets, info = read_workbook_libreoffice(book, [s["name"] for s in sheets], binary)
        info["version"] = soffice_version(binary)
        result["libreoffice"] = info

    summary = next((s for s in sheets if s["name"] in SUMMARY_SHEETS), None)
    if summary is None:
        layout_problems.append(f"no summary sheet (named {' or '.join(map(repr, SUMMARY_SHEETS))}); sheets: "
                               f"{', '.join(s['name'] for s in sheets)}")
    elif sheets[0] is not summary:
        layout_problems.append(f"the summary sheet {summary['name']!r} is not the first sheet")

    for name, rows in lists.items():
        sheet = sheet_by_name.get(name)
        entry = {"csvRows": len(rows), "sheet": name if sheet else None}
        result["lists"][name] = entry
        if name not in LIST_NAMES:
            problems.append(f"the CSV's list {name!r} is not one of {', '.join(LIST_NAMES)}")
        if sheet is None:
            problems.append(f"no sheet named {name!r} for the CSV's {len(rows)} {name} row(s)")
            continue
        entry["sheetRows"] = max(len(sheet["rows"]) - 1, 0)
        entry["matchingRowsXml"] = compare_sheet("XML", name, sheet["rows"], header, rows, kinds, xml_problems)
        if lo_sheets is not None:
            entry["matchingRowsLibreOffice"] = compare_sheet("LibreOffice", name, lo_sheets[name], header, rows, kinds,
                                                             lo_problems)

    for sheet in sheets:
        name = sheet["name"]
        role = "summary" if sheet is summary else "list" if name in lists else "other"
        info = {"name": name, "role": role, "rows": len(sheet["rows"]),
                "columns": max((len(r) for r in sheet["rows"]), default=0),
                "frozenHeader": sheet["frozenHeader"], "pane": sheet["pane"],
                "columnWidths": len(sheet["columnWidths"]),
                "widthsCover": _widths_cover(sheet)}
        if role == "list":
            info["cellTypes"] = column_types(sheet["rows"], header)
            info["numberFormats"] = number_formats(sheet, header, kinds)
        if role == "summary":
            info["labels"] = [row[0].value for row in sheet["rows"] if row and row[0].kind == "text"]
        if role == "other":
            data_rows = len(sheet["rows"]) - 1
            if data_rows > 0 and name not in LIST_NAMES:
                problems.append(f"sheet {name!r} is neither the summary nor a list of the CSV")
            elif data_rows > 0:
                problems.append(f"sheet {name!r} has {data_rows} data row(s) but the CSV has no {name} rows")
            elif sheet["rows"] and [c.value for c in sheet["rows"][0][:len(header)]] != header:
                problems.append(f"sheet {name!r} (no rows) does not have the CSV's header")
        if not sheet["frozenHeader"]:
            layout_problems.append(f"sheet {name!r}: the header row is not frozen (pane {sheet['pane']})")
        if not sheet["columnWidths"]:
            layout_problems.append(f"sheet {name!r}: no column widths (<cols>)")
        elif not info["widthsCover"] and sheet["rows"]:
            layout_problems.append(f"sheet {name!r}: <cols> does not give a width to all {info['columns']} columns")
        result["sheets"].append(info)
        if lo_sheets is not None:
            compare_readers(name, sheet["rows"], lo_sheets[name], agree_problems)

    for group in (problems, layout_problems, xml_problems, lo_problems, agree_problems):
        result["problems"] += group
    result["problemCounts"] = {"lists": len(problems), "layout": len(layout_problems), "xml": len(xml_problems),
                               "libreoffice": len(lo_problems), "readersDisagree": len(agree_problems)}
    result["ok"] = not result["problems"]
    return result


def number_formats(sheet, header, kinds):
    """{column: [format codes of its number cells]} for the columns that are not text."""
    out = {}
    for c, name in enumerate(header):
        if kinds[c] == "text":
            continue
        codes = set()
        for cells, formats in zip(sheet["rows"][1:], sheet["formats"][1:]):
            if c < len(cells) and cells[c].kind == "number" and formats[c]:
                codes.add(formats[c])
        out[name] = sorted(codes)
    return out


def _widths_cover(sheet):
    columns = max((len(r) for r in sheet["rows"]), default=0)
    covered = set()
    for col in sheet["columnWidths"]:
        if col["width"]:
            covered.update(range(col["min"], col["max"] + 1))
    return all(c in covered for c in range(1, columns + 1))


def summary_text(result):
    lines = [f"{result['book']} vs {result['csv']}: {'OK' if result['ok'] else 'FAIL'}"]
    lo = result["libreoffice"]
    lines.append("  readers: XML" + (f" + LibreOffice ({lo.get('version') or lo['binary']}, {lo['seconds']} s)"
                                      if lo else " only (--no-libreoffice)"))
    for sheet in result["sheets"]:
        layout = ("header frozen" if sheet["frozenHeader"] else "header NOT frozen") + ", " + \
                 (f"{sheet['columnWidths']} column width(s)" if sheet["columnWidths"] else "NO column widths")
        lines.append(f"  sheet {sheet['name']!r} ({sheet['role']}): {sheet['rows']} rows x {sheet['columns']} "
                     f"columns; {layout}")
    for name, entry in result["lists"].items():
        if entry.get("sheet") is None:
            lines.append(f"  list {name!r}: {entry['csvRows']} CSV rows, no sheet")
            continue
        text = f"  list {name!r}: {entry['csvRows']} CSV rows, {entry['sheetRows']} sheet rows; matching: " \
               f"{entry['matchingRowsXml']} (XML)"
        if "matchingRowsLibreOffice" in entry:
            text += f", {entry['matchingRowsLibreOffice']} (LibreOffice)"
        lines.append(text)
    counts = result["problemCounts"]
    if result["problems"]:
        lines.append("  problems: " + ", ".join(f"{k} {v}" for k, v in counts.items() if v))
        shown = result["problems"][:MAX_SHOWN]
        lines += [f"  - {p}" for p in shown]
        if len(result["problems"]) > len(shown):
            lines.append(f"  ... and {len(result['problems']) - len(shown)} more (--json lists them all)")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Compare a loyalty call-list workbook with its CSV.")
    parser.add_argument("book", help="calllist.xlsx")
    parser.add_argument("--csv", required=True, help="the CSV call list of the same run")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the summary")
    parser.add_argument("--no-libreoffice", action="store_true", help="read the XML only")
    parser.add_argument("--soffice", help="the LibreOffice binary (default: soffice or libreoffice on PATH)")
    args = parser.parse_args(argv)
    try:
        result = run_check(args.book, args.csv, use_libreoffice=not args.no_libreoffice, soffice=args.soffice)
    except CannotRun as error:
        if args.json:
            print(json.dumps({"ok": False, "error": str(error), "problems": []}, ensure_ascii=False))
        print(f"read_xlsx: cannot run: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        print(summary_text(result))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
