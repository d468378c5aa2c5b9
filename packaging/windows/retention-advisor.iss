; Inno Setup script of the Windows installer: installs the standalone bundle
; (dist\retention-advisor, built by packaging/retention-advisor.spec), for the current user by
; default (no administrator rights; the first page offers "all users" too), with a Start-menu
; entry, .retention files opening in Retention Advisor with its icon, and an uninstaller.
; Built by .github/workflows/release.yml:
;     iscc /DAppVersion=0.1.0 packaging\windows\retention-advisor.iss
; Output: dist\RetentionAdvisor-Setup-<version>.exe. Unsigned (see docs/packaging.md).
; Needs Inno Setup 6.3 or newer (x64compatible, HKA).

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "Retention Advisor"
#define AppExe "retention-advisor.exe"
#define Bundle AddBackslash(SourcePath) + "..\..\dist\retention-advisor"
#define Icon AddBackslash(SourcePath) + "..\..\resources\icons\retention-advisor.ico"
#define Licence AddBackslash(SourcePath) + "..\..\LICENSE"
#define ProgId "RetentionAdvisor.Project"

[Setup]
; The AppId identifies the product for upgrades and the uninstaller: never change it.
AppId={{2D1900AA-CB3C-42FC-85E4-CBFDDE60C769}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersion}
; Per user by default ({autopf} is then %LOCALAPPDATA%\Programs); the dialog or /ALLUSERS on
; the command line installs for every user, with administrator rights.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; The bundle is 64-bit Python and Qt.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir={#AddBackslash(SourcePath) + "..\..\dist"}
OutputBaseFilename=RetentionAdvisor-Setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
#if FileExists(Icon)
SetupIconFile={#Icon}
#endif
#if FileExists(Licence)
LicenseFile={#Licence}
#endif

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole folder: retention-advisor.exe (windowed), retention-advisor-cli.exe (console, for
; the headless commands) and _internal\.
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the bundle whole: files a newer version no longer ships must not linger.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; .retention files: a ProgID with the app's icon and "open" command, under HKCU for a per-user
; install and HKLM for all users (HKA follows the install mode). Removed by the uninstaller.
Root: HKA; Subkey: "Software\Classes\.retention"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.retention\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{#AppName} project"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".retention"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
