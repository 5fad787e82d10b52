"""`crm template`: the empty import workbook, one sheet per part with the Chinese headers of CONTRACT.md."""
from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from app.errors import UserError
from app.importing.contract import SHEETS
from app.messages import msg

_LISTS = {"bool": '"是,否"', "status": '"潜在,正常,暂停,终止"', "grade": '"A,B,C,D"'}
_AUTHOR = "客户资源管理"


def write_template(path: Path) -> None:
    """The empty import workbook: one sheet per part, the Chinese headers of CONTRACT.md, required ones marked."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    required = str(msg("import.template_required"))
    for spec in SHEETS:
        ws = wb.create_sheet(spec.zh)
        for i, f in enumerate(spec.fields, start=1):
            letter = get_column_letter(i)
            cell = ws.cell(row=1, column=i, value=f.zh)
            cell.font = Font(bold=True, color="C00000" if f.required else None)
            if f.required:
                cell.comment = Comment(required, _AUTHOR)
            dim = ws.column_dimensions[letter]
            dim.width = max(f.width, 2 * len(f.zh) + 4)
            if f.as_text:
                dim.number_format = "@"  # so Excel keeps 001 and long account numbers as typed
            elif f.kind == "date":
                dim.number_format = "yyyy-mm-dd"
            elif f.kind == "money":
                dim.number_format = "#,##0.00"
            if f.kind in _LISTS:
                dv = DataValidation(type="list", formula1=_LISTS[f.kind], allow_blank=True)
                dv.add(f"{letter}2:{letter}1048576")
                ws.add_data_validation(dv)
        ws.freeze_panes = "A2"
    try:
        wb.save(path)
    except OSError as exc:
        raise UserError("import.template_unwritable", path=path, detail=exc.strerror or exc) from exc
