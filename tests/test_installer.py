"""What can be checked here of resources/ and installer/ without building: the icon in every size, the shipped
translation compiled from the lead's .ts, the package data that carries them, the PyInstaller spec's Qt excludes
against what the code imports, and the Windows files (Inno Setup script, build script, workflow) against the files,
names and version they refer to. The Linux bundle itself is built and self-tested by .ci/run (installer/README.md)."""
from __future__ import annotations

import ast
import fnmatch
import re
import shutil
import struct
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import resources
from app import paths

ROOT = Path(__file__).resolve().parents[1]
INSTALLER = ROOT / "installer"
ISS = INSTALLER / "windows" / "crm.iss"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
VERSION = PYPROJECT["project"]["version"]


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", data[16:24])


def test_the_icon_is_there_in_every_size_as_png_and_ico() -> None:
    for size in resources.ICON_SIZES:
        assert _png_size(resources.icon_png(size)) == (size, size)
    ico = resources.path("icons", "crm.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1)  # an icon, not a cursor
    sizes = sorted(ico[6 + 16 * n] or 256 for n in range(count))  # width byte; 0 means 256
    assert sizes == sorted(resources.ICON_SIZES)


def test_the_font_ships_with_its_licence() -> None:
    assert resources.FONT.stat().st_size > 1_000_000
    assert "Apache License" in resources.path("fonts", "LICENSE-Apache-2.0.txt").read_text(encoding="utf-8")


def test_the_shipped_translation_is_the_compiled_ts(tmp_path: Path) -> None:
    """The application loads resources/translations/crm_en.qm (resources.translation); it must be what lrelease makes of
    ui/translations/crm_en.ts now, so a translation edited in the .ts is not silently missing from the program."""
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    tool = str(lrelease) if lrelease.exists() else shutil.which("pyside6-lrelease")
    if tool is None:
        pytest.skip("pyside6-lrelease (PySide6) is not installed")
    fresh = tmp_path / "crm_en.qm"
    subprocess.run([tool, str(ROOT / "ui" / "translations" / "crm_en.ts"), "-qm", str(fresh)], check=True,
                   capture_output=True)
    assert resources.translation("en").read_bytes() == fresh.read_bytes(), (
        "resources/translations/crm_en.qm is older than ui/translations/crm_en.ts: run "
        "pyside6-lrelease ui/translations/crm_en.ts -qm resources/translations/crm_en.qm")


def test_the_package_data_carries_every_resource_file() -> None:
    patterns = PYPROJECT["tool"]["setuptools"]["package-data"]["resources"]
    files = [p.relative_to(resources.ROOT).as_posix() for p in resources.ROOT.rglob("*")
             if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".py"]
    assert {"fonts/wqy-microhei.ttc", "icons/crm.ico", "translations/crm_en.qm"} <= set(files)
    assert [f for f in files if not any(fnmatch.fnmatch(f, pattern) for pattern in patterns)] == []


def _spec_list(name: str) -> list[str]:
    """A module-level list or tuple of strings in installer/crm.spec (QT_UNUSED is built from a tuple of names)."""
    tree = ast.parse((INSTALLER / "crm.spec").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            return [c.value for c in ast.walk(node.value) if isinstance(c, ast.Constant) and isinstance(c.value, str)]
    raise AssertionError(f"installer/crm.spec has no {name}")


def test_the_spec_leaves_out_the_heavy_qt_modules_and_none_the_code_uses() -> None:
    excluded = {m for m in _spec_list("QT_UNUSED") if m.startswith("Qt")}
    assert {"QtWebEngineCore", "QtWebEngineWidgets", "Qt3DCore", "QtQuick", "QtQml", "QtMultimedia", "QtPdf",
            "QtCharts", "QtDesigner", "QtSql"} <= excluded
    used = {"QtOpenGL", "QtOpenGLWidgets"}  # pyqtgraph imports them (pyqtgraph/Qt/OpenGLHelpers.py)
    for folder in ("app", "models", "ui", "resources"):
        for source in (ROOT / folder).rglob("*.py"):
            used |= set(re.findall(r"PySide6\.(Qt\w+)", source.read_text(encoding="utf-8")))
    assert {"QtCore", "QtGui", "QtWidgets", "QtPrintSupport", "QtTest"} <= used
    assert used & excluded == set()


def test_the_spec_builds_both_programs_into_one_folder() -> None:
    spec = (INSTALLER / "crm.spec").read_text(encoding="utf-8")
    assert 'name="crm-desktop"' in spec  # the folder: installer/build/dist/crm-desktop
    assert 'exe(gui, "crm-desktop", console=False)' in spec and 'exe(cli, "crm", console=True)' in spec
    launcher = (INSTALLER / "crm_desktop.py").read_text(encoding="utf-8")
    assert 'Path(sys.argv[0]).stem == "crm"' in launcher  # Linux: crm is a link to crm-desktop
    assert "PySide6-Essentials" in " ".join(PYPROJECT["project"]["dependencies"])
    assert not any(d.startswith(("PySide6>", "PySide6=", "PySide6 ", "PySide6-Addons"))
                   for d in PYPROJECT["project"]["dependencies"])


def _defines(text: str) -> dict[str, str]:
    return dict(re.findall(r'^\s*#define (\w+) "([^"]*)"', text, flags=re.MULTILINE))


def test_the_inno_setup_script_refers_to_what_exists_and_agrees_with_pyproject() -> None:
    raw = ISS.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Inno Setup reads the Chinese texts only from UTF-8 with a BOM"
    text = raw.decode("utf-8-sig")
    defines = _defines(text)
    assert defines["AppVersion"] == VERSION  # the default; build.ps1 passes pyproject's version with /DAppVersion
    assert defines["AppExe"] == "crm-desktop.exe" and defines["DataFolder"] == paths.APP_NAME
    assert (ISS.parent / defines["Bundle"].replace("\\", "/")).resolve() == INSTALLER / "build" / "dist" / "crm-desktop"
    setup = dict(re.findall(r"^(\w+)=(.*?)\r?$", text.split("[Setup]", 1)[1].split("\n[", 1)[0], flags=re.MULTILINE))
    assert (ISS.parent / setup["SetupIconFile"].replace("\\", "/")).resolve() == resources.path("icons", "crm.ico")
    assert resources.path("icons", "crm.ico").exists()
    assert (ISS.parent / setup["OutputDir"].replace("\\", "/")).resolve() == INSTALLER / "build" / "windows"
    assert setup["OutputBaseFilename"] == "crm-desktop-{#AppVersion}-setup"
    assert re.fullmatch(r"\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", setup["AppId"])
    assert setup["PrivilegesRequired"] == "lowest"
    # Start menu and desktop shortcuts, the uninstaller's entry, the data kept unless the box is ticked
    assert re.search(r'^Name: "\{group\}\\\{#AppName\}"; Filename: "\{app\}\\\{#AppExe\}"', text, re.MULTILINE)
    assert re.search(r'^Name: "\{autodesktop\}\\\{#AppName\}".*Tasks: desktopicon', text, re.MULTILINE)
    assert "{uninstallexe}" in text
    assert "Box.Checked := False;" in text and "if (CurUninstallStep = usPostUninstall) and DeleteData then" in text
    assert "DelTree(DataPath()" in text and "ExpandConstant('{localappdata}\\{#DataFolder}')" in text
    assert re.search(r"^en\.DeleteDataBox=", text, re.MULTILINE) and re.search(r"^DeleteDataBox=.*数据", text,
                                                                               re.MULTILINE)


def test_the_build_scripts_agree() -> None:
    linux = (INSTALLER / "build-linux.sh").read_text(encoding="utf-8")
    windows = (INSTALLER / "windows" / "build.ps1").read_text(encoding="utf-8")
    pins = re.search(r'PYINSTALLER="([^"]+)"', linux).group(1).split()
    assert pins and all(pin.startswith("pyinstaller") and "==" in pin for pin in pins)
    assert all(f'"{pin}"' in windows for pin in pins)  # both platforms build with the same PyInstaller
    assert "crm.iss" in windows and "--self-test" in windows and "/DAppVersion=$Version" in windows
    workflow = (ROOT / ".github" / "workflows" / "windows.yml").read_text(encoding="utf-8")
    assert "./installer/windows/build.ps1" in workflow and "installer/build/windows/*.exe" in workflow
    assert subprocess.run(["bash", "-n", str(INSTALLER / "build-linux.sh")]).returncode == 0
    desktop = (INSTALLER / "crm-desktop.desktop.in").read_text(encoding="utf-8")
    assert 'Exec="@BUNDLE@/crm-desktop"' in desktop and "Icon=@BUNDLE@/crm-desktop.png" in desktop
