"""The import workbook of CONTRACT.md: its template, reading, validating and writing it in one transaction.

Decisions the contract leaves open, made here:
- `ImportResult.counts` is keyed by the Chinese sheet name; master sheets count rows, document sheets
  count documents (an order of five lines is one). When errors stop a non-partial import, the counts
  say what the import would have done and `written` is False.
- With `update=True` a non-empty cell replaces the stored value and an empty cell leaves it alone
  (an import never erases data); owner, status, blacklist and credit changes take effect on the import
  date; 建档日期 is never changed.
- In a document sheet, a row may leave 日期/客户编码/经办人/原单号 empty when another row of the same
  number states them (merged cells read that way); stated values must agree.
- A document dated before its customer's first credit term (e.g. before a default 建档日期 of today)
  takes the customer's first 账期天数, so imported history gets the customer's term as the contract asks.
- A code repeated within a sheet is an error on the later row. A document number already stored is
  "unchanged" and its rows are not checked again.
- The --partial error workbook `<stem>_错误.xlsx` holds each rejected row as read, plus 错误原因 and 原行号
  columns (both ignored as extra columns when the fixed file is imported again).

- Nothing is written before the whole file has been checked and read: the file check (kind, zip sizes, XML
  declarations, the row limit `max_rows`, default the `import_max_rows` setting, counted in Excel's row numbers,
  the header row included) runs before any sheet is read, and validation before the one write transaction.
- Only the contract's columns are read; a column of the contract beyond column AMJ (1,024) is refused, since
  every row would be read that wide. A formula cell without a saved result is refused naming the cell, never
  read as empty.
- Codes and code-table values holding an invisible character (zero-width space, BOM, no-break space …) are
  refused naming the cell and the character rather than cleaned, so `HC001\u200b` never becomes a second
  customer beside `HC001`; see `cells`.

Modules: `contract` (sheets, columns, results), `cells` (one cell as a value), `scan` (the file check),
`reader` (reading the sheets), `validation`, `writer` (the database writes), `error_workbook`, `template`.
"""
from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from app.errors import ConflictError, ValidationError
from app.importing.contract import ImportIssue, ImportResult
from app.importing.error_workbook import write_error_workbook
from app.importing.reader import ImportRefused, Progress, read_workbook
from app.importing.template import write_template
from app.importing.validation import Validation
from app.importing.writer import Writer
from app.messages import Message, msg
from app.settings import load as load_settings
from models import AuditLog

MAX_SHEET_ROWS = 1_048_576  # Excel's own limit

__all__ = ["ImportIssue", "ImportRefused", "ImportResult", "import_workbook", "write_template"]


def import_workbook(
    sessions: sessionmaker[Session],
    path: Path,
    *,
    partial: bool = False,
    update: bool = False,
    today: date | None = None,
    progress: Progress | None = None,
    actor: str = "import",
    max_rows: int | None = None,
) -> ImportResult:
    """Import the workbook at `path` in one transaction; see the module docstring and CONTRACT.md.

    Raises ImportRefused for a file that cannot be read at all; every problem inside the workbook is an
    ImportIssue in the result. `progress(stage, done, total)` is called about every 1000 rows; while a
    sheet without a stored size is being read, `total` is the rows read so far. A sheet of more than `max_rows`
    rows (default: the import_max_rows setting) is refused before it is read.
    """
    path = Path(path)
    today = today or date.today()
    if max_rows is None:
        with sessions() as session:
            max_rows = load_settings(session).import_max_rows
    if not 1 <= max_rows <= MAX_SHEET_ROWS:
        raise ValidationError("import_guard.bad_max_rows", low=1, high=MAX_SHEET_ROWS)
    sheets, notices = read_workbook(path, progress, max_rows)
    written = False
    write_notices: list[Message] = []
    with sessions.begin() as session:
        checked = Validation(session, sheets, update=update, today=today, progress=progress)
        checked.run()
        errors = checked.errors()
        rejected_any = checked.rejected_any() or bool(errors)
        if (partial or not rejected_any) and checked.anything_to_write():
            writer = Writer(session, checked, today=today, actor=actor, progress=progress)
            try:
                writer.write()
                session.add(AuditLog(
                    at=datetime.now(), login=actor, action="import", entity="workbook", entity_id=None,
                    detail=json.dumps({"file": path.name, "partial": partial, "update": update,
                                       "counts": checked.counts()}, ensure_ascii=False),
                ))
                session.flush()
            except IntegrityError as exc:
                raise ConflictError("import.conflict") from exc
            write_notices = writer.notices
            written = True
    error_workbook = None
    if partial and rejected_any:
        try:
            error_workbook = write_error_workbook(path, checked.ordered_sheets())
        except OSError as exc:  # the import itself is committed; say why the rejected rows are not saved
            notices.append(msg("import.error_workbook_failed", detail=exc.strerror or exc))
    if not any(d.rows for d in sheets.values()):
        notices.append(msg("import.no_rows"))
    elif not written and not rejected_any:
        notices.append(msg("import.nothing_new"))
    return ImportResult(
        counts=checked.counts(), errors=errors, notices=notices + checked.notices + write_notices,
        written=written, error_workbook=error_workbook,
    )
