"""Hostile and awkward spreadsheet files: bombs, huge lines, NUL, formula cells, the template
sent back as it was downloaded, and a large file's errors in the background."""

import csv
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from measurement import services
from measurement.models import ImportJob, Submission, SubmissionEvent, SubmissionState
from measurement.services import imports
from tests.measurement.factories import CategoryFactory, DimensionFactory, IndicatorFactory, assign
from tests.measurement.test_imports import csv_file, row, snapshot, upload, url


def xlsx(sheet_xml: bytes) -> bytes:
    """A real workbook whose one sheet is replaced by the given XML, deflated."""
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in source.infolist():
            sheet = member.filename == "xl/worksheets/sheet1.xml"
            archive.writestr(member.filename, sheet_xml if sheet else source.read(member))
    return out.getvalue()


def bomb(megabytes: int = 30) -> bytes:
    """A sheet of the same empty row over and over: tens of MB that pack into kilobytes."""
    head = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    )
    one = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    body = one * (megabytes * 1024 * 1024 // len(one))
    return xlsx(head + body + b"</sheetData></worksheet>")


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


# --- bombs and bounds ----------------------------------------------------------------------


def test_an_xlsx_bomb_is_refused_at_the_field_before_openpyxl_reads_it(
    client, world, measured, monkeypatch
):
    import openpyxl

    def never(*args, **kwargs):
        raise AssertionError("openpyxl opened the bomb")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    content = bomb()
    assert len(content) < 200 * 1024
    client.force_login(world.backbone)
    before = snapshot()
    response = upload(client, world, measured.period, SimpleUploadedFile("values.xlsx", content))
    assert response.status_code == 400
    assert "unpacks to far more data" in str(response.context["form"].errors["file"])
    assert snapshot() == before


def test_an_archive_over_the_unpacked_cap_is_refused_even_if_it_compresses_little(monkeypatch):
    monkeypatch.setattr(imports, "MAX_UNPACKED_BYTES", 1000)
    sheet = b"<worksheet>" + bytes(range(48, 122)) * 40 + b"</worksheet>"
    with pytest.raises(Exception) as refused:
        imports.read_rows("values.xlsx", xlsx(sheet))
    assert "unpacks to far more data" in str(refused.value)


def test_an_archive_that_understates_its_sizes_is_not_inflated_beyond_them():
    import struct

    data = bytearray(bomb(megabytes=8))
    # The sheet's stated size, in its central directory entry and its local header, set to 1 KB.
    offsets = list(_entries(data, b"xl/worksheets/sheet1.xml"))
    assert len(offsets) == 2
    for offset in offsets:
        struct.pack_into("<I", data, offset, 1024)
    imports.check_archive(bytes(data))  # the stated sizes pass
    with pytest.raises(Exception, match="not a spreadsheet that can be read"):
        imports.read_rows("values.xlsx", bytes(data))


def _entries(data: bytearray, name: bytes):
    """The offsets of a member's uncompressed size in its local header and directory entry."""
    position = 0
    while (found := data.find(name, position)) >= 0:
        if data[found - 30 : found - 26] == b"PK\x03\x04":
            yield found - 30 + 22
        elif data[found - 46 : found - 42] == b"PK\x01\x02":
            yield found - 46 + 24
        position = found + 1


def test_an_xml_entity_bomb_is_not_expanded(client, world, measured):
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row><c t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>'
    )
    client.force_login(world.backbone)
    response = upload(client, world, measured.period, SimpleUploadedFile("v.xlsx", xlsx(laughs)))
    assert response.status_code == 400
    assert "not a spreadsheet that can be read" in str(response.context["form"].errors["file"])


def test_a_real_template_of_the_largest_size_passes_the_archive_check():
    rows = [
        ["2026 Q1", f"IND{i % 50}", i, f"Organization {i % 200}", "", i, "", "", "", "", ""]
        for i in range(imports.MAX_ROWS)
    ]
    imports.check_archive(imports.template_xlsx(rows))


def test_a_csv_line_longer_than_the_limit_is_refused_at_the_field(client, world, measured):
    line = ",".join(imports.COLUMNS) + "\n" + "x" * (imports.MAX_LINE_CHARS + 1) + "\n"
    client.force_login(world.backbone)
    response = upload(client, world, measured.period, SimpleUploadedFile("v.csv", line.encode()))
    assert response.status_code == 400
    assert "longer than 10000 characters" in str(response.context["form"].errors["file"])


