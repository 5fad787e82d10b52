"""Refusing hostile or broken .xlsx files before any XML parser sees them (not a zip, zip bombs, DTD tricks)."""
from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

import openpyxl

from app.errors import UserError

# An honest workbook of 100,000 customers is a few tens of MB once unpacked; 200 MB leaves room to spare.
MAX_UNCOMPRESSED = 200 * 1024 * 1024
# Sheet XML packs 5-30x; zeros or repeated junk pack 1000x. The ratio is only judged on big members,
# where a bomb does its harm (small members of any ratio are harmless).
MAX_RATIO = 100
RATIO_MIN_SIZE = 10 * 1024 * 1024
MAX_MEMBERS = 10_000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls and password-protected .xlsx are OLE files
_CHUNK = 1024 * 1024
_MARKERS = (b"<!DOCTYPE", b"<!ENTITY")
# Members openpyxl never parses as XML in read-only mode; an embedded SVG may carry a harmless DOCTYPE.
_BINARY_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".emf", ".wmf", ".svg", ".bin", ".tif", ".tiff")


class ImportRefused(UserError):
    """The file cannot be imported at all: missing, not an .xlsx, unreadable or hostile."""


def _not_xlsx(name: str) -> ImportRefused:
    return ImportRefused(
        f"不是有效的 Excel 工作簿（.xlsx）：「{name}」。请在 Excel 中打开它，"
        "另存为“Excel 工作簿（*.xlsx）”后再导入。"
    )


def check_workbook_file(path: Path) -> None:
    """Raise ImportRefused unless `path` is a zip whose sizes are sane and whose XML declares no DTD."""
    if not openpyxl.DEFUSEDXML:
        # openpyxl only guards its XML parsing when defusedxml is importable
        raise ImportRefused("缺少 defusedxml 组件，无法安全读取 Excel 文件。请重新安装本程序。")
    name = path.name
    if not path.is_file():
        raise ImportRefused(f"找不到文件：{path}")
    try:
        with path.open("rb") as fh:
            head = fh.read(len(OLE_MAGIC))
    except OSError as exc:
        raise ImportRefused(f"无法读取文件「{name}」：{exc.strerror or exc}") from exc
    if head == OLE_MAGIC:
        raise ImportRefused(
            f"不是有效的 Excel 工作簿（.xlsx）：「{name}」是旧版 .xls 文件或设置了打开密码的工作簿。"
            "请在 Excel 中另存为“Excel 工作簿（*.xlsx）”（不设密码）后再导入。"
        )
    if not zipfile.is_zipfile(path):
        raise _not_xlsx(name)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            _check_sizes(name, infos)
            if "[Content_Types].xml" not in {i.filename for i in infos}:
                raise _not_xlsx(name)
            for info in infos:
                if not info.is_dir() and not info.filename.lower().endswith(_BINARY_SUFFIXES):
                    _check_xml_member(zf, info, name)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError) as exc:
        # corrupt data, an unsupported compression method or an encrypted member
        raise ImportRefused(f"工作簿「{name}」已损坏或无法解压，不能导入（{type(exc).__name__}）。") from exc
    except OSError as exc:
        raise ImportRefused(f"无法读取文件「{name}」：{exc.strerror or exc}") from exc


def _check_sizes(name: str, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_MEMBERS:
        raise ImportRefused(f"工作簿「{name}」包含的文件数量异常（{len(infos)} 个），疑似恶意文件，已拒绝导入。")
    # Declared sizes are what zipfile will ever produce: it stops at file_size even if the data says more.
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise ImportRefused(
            f"工作簿「{name}」解压后约 {total // (1024 * 1024)} MB，超过 {MAX_UNCOMPRESSED // (1024 * 1024)} MB 上限，"
            "疑似压缩炸弹，已拒绝导入。如确为正常数据，请分成几个较小的工作簿导入。"
        )
    for info in infos:
        if info.file_size >= RATIO_MIN_SIZE:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > MAX_RATIO:
                raise ImportRefused(
                    f"工作簿「{name}」中的「{info.filename}」压缩比异常（约 {ratio:.0f} 倍），"
                    "疑似压缩炸弹，已拒绝导入。"
                )


def _check_xml_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    """Refuse a DOCTYPE or ENTITY declaration anywhere in the member (billion laughs, external entities)."""
    tail = b""
    with zf.open(info) as member:
        while True:
            chunk = member.read(_CHUNK)
            if not chunk:
                return
            # dropping NULs makes UTF-16/32 encoded markup comparable as ASCII
            text = (tail + chunk).replace(b"\x00", b"").upper()
            if any(marker in text for marker in _MARKERS):
                raise ImportRefused(
                    f"工作簿「{name}」中的「{info.filename}」含有 DOCTYPE/实体声明（XML 炸弹或外部实体攻击的手法），"
                    "正常的 Excel 文件不会包含这类内容，已拒绝导入。"
                )
            tail = text[-16:]
