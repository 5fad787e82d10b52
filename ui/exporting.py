"""导出 Excel, 打印预览 and 打印 for every view. A view says what it shows as a job (a document and its rows, or a
PDF writer); the job runs off the GUI thread — with a progress dialog that appears after a second and can cancel —
then the workbook is written, or the preview opens on the very pages that print."""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.exports.common import Cancelled, Document
from app.exports.pdf import write_table_pdf
from app.exports.xlsx import write_xlsx
from ui import ask
from ui.context import AppContext, qsettings
from ui.printing import PreviewDialog, choose_printer, print_pdf

Progress = Callable[[int, int], None]
Check = Callable[[], bool]
SHOW_PROGRESS_AFTER_MS = 1000
FOLDER_KEY = "export/folder"


@dataclass(frozen=True)
class TableJob:
    """A list or report as a document: `make(session, actor)` gives (document, rows in display order, row count)
    off the GUI thread."""

    name: str  # the file name's stem
    make: Callable[[Any, Any], tuple[Document, Iterable[dict[str, Any]], int | None]]


@dataclass(frozen=True)
class PdfJob:
    """A printout with its own layout (a document, a statement, a dossier): `write(session, actor, out, progress,
    cancelled)` writes the PDF."""

    name: str
    title: str
    write: Callable[[Any, Any, BinaryIO, Progress, Check], None]


def _stem(name: str) -> str:
    safe = "".join("_" if c in '\\/:*?"<>|' else c for c in name).strip() or "export"
    return f"{safe}_{date.today():%Y%m%d}"


def _ask_path(parent: QWidget, name: str, suffix: str, file_filter: str) -> Path | None:
    folder = qsettings().value(FOLDER_KEY, str(Path.home()), str)
    chosen = ask.save_file(parent, QCoreApplication.translate("Exporting", "导出") if suffix == ".xlsx" else QCoreApplication.translate("Exporting", "另存为 PDF"),
                           str(Path(folder) / f"{_stem(name)}{suffix}"), file_filter)
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != suffix:
        path = path.with_suffix(suffix)
    qsettings().setValue(FOLDER_KEY, str(path.parent))
    return path


def _run(ctx: AppContext, parent: QWidget, title: str, work: Callable[..., Any], done: Callable[[Any], None]) -> None:
    """`work(session, actor, progress, cancelled)` off the GUI thread with a cancellable progress dialog."""
    stop = threading.Event()
    dialog = QProgressDialog(title, QCoreApplication.translate("Exporting", "取消"), 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_PROGRESS_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(stop.set)
    parent.setProperty("last_progress", dialog)  # tests look at it

    def advance(done_rows: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done_rows, max(total, 1)))
        dialog.setLabelText(QCoreApplication.translate("Exporting", "{0}：{1:,} / {2:,} 行").format(title, done_rows, total))

    def finished(result: Any) -> None:
        dialog.close()
        dialog.deleteLater()
        done(result)

    def failed(exc: Exception) -> None:
        dialog.close()
        dialog.deleteLater()
        if isinstance(exc, Cancelled):
            ask.inform(parent, title, QCoreApplication.translate("Exporting", "已取消，没有生成文件。"))
        else:
            ask.error(parent, title, exc)

    def job(session: Any, actor: Any, progress: Progress) -> Any:
        return work(session, actor, progress, stop.is_set)

    ctx.query(job, done=finished, failed=failed, owner=parent, progress=advance)


def export_xlsx(ctx: AppContext, parent: QWidget, job: TableJob, report: Callable[[str], None] | None = None) -> None:
    """导出 Excel: ask where, then write the rows the view shows (its filter and sort), streamed."""
    path = _ask_path(parent, job.name, ".xlsx", QCoreApplication.translate("Exporting", "Excel 工作簿 (*.xlsx)"))
    if path is None:
        return

    def work(session: Any, actor: Any, progress: Progress, cancelled: Check) -> Path:
        document, rows, count = job.make(session, actor)
        return write_xlsx(document, rows, path, total_rows=count, progress=progress, cancelled=cancelled)

    def done(written: Path) -> None:
        text = QCoreApplication.translate("Exporting", "已导出到 {0}").format(written)
        (report or (lambda t: ask.inform(parent, QCoreApplication.translate("Exporting", "导出 Excel"), t)))(text)

    _run(ctx, parent, QCoreApplication.translate("Exporting", "导出 Excel"), work, done)


def _pdf_work(job: TableJob | PdfJob) -> Callable[..., bytes]:
    def work(session: Any, actor: Any, progress: Progress, cancelled: Check) -> bytes:
        out = BytesIO()
        if isinstance(job, PdfJob):
            job.write(session, actor, out, progress, cancelled)
        else:
            document, rows, count = job.make(session, actor)
            write_table_pdf(document, rows, out, total_rows=count, progress=progress, cancelled=cancelled)
        return out.getvalue()

    return work


def title_of(job: TableJob | PdfJob) -> str:
    return job.title if isinstance(job, PdfJob) else job.name