def test_a_csv_reads_no_more_than_the_row_and_column_bounds(monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 3)
    header = ",".join(imports.COLUMNS) + "," + ",".join(f"extra{i}" for i in range(100))
    body = "\n".join([header, *["a," * 200] * 10]).encode()
    table = imports._read_csv(body)
    assert len(table) == imports.MAX_ROWS + 2  # one more than allowed: enough to refuse
    assert {len(line) for line in table} == {imports.MAX_COLUMNS}
    with pytest.raises(Exception, match="At most 3 rows"):
        imports.read_rows("v.csv", body)


# --- NUL -----------------------------------------------------------------------------------


def test_a_nul_in_a_cell_is_refused_at_its_row_and_column(client, world, measured):
    bad = row(measured.period, measured.indicator, world.partner_org, value="8")
    bad[imports.COLUMNS.index("comment")] = "before\x00after"
    good = row(measured.period, measured.indicator, world.second_org, value="5")
    client.force_login(world.backbone)
    before = snapshot()
    response = upload(client, world, measured.period, csv_file([good, bad]))
    assert response.status_code == 400
    errors = response.context["result"].errors
    assert [(e.row, e.column) for e in errors] == [(3, "comment")]
    assert "Null characters are not allowed" in errors[0].message
    assert snapshot() == before


# --- formula injection in the templates ----------------------------------------------------


@pytest.fixture
def hostile_names(world, measured):
    world.partner_org.name = '=HYPERLINK("http://evil.example","x")'
    world.partner_org.save()
    world.second_org.name = "\u202eevil\u202c@SUM(1+1)"
    world.second_org.save()
    dimension = DimensionFactory(initiative=world.initiative, name="+Gender")
    CategoryFactory(dimension=dimension, name="-Women", order=0)
    measured.indicator.dimensions.add(dimension)
    return dimension


def test_the_csv_template_neutralises_names_that_look_like_formulas(
    client, world, measured, hostile_names
):
    client.force_login(world.backbone)
    response = client.get(
        url(world, "import_template"), {"period": measured.period.pk, "format": "csv"}
    )
    cells = [cell for line in csv_rows(response)[1:] for cell in line]
    assert '\'=HYPERLINK("http://evil.example","x")' in cells
    assert "evil@SUM(1+1)" in cells  # the overrides removed; no longer starting with one
    assert "'+Gender: -Women" in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "@", "\u202e")]
    assert "7" in cells  # numbers stay numbers


def test_the_xlsx_template_has_no_formula_cells_and_no_overrides(
    client, world, measured, hostile_names
):
    client.force_login(world.backbone)
    response = client.get(url(world, "import_template"), {"period": measured.period.pk})
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    cells = [cell for line in sheet.iter_rows() for cell in line]
    assert all(cell.data_type != "f" for cell in cells)
    texts = [cell.value for cell in cells if isinstance(cell.value, str)]
    assert '=HYPERLINK("http://evil.example","x")' in texts
    assert not [text for text in texts if "\u202e" in text or "\u202c" in text]


def test_a_csv_template_with_neutralised_labels_uploads_back(
    client, world, measured, hostile_names
):
    client.force_login(world.backbone)
    response = client.get(
        url(world, "import_template"), {"period": measured.period.pk, "format": "csv"}
    )
    lines = csv_rows(response)
    value = imports.COLUMNS.index("value")
    for line in lines[1:]:
        line[value] = "3"
    body = io.StringIO()
    csv.writer(body).writerows(lines)
    file = SimpleUploadedFile("back.csv", body.getvalue().encode())
    response = upload(client, world, measured.period, file)
    assert response.status_code == 200, response.context["result"].errors
    assert response.context["result"].updated == 2


# --- the template sent back ----------------------------------------------------------------


@pytest.fixture
def approved(world, measured):
    services.submission_approve(submission_id=measured.own.pk, user=world.backbone)
    other = IndicatorFactory(initiative=world.initiative, code="BLANK")
    assign(other, world.partner_org, world.second_org)
    return measured.own


def template_of(client, world, period, fmt):
    response = client.get(url(world, "import_template"), {"period": period.pk, "format": fmt})
    if fmt == "csv":
        return csv_rows(response)
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    return [
        ["" if cell is None else cell for cell in line]
        for line in sheet.iter_rows(values_only=True)
    ]


