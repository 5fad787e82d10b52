# Build the Windows setup program on a Windows build machine (the GitHub Actions workflow .github/workflows/windows.yml
# runs this; by hand: Python 3.11+ from python.org and Inno Setup 6 installed, then in PowerShell from the checkout:
#
#   powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1
#
# 1. a virtual environment installer\build\venv with the project and PyInstaller (the versions build-linux.sh uses);
# 2. the one-folder bundle installer\build\dist\crm-desktop\ (installer\crm.spec: crm-desktop.exe and crm.exe);
# 3. the bundle's own smoke test, crm-desktop.exe --self-test (ui\selftest.py), which must exit 0;
# 4. installer\build\windows\crm-desktop-<version>-setup.exe from installer\windows\crm.iss (Inno Setup).
# The last line printed is the path of the setup program. PYTHON and ISCC may name the programs to use.
$ErrorActionPreference = "Stop"
$Here = Split-Path -Parent $MyInvocation.MyCommand.Path
$Installer = Split-Path -Parent $Here
$Root = Split-Path -Parent $Installer
$Build = Join-Path $Installer "build"
$PyInstaller = @("pyinstaller==6.22.3", "pyinstaller-hooks-contrib==2026.9")
$Python = if ($env:PYTHON) { $env:PYTHON } else { "python" }

function Invoke-Checked([string]$Program, [string[]]$Arguments) {
    & $Program @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Program $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

$started = Get-Date
New-Item -ItemType Directory -Force -Path $Build | Out-Null
$Venv = Join-Path $Build "venv"
if (-not (Test-Path (Join-Path $Venv "Scripts\python.exe"))) {
    Invoke-Checked $Python @("-m", "venv", $Venv)
}
$VenvPython = Join-Path $Venv "Scripts\python.exe"
Invoke-Checked $VenvPython (@("-m", "pip", "install", "-q", "--disable-pip-version-check", $Root) + $PyInstaller)
# the project's version is unchanged while its code changes: always take the checkout's code
Invoke-Checked $VenvPython @("-m", "pip", "install", "-q", "--disable-pip-version-check", "--no-deps",
    "--force-reinstall", $Root)
$Version = & $VenvPython -c "import tomllib, pathlib; print(tomllib.loads(pathlib.Path(r'$Root\pyproject.toml').read_text(encoding='utf-8'))['project']['version'])"

Invoke-Checked $VenvPython @("-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
    "--distpath", (Join-Path $Build "dist"), "--workpath", (Join-Path $Build "work"), (Join-Path $Installer "crm.spec"))
$Bundle = Join-Path $Build "dist\crm-desktop"
$Size = (Get-ChildItem -Recurse -File $Bundle | Measure-Object -Property Length -Sum).Sum / 1MB
Write-Host ("bundle: {0:N0} MB unpacked" -f $Size)

# crm-desktop.exe is windowed: Start-Process waits for it, and its lines go to %TEMP%\crm-selftest.log
$Log = Join-Path ([IO.Path]::GetTempPath()) "crm-selftest.log"
Remove-Item -ErrorAction SilentlyContinue $Log
$Test = Start-Process -FilePath (Join-Path $Bundle "crm-desktop.exe") -ArgumentList "--self-test" -Wait -PassThru
if (Test-Path $Log) { Get-Content -Encoding UTF8 $Log }
if ($Test.ExitCode -ne 0) { throw "crm-desktop.exe --self-test failed with exit code $($Test.ExitCode)" }
Invoke-Checked (Join-Path $Bundle "crm.exe") @("--help") | Out-Null

$Iscc = $env:ISCC
if (-not $Iscc) {
    $found = Get-Command "ISCC.exe" -ErrorAction SilentlyContinue
    $Iscc = if ($found) { $found.Source } else { Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe" }
}
if (-not (Test-Path $Iscc)) { throw "Inno Setup 6 (ISCC.exe) was not found: install it, or set ISCC to its path" }
Invoke-Checked $Iscc @("/Q", "/DAppVersion=$Version", (Join-Path $Here "crm.iss"))

$Setup = Join-Path $Build "windows\crm-desktop-$Version-setup.exe"
if (-not (Test-Path $Setup)) { throw "Inno Setup did not write $Setup" }
Write-Host ("built in {0:N0} s; setup program {1:N0} MB" -f ((Get-Date) - $started).TotalSeconds, ((Get-Item $Setup).Length / 1MB))
Write-Output $Setup