def preview(ctx: AppContext, parent: QWidget, job: TableJob | PdfJob) -> None:
    """打印预览: the PDF's own pages, with 打印… and 另存为 PDF… in the preview."""
    def show(pdf: bytes) -> None:
        dialog = PreviewDialog(pdf, title_of(job), _stem(job.name), parent)
        parent.setProperty("last_preview", dialog)  # tests look at it
        dialog.open()

    _run(ctx, parent, QCoreApplication.translate("Exporting", "打印预览"), _pdf_work(job), show)


def print_now(ctx: AppContext, parent: QWidget, job: TableJob | PdfJob) -> None:
    """打印: the printer dialog, then the same pages the preview shows."""
    def send(pdf: bytes) -> None:
        printer = choose_printer(parent, pdf)
        if printer is not None:
            print_pdf(pdf, printer)

    _run(ctx, parent, QCoreApplication.translate("Exporting", "打印"), _pdf_work(job), send)


def save_pdf(ctx: AppContext, parent: QWidget, job: TableJob | PdfJob) -> None:
    """导出 PDF: the same pages written to a file."""
    path = _ask_path(parent, job.name, ".pdf", QCoreApplication.translate("Exporting", "PDF 文件 (*.pdf)"))
    if path is None:
        return

    def done(pdf: bytes) -> None:
        try:
            path.write_bytes(pdf)
        except OSError as exc:
            ask.error(parent, QCoreApplication.translate("Exporting", "导出 PDF"), QCoreApplication.translate("Exporting", "无法写入文件 {0}：{1}").format(path, exc.strerror or exc))
            return
        ask.inform(parent, QCoreApplication.translate("Exporting", "导出 PDF"), QCoreApplication.translate("Exporting", "已导出到 {0}").format(path))

    _run(ctx, parent, QCoreApplication.translate("Exporting", "导出 PDF"), _pdf_work(job), done)


# --- printouts with their own layout ---------------------------------------------------------------------------


def order_job(order_id: int, number: str) -> PdfJob:
    """销售单 as a delivery note."""
    from app.exports.documents import write_order_pdf

    return PdfJob(number, QCoreApplication.translate("Exporting", "销售单 {0}").format(number),
                  lambda session, actor, out, _p, _c: write_order_pdf(session, actor, order_id, out,
                                                                      printed_by=actor.login))


def receipt_job(receipt_id: int, number: str) -> PdfJob:
    """收款单 as a receipt voucher."""
    from app.exports.documents import write_receipt_pdf

    return PdfJob(number, QCoreApplication.translate("Exporting", "收款单 {0}").format(number),
                  lambda session, actor, out, _p, _c: write_receipt_pdf(session, actor, receipt_id, out,
                                                                        printed_by=actor.login))


def return_job(return_id: int, number: str) -> PdfJob:
    """退货单."""
    from app.exports.documents import write_return_pdf

    return PdfJob(number, QCoreApplication.translate("Exporting", "退货单 {0}").format(number),
                  lambda session, actor, out, _p, _c: write_return_pdf(session, actor, return_id, out,
                                                                       printed_by=actor.login))


def dossier_job(customer_ids: list[int], on: date, name: str) -> PdfJob:
    """客户档案 of one customer or a selection (one PDF, a bookmark per customer)."""
    from app import settings as app_settings
    from app.exports.dossier import write_dossier_pdf

    def write(session: Any, actor: Any, out: BinaryIO, progress: Progress, cancelled: Check) -> None:
        company = app_settings.load(session).company_name
        write_dossier_pdf(session, customer_ids, on, out, company=company, printed_by=actor.login, actor=actor,
                          progress=progress, cancelled=cancelled)

    return PdfJob(name, QCoreApplication.translate("Exporting", "客户档案 {0}").format(name), write)


def statement_pdf_job(customer_id: int, start: date, end: date, name: str) -> PdfJob:
    """对账单 with the company header and the signature and stamp area."""
    from app import credit_view
    from app import settings as app_settings
    from app.exports.statement import write_statement_pdf

    def write(session: Any, actor: Any, out: BinaryIO, _progress: Progress, _cancelled: Check) -> None:
        settings = app_settings.load(session)
        st = credit_view.customer_statement(session, actor, customer_id, start, end)
        write_statement_pdf(st, out, company=settings.company_name, company_address=settings.company_address,
                            printed_by=actor.login)

    return PdfJob(name, name, write)


def statement_table_job(customer_id: int, start: date, end: date, name: str) -> TableJob:
    """对账单 as a workbook: the opening balance, the documents, the totals and the closing balance."""
    from app import credit_view
    from app import settings as app_settings
    from app.exports.statement import statement_document

    def make(session: Any, actor: Any) -> tuple[Document, Iterable[dict[str, Any]], int | None]:
        st = credit_view.customer_statement(session, actor, customer_id, start, end)
        document, rows = statement_document(st, company=app_settings.load(session).company_name,
                                            printed_by=actor.login)
        return document, rows, len(rows)

    return TableJob(name, make)