def as_upload(lines, fmt):
    if fmt == "csv":
        body = io.StringIO()
        csv.writer(body).writerows(lines)
        return SimpleUploadedFile("back.csv", body.getvalue().encode())
    from openpyxl import Workbook

    workbook = Workbook()
    for line in lines:
        workbook.active.append(line)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("back.xlsx", buffer.getvalue())


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_downloaded_template_uploads_back_unchanged(client, world, measured, approved, fmt):
    client.force_login(world.backbone)
    lines = template_of(client, world, measured.period, fmt)
    assert lines[0] == imports.template_header()
    by_key = {(line[1], str(line[2])): line for line in lines[1:]}
    state = imports.COLUMNS.index("state")
    assert by_key[("MATH5", str(world.partner_org.pk))][state] == "Approved"
    assert by_key[("MATH5", str(world.second_org.pk))][state] == "Submitted"
    assert by_key[("BLANK", str(world.partner_org.pk))][state] == ""
    before = snapshot()

    response = upload(client, world, measured.period, as_upload(lines, fmt), submit=False)
    result = response.context["result"]
    assert response.status_code == 200, result.errors
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    assert result.skipped == 2  # the two blank BLANK rows
    assert Submission.objects.get(pk=approved.pk).state == SubmissionState.APPROVED
    assert Submission.objects.filter(indicator__code="BLANK").count() == 0
    assert SubmissionEvent.objects.count() == before[1] + 1  # the submitted one, saved as draft


def test_a_row_that_changes_an_approved_value_is_refused_with_the_reason(
    client, world, measured, approved
):
    client.force_login(world.backbone)
    lines = template_of(client, world, measured.period, "csv")
    value = imports.COLUMNS.index("value")
    number = next(
        n
        for n, line in enumerate(lines)
        if line[1] == "MATH5" and line[2] == str(world.partner_org.pk)
    )
    lines[number][value] = "70"
    before = snapshot()
    response = upload(client, world, measured.period, as_upload(lines, "csv"))
    assert response.status_code == 400
    errors = response.context["result"].errors
    assert [(e.row, e.column) for e in errors] == [(number + 1, "value")]
    assert "approved" in errors[0].message
    assert snapshot() == before


def test_an_approved_incomplete_breakdown_uploads_back_unchanged(client, world, measured):
    dimension = DimensionFactory(initiative=world.initiative, name="Gender")
    CategoryFactory(dimension=dimension, name="Women", order=0)
    CategoryFactory(dimension=dimension, name="Men", order=1)
    measured.indicator.dimensions.add(dimension)
    Submission.objects.filter(pk=measured.own.pk).update(breakdown_incomplete=True)
    services.submission_approve(submission_id=measured.own.pk, user=world.backbone)
    client.force_login(world.partner)
    lines = template_of(client, world, measured.period, "csv")
    before = snapshot()
    response = upload(client, world, measured.period, as_upload(lines, "csv"))
    result = response.context["result"]
    assert response.status_code == 200, result.errors
    assert (result.created, result.updated, result.unchanged, result.skipped) == (0, 0, 1, 2)
    assert snapshot() == before


# --- a large file's errors, in the foreground and the background ---------------------------


def test_the_background_reports_the_same_errors_as_the_foreground(
    client, world, measured, eager_celery, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(imports, "ERRORS_SHOWN", 5)
    rows = [
        row(measured.period, measured.indicator, world.partner_org, value=f"x{n}")
        for n in range(12)
    ]
    client.force_login(world.backbone)
    foreground = upload(client, world, measured.period, csv_file(rows))
    assert foreground.status_code == 400
    assert len(foreground.context["result"].errors) == 12

    monkeypatch.setattr(imports, "ASYNC_ROWS", 1)
    with django_capture_on_commit_callbacks(execute=True):
        queued = upload(client, world, measured.period, csv_file(rows))
    job = ImportJob.objects.get()
    assert job.state == ImportJob.State.FAILED
    background = client.get(queued.url, headers={"HX-Request": "true"})

    def listed(page):
        text = page.content.decode()
        table = text[text.index("<tbody>") : text.index("</tbody>")]
        return table.count("<tr>"), "7 more errors" in text, "12 rows have errors" in text

    assert listed(foreground) == listed(background) == (5, True, True)
