"""Spreadsheets (.xlsx, .xls, .csv): a task-division table, built in the test, reads like its text."""

from __future__ import annotations

import openpyxl
import pytest

from ingest.loaders import LoadError, load_text
from ingest.pipeline import parse_file
from settings import Settings

TITLE = "某市科技创新重点任务分工表"
HEADER = ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]
ROWS = [
    ["一、提升创新能力"],
    [1, "加快新产品推广应用，积极申报首台（套）重大技术装备", "市工业和信息化局", "市财政局", "2024年底前"],
    [2, "培育科技型中小企业达到700家", "市科技局", "各区（市）政府", "持续推进"],
    ["二、优化创新生态"],
    [3, "完善科技金融服务", "市地方金融监管局", None, "2024年6月"],
]
# The same table as the shared .txt files write it: one line per row, cells joined by " | ".
AS_TEXT = "\n".join([TITLE, " | ".join(HEADER)] + [
    row[0] if len(row) == 1 else " | ".join("" if c is None else str(c) for c in row) for row in ROWS])
EXPECTED = [("前言", [], []),
            ("一", ["市工业和信息化局", "市科技局"], ["市财政局", "各区（市）政府"]),
            ("二", ["市地方金融监管局"], [])]


def _xlsx(path, extra_sheet: bool = False):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    sheet.append([TITLE])
    sheet.merge_cells("A1:E1")  # a title merged across the table
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append(row)
        if len(row) == 1:
            sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=5)
    if extra_sheet:
        other = workbook.create_sheet("联系方式")
        other.append(["单位", "联系人", "电话"])
        other.append(["市科技局", "张三", 63318888])
    workbook.save(path)
    return path


def _clauses(path):
    return [(c.locator, c.lead, c.responsible) for c in parse_file(path).clauses]


def test_xlsx_task_table_rows_carry_their_header_and_parse_like_the_text(tmp_path):
    path = _xlsx(tmp_path / "分工表.xlsx")
    (tmp_path / "分工表.txt").write_text(AS_TEXT, encoding="utf-8")
    assert load_text(path).split("\n") == [
        TITLE,
        "序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限",
        "一、提升创新能力",
        "1 | 重点任务：加快新产品推广应用，积极申报首台（套）重大技术装备 | 完成时限：2024年底前（牵头单位：市工业和信息化局，配合单位：市财政局）",
        "2 | 重点任务：培育科技型中小企业达到700家 | 完成时限：持续推进（牵头单位：市科技局，配合单位：各区（市）政府）",
        "二、优化创新生态",
        "3 | 重点任务：完善科技金融服务 | 完成时限：2024年6月（牵头单位：市地方金融监管局）",
    ]
    from_xlsx, from_txt = parse_file(path), parse_file(tmp_path / "分工表.txt")
    assert from_xlsx.title == TITLE
    assert _clauses(path) == _clauses(tmp_path / "分工表.txt") == EXPECTED
    assert [c.text for c in from_xlsx.clauses] == [c.text for c in from_txt.clauses]
    assert [(d.lead, d.responsible) for d in from_xlsx.clauses[1].duties] == [
        (["市工业和信息化局"], ["市财政局"]), (["市科技局"], ["各区（市）政府"])]


def test_xlsx_task_table_gives_one_responsibility_row_per_task(tmp_path):
    from vectorstore.knowledge_base import KnowledgeBase

    kb = KnowledgeBase(Settings(data_dir=tmp_path / "data"))
    report = kb.ingest([_xlsx(tmp_path / "分工表.xlsx")], progress=False)
    assert not report.failed and len(report.added) == 1
    rows = kb.tasks()
    assert [(r["locator"], r["lead"], r["responsible"], r["lead_stated"]) for r in rows] == [
        ("一·1", ["市工业和信息化局"], ["市财政局"], "stated"),
        ("一·2", ["市科技局"], ["各区（市）政府"], "stated"),
        ("二", ["市地方金融监管局"], [], "stated"),
    ]
    assert [r["locator"] for r in kb.tasks(unit="市财政局")] == ["一·1"]


def test_each_named_sheet_is_its_own_table_under_its_name(tmp_path):
    lines = load_text(_xlsx(tmp_path / "book.xlsx", extra_sheet=True)).split("\n")
    assert lines[-3:] == ["联系方式", "单位 | 联系人 | 电话", "单位：市科技局 | 联系人：张三 | 电话：63318888"]


def test_cells_merged_down_are_repeated_in_each_row_and_dates_read_as_dates(tmp_path):
    import datetime as dt

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["任务类别", "具体任务", "责任单位", "完成时间"])
    sheet.append(["科技创新", "建设研发平台", "市科技局", dt.datetime(2024, 12, 31)])
    sheet.append([None, "培育高新技术企业", "市科技局、市财政局", dt.datetime(2025, 6, 30)])
    sheet.merge_cells("A2:A3")
    workbook.save(tmp_path / "merged.xlsx")
    assert load_text(tmp_path / "merged.xlsx").split("\n")[1:] == [
        "任务类别：科技创新 | 具体任务：建设研发平台 | 完成时间：2024年12月31日（责任单位：市科技局）",
        "任务类别：科技创新 | 具体任务：培育高新技术企业 | 完成时间：2025年6月30日（责任单位：市科技局、市财政局）",
    ]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_csv_in_the_encodings_excel_saves_reads_like_the_xlsx(tmp_path, encoding):
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([TITLE])
    writer.writerow(HEADER)
    for row in ROWS:
        writer.writerow(row)
    (tmp_path / "分工表.csv").write_bytes(buffer.getvalue().encode(encoding))
    assert load_text(tmp_path / "分工表.csv") == load_text(_xlsx(tmp_path / "分工表.xlsx"))
    assert _clauses(tmp_path / "分工表.csv") == EXPECTED


def test_xls_legacy_workbook_reads_like_the_xlsx(tmp_path):
    xlwt = pytest.importorskip("xlwt")  # writes Excel 97-2003 files; requirements.txt pins it for this test

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Sheet1")
    sheet.write_merge(0, 0, 0, 4, TITLE)
    for c, value in enumerate(HEADER):
        sheet.write(1, c, value)
    for r, row in enumerate(ROWS, start=2):
        if len(row) == 1:
            sheet.write_merge(r, r, 0, 4, row[0])
        else:
            for c, value in enumerate(row):
                if value is not None:
                    sheet.write(r, c, value)
    book.save(str(tmp_path / "分工表.xls"))
    assert load_text(tmp_path / "分工表.xls") == load_text(_xlsx(tmp_path / "分工表.xlsx"))
    assert _clauses(tmp_path / "分工表.xls") == EXPECTED


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("broken.xlsx", b"PK\x03\x04 this is not really a zip", "not a valid .xlsx file"),
        ("old.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "old Excel 97-2003 workbook"),
        ("text.xls", "序号,任务\n1,甲".encode(), "not a valid .xls file"),
        ("broken.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "not a valid .xls file"),
        ("binary.csv", bytes(range(256)) * 40, "binary"),
    ],
)
def test_damaged_spreadsheets_fail_with_a_clear_reason(tmp_path, name, content, message):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(LoadError, match=message):
        load_text(tmp_path / name)
