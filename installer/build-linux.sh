#!/usr/bin/env bash
# Build the Linux bundle with one command: a one-folder PyInstaller build of crm-desktop and crm (installer/crm.spec)
# in its own virtual environment, with a .desktop file and the icon beside the executables.
#
#   installer/build-linux.sh            builds installer/build/dist/crm-desktop/
#   installer/build-linux.sh --menu     also puts 客户资源管理 in this user's application menu
#
# Needs python3 (3.11 or newer, with its shared library, as Debian's and pyenv's are) and the package index.
# BUILD_DIR (default installer/build) holds the virtual environment, PyInstaller's work files and dist/.
# The last line printed is the path of the bundle's crm-desktop executable.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$HERE")"
BUILD="${BUILD_DIR:-$HERE/build}"
PYTHON="${PYTHON:-python3}"
PYINSTALLER="pyinstaller==6.22.3 pyinstaller-hooks-contrib==2026.9"
menu=0
[ "${1:-}" = "--menu" ] && menu=1
started=$(date +%s)

mkdir -p "$BUILD"
if [ ! -x "$BUILD/venv/bin/python" ]; then
  "$PYTHON" -m venv "$BUILD/venv"
fi
venv="$BUILD/venv/bin"
echo "+ pip install the project and PyInstaller into $BUILD/venv" >&2
"$venv/pip" install -q --disable-pip-version-check "$ROOT" $PYINSTALLER >&2
# the project's own version is unchanged while its code changes: always take the checkout's code
"$venv/pip" install -q --disable-pip-version-check --no-deps --force-reinstall "$ROOT" >&2

echo "+ pyinstaller installer/crm.spec" >&2
(cd "$BUILD" && "$venv/pyinstaller" --noconfirm --log-level WARN --distpath "$BUILD/dist" \
  --workpath "$BUILD/work" "$HERE/crm.spec" >&2)

bundle="$BUILD/dist/crm-desktop"
# Symbol tables are of no use to the program: libpython of a Python built from source (pyenv), SQLAlchemy's and
# numpy's compiled modules, ICU and pdfium carry 30 MB of them. The libraries wheels vendor (the *.libs/ folders,
# renamed and patched by auditwheel) are left as they are.
if command -v strip >/dev/null; then
  find "$bundle/_internal" -type f -name '*.so*' -not -path '*.libs/*' -print0 | xargs -0 strip --strip-unneeded
else
  echo "strip (binutils) is missing: the bundle keeps its symbol tables, about 30 MB more" >&2
fi
# Every library the bundle holds finds what it links against, in the bundle or on the system (the Qt plugins and
# libraries installer/crm.spec leaves out must not be missed by what it keeps). GTK and the Wayland client libraries
# are the desktop's own: a machine without them (this build machine, a server) uses X11 or offscreen.
missing=$(find "$bundle/_internal" -name '*.so*' -type f -print0 \
  | LD_LIBRARY_PATH="$bundle/_internal:$bundle/_internal/PySide6/Qt/lib" xargs -0 -n 50 ldd 2>/dev/null \
  | grep 'not found' | grep -v -E 'lib(gtk|gdk)-3|libwayland-' | sort -u || true)
if [ -n "$missing" ]; then
  echo "the bundle misses libraries:" >&2
  echo "$missing" >&2
  exit 1
fi
cp "$ROOT/resources/icons/crm-256.png" "$bundle/crm-desktop.png"
sed -e "s|@BUNDLE@|$bundle|g" "$HERE/crm-desktop.desktop.in" > "$bundle/crm-desktop.desktop"
chmod +x "$bundle/crm-desktop.desktop"
if [ "$menu" = 1 ]; then
  applications="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
  mkdir -p "$applications"
  cp "$bundle/crm-desktop.desktop" "$applications/crm-desktop.desktop"
  echo "+ added to the application menu: $applications/crm-desktop.desktop" >&2
fi

"$bundle/crm" --help >/dev/null  # the command line starts
echo "built in $(( $(date +%s) - started )) s; $(du -sm "$bundle" | cut -f1) MB unpacked" >&2
echo "$bundle/crm-desktop"
