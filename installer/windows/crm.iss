; Inno Setup 6 script: the Windows setup program of 客户资源管理 (crm-desktop-<version>-setup.exe).
; installer\windows\build.ps1 builds the bundle first (installer\crm.spec) and then runs
;   ISCC.exe /DAppVersion=<pyproject version> installer\windows\crm.iss
; It installs the one-folder bundle for the current user (no administrator needed; the first page offers all users),
; with shortcuts in the Start menu and on the desktop and an uninstaller. The company's data is not in the
; program's folder but in %LOCALAPPDATA%\crm-desktop (app/paths.py), with the settings in the registry under
; HKCU\Software\crm-desktop: uninstalling keeps both unless the user ticks the box that asks to delete them.
; This file is UTF-8 with a byte-order mark, which Inno Setup 6 needs to read the Chinese texts.

#define AppName "客户资源管理"
#define AppExe "crm-desktop.exe"
#define DataFolder "crm-desktop"
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
; the bundle installer\crm.spec writes (its COLLECT name), relative to this script
#define Bundle "..\build\dist\crm-desktop"

[Setup]
AppId={{16D23A29-F423-44E7-A076-C6928DAD2376}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} 安装程序
DefaultDirName={autopf}\crm-desktop
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\build\windows
OutputBaseFilename=crm-desktop-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\crm.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
ShowLanguageDialog=auto

[Languages]
; Chinese when the Inno Setup installation has the translation (official, or among the unofficial ones), then English
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chs"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#elif FileExists(AddBackslash(CompilerPath) + "Languages\Unofficial\ChineseSimplified.isl")
Name: "chs"; MessagesFile: "compiler:Languages\Unofficial\ChineseSimplified.isl"
#endif
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
DeleteDataTitle=删除公司数据？
DeleteDataBox=同时删除本电脑上的公司数据（数据库文件、备份、日志和设置）
DeleteDataWhere=数据文件夹：%1
DeleteDataKept=不勾选则保留这些数据，重新安装后可以继续使用。
en.DeleteDataTitle=Delete the company's data?
en.DeleteDataBox=Also delete the company's data on this PC (database file, backups, logs and settings)
en.DeleteDataWhere=Data folder: %1
en.DeleteDataKept=Leave it unticked to keep the data: a new installation carries on with it.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; what the program itself writes into its folder (Python's caches), not the company's data
Type: filesandordirs; Name: "{app}\_internal\__pycache__"

[Code]
var
  DeleteData: Boolean;

function DataPath(): String;
begin
  Result := ExpandConstant('{localappdata}\{#DataFolder}');
end;

{ Asked before anything is removed: a small window with the box unticked. A silent uninstall keeps the data. }
function InitializeUninstall(): Boolean;
var
  Form: TSetupForm;
  Box: TNewCheckBox;
  Where, Kept: TNewStaticText;
  OkButton, CancelButton: TNewButton;
begin
  Result := True;
  DeleteData := False;
  if UninstallSilent() or not DirExists(DataPath()) then
    Exit;
#if Ver >= EncodeVer(6, 6, 0)
  Form := CreateCustomForm(460, 150, False, False);  { 6.6 changed it: the size first, scaled by Inno Setup }
#else
  Form := CreateCustomForm();
#endif
  try
#if Ver < EncodeVer(6, 6, 0)
    Form.ClientWidth := ScaleX(460);
    Form.ClientHeight := ScaleY(150);
#endif
    Form.Caption := CustomMessage('DeleteDataTitle');

    Box := TNewCheckBox.Create(Form);
    Box.Parent := Form;
    Box.Left := ScaleX(16);
    Box.Top := ScaleY(16);
    Box.Width := Form.ClientWidth - ScaleX(32);
    Box.Height := ScaleY(20);
    Box.Caption := CustomMessage('DeleteDataBox');
    Box.Checked := False;

    Where := TNewStaticText.Create(Form);
    Where.Parent := Form;
    Where.Left := ScaleX(34);
    Where.Top := ScaleY(44);
    Where.Caption := FmtMessage(CustomMessage('DeleteDataWhere'), [DataPath()]);

    Kept := TNewStaticText.Create(Form);
    Kept.Parent := Form;
    Kept.Left := ScaleX(34);
    Kept.Top := ScaleY(66);
    Kept.Caption := CustomMessage('DeleteDataKept');

    OkButton := TNewButton.Create(Form);
    OkButton.Parent := Form;
    OkButton.Width := ScaleX(80);
    OkButton.Height := ScaleY(26);
    OkButton.Left := Form.ClientWidth - ScaleX(180);
    OkButton.Top := Form.ClientHeight - ScaleY(40);
    OkButton.Caption := SetupMessage(msgButtonOK);
    OkButton.ModalResult := mrOk;
    OkButton.Default := True;

    CancelButton := TNewButton.Create(Form);
    CancelButton.Parent := Form;
    CancelButton.Width := ScaleX(80);
    CancelButton.Height := ScaleY(26);
    CancelButton.Left := Form.ClientWidth - ScaleX(92);
    CancelButton.Top := Form.ClientHeight - ScaleY(40);
    CancelButton.Caption := SetupMessage(msgButtonCancel);
    CancelButton.ModalResult := mrCancel;
    CancelButton.Cancel := True;

    Form.ActiveControl := OkButton;
    Result := Form.ShowModal() = mrOk;  { Cancel: nothing is uninstalled }
    DeleteData := Result and Box.Checked;
  finally
    Form.Free();
  end;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and DeleteData then
  begin
    DelTree(DataPath(), True, True, True);
    RegDeleteKeyIncludingSubkeys(HKCU, 'Software\{#DataFolder}');
  end;
end;
