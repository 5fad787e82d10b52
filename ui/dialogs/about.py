"""帮助 → 关于: the version, the database in use, the runtime, and the licences of everything the program ships.

The component list is read from the installed distributions' metadata (crm-desktop's requirements, followed down),
so it stays true when a dependency changes; a bundle keeps that metadata (PyInstaller --recursive-copy-metadata).
"""
from __future__ import annotations

import platform
import re
from dataclasses import dataclass
from html import escape
from importlib.metadata import Distribution, PackageNotFoundError, distribution
from typing import TYPE_CHECKING

import PySide6
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

import resources
from app import logs

if TYPE_CHECKING:
    from sqlalchemy import Engine

APP = "crm-desktop"
_REQUIREMENT = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?")
_EXTRA = re.compile(r"""extra\s*==\s*["']([^"']+)["']""")
LICENCE_CHARS = 60  # a License field longer than this is a whole licence text, not its name


@dataclass(frozen=True)
class Component:
    name: str
    version: str
    licence: str


def licence_of(dist: Distribution) -> str:
    """The licence's name: the SPDX expression, else a short License field, else the classifiers' names."""
    meta = dist.metadata
    expression = (meta.get("License-Expression") or "").strip()
    if expression:
        return expression
    field = (meta.get("License") or "").strip()
    if field and "\n" not in field and len(field) <= LICENCE_CHARS:
        return field
    names = [c.rsplit("::", 1)[1].strip().removesuffix(" License").removesuffix(" license")
             for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    if names:
        return " / ".join(names)
    return field.splitlines()[0][:LICENCE_CHARS] if field else "?"


def components(root: str = APP) -> list[Component]:
    """Every installed distribution `root` needs (with the extras it asks for), by name; `root` itself left out."""
    found: dict[str, Component] = {}

    def visit(name: str, extras: set[str]) -> None:
        try:
            dist = distribution(name)
        except PackageNotFoundError:  # a requirement for another Python or platform: not installed, not shipped
            return
        key = dist.metadata["Name"].lower().replace("_", "-")
        if key in found:
            return
        found[key] = Component(dist.metadata["Name"], dist.version, licence_of(dist))
        for requirement in dist.requires or []:
            match = _REQUIREMENT.match(requirement)
            wanted = set(_EXTRA.findall(requirement.partition(";")[2]))
            if match is None or (wanted and not wanted & extras):
                continue  # an optional extra nobody asked for
            visit(match.group(1), {e.strip() for e in (match.group(2) or "").split(",") if e.strip()})

    visit(root, set())
    found.pop(root, None)
    return sorted(found.values(), key=lambda c: c.name.lower())


def database_place(engine: Engine) -> tuple[str, str]:
    """(dialect, where) of the database in use: the file's path, or server:port / database (user) — never the
    password."""
    url = engine.url
    if engine.dialect.name == "sqlite":
        return "sqlite", url.database or ""
    where = f"{url.host or 'localhost'}:{url.port or 5432} / {url.database}"
    return engine.dialect.name, f"{where} ({url.username})" if url.username else where


def font_licence_text() -> str:
    parts = [resources.path("fonts", name) for name in ("README.md", "LICENSE-Apache-2.0.txt")]
    return "\n\n".join(p.read_text("utf-8").strip() for p in parts if p.is_file())


class AboutDialog(QDialog):
    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("关于 客户资源管理"))
        title = QLabel(self.tr("客户资源管理"))
        title.setStyleSheet("font-size: 18pt; font-weight: bold")
        subtitle = QLabel(self.tr("版本 {0} — 把客户作为公司的资源来管理。").format(logs.app_version()))
        dialect, where = database_place(engine)
        kind = self.tr("SQLite（本机文件）") if dialect == "sqlite" else self.tr("PostgreSQL（服务器）")
        log_file = logs.current_file()
        self.facts = [
            (self.tr("数据库类型"), kind),
            (self.tr("数据库位置"), where),
            (self.tr("日志文件"), str(log_file) if log_file is not None else self.tr("（未记录日志）")),
            (self.tr("运行环境"), f"Python {platform.python_version()}, Qt {qVersion()}, PySide6 {PySide6.__version__}"),
            (self.tr("操作系统"), platform.platform()),
        ]
        form = QFormLayout()
        for label, value in self.facts:
            field = QLabel(value)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            field.setWordWrap(True)
            form.addRow(label + "：", field)

        self.components = components()
        self.table = QTableWidget(len(self.components) + 2, 3)
        self.table.setHorizontalHeaderLabels([self.tr("组件"), self.tr("版本"), self.tr("许可证")])
        rows = [(c.name, c.version, c.licence) for c in self.components]
        rows.append(("Python", platform.python_version(), "PSF-2.0"))  # the interpreter a bundle carries
        rows.append((self.tr("文泉驿微米黑 WenQuanYi Micro Hei（字体）"), "0.2.0-beta",
                     self.tr("Apache-2.0 或 GPL-3.0-or-later（含字体例外）")))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(260)

        font_licence = resources.path("fonts", "LICENSE-Apache-2.0.txt")
        lgpl = "、".join(c.name for c in self.components if "LGPL" in c.licence)
        said = self.tr("本程序使用上列开源组件，各组件的许可证文本随程序一同提供。") + (
            self.tr("其中 {0} 以 LGPL 授权，可以替换为您自己编译的版本。").format(lgpl) if lgpl else "")
        notes = QLabel(escape(said + self.tr("字体许可证全文："))
                       + f'<a href="{QUrl.fromLocalFile(str(font_licence)).toString()}">{font_licence.name}</a>')
        notes.setWordWrap(True)
        notes.setOpenExternalLinks(True)
        notes.setTextFormat(Qt.TextFormat.RichText)

        buttons = QDialogButtonBox()
        self.copy_button = buttons.addButton(self.tr("复制信息"), QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        self.font_button = buttons.addButton(self.tr("字体许可证"), QDialogButtonBox.ButtonRole.ActionRole)
        self.font_button.clicked.connect(self.show_font_licence)
        buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole).setDefault(True)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("随程序提供的组件：")))
        layout.addWidget(self.table, 1)
        layout.addWidget(notes)
        layout.addWidget(buttons)
        self.resize(720, 640)

    def text(self) -> str:
        """What 复制信息 copies: the facts and the components, for a support request."""
        lines = [f"crm-desktop {logs.app_version()}", *(f"{label}：{value}" for label, value in self.facts), ""]
        lines += [f"{c.name} {c.version} — {c.licence}" for c in self.components]
        return "\n".join(lines)

    def show_font_licence(self) -> QDialog:
        """The font's notice (resources/fonts/README.md) and its licence text, shipped with the program."""
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("字体许可证"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        text = QPlainTextEdit(font_licence_text())
        text.setReadOnly(True)
        text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)  # the files are wrapped already
        buttons = QDialogButtonBox()
        buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole).setDefault(True)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(text)
        layout.addWidget(buttons)
        dialog.resize(min(text.fontMetrics().horizontalAdvance("x" * 110) + 60, 1000), 600)
        self.font_dialog = dialog
        dialog.open()
        return dialog

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())
        self.copy_button.setText(self.tr("已复制"))
