; The Windows installer: per user, no administrator rights, nothing downloaded.
; Built by scripts/package.sh with Debian's makensis:
;   makensis -DVERSION=0.1.0 -DSTAGE=<folder with the two .exe> -DOUTFILE=<setup.exe> taizhang.nsi
; STAGE holds taizhang-desktop.exe (the window) with WebView2Loader.dll (Microsoft's loader, which
; a windows-gnu build links to as a DLL), taizhang.exe (the command line and 浏览器模式),
; icon.ico and browser-mode.txt.

; A 64-bit installer for a 64-bit program: it refuses a 32-bit Windows at once, and runs under
; wine64 alone for the checks.
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma
; A window wide enough to see the fonts the two programs both carry as one (128 MB of memory
; while installing).
SetCompressorDictSize 128
RequestExecutionLevel user

!include "MUI2.nsh"
!include "LogicLib.nsh"

!ifndef VERSION
  !error "makensis -DVERSION=… is required"
!endif
!ifndef STAGE
  !error "makensis -DSTAGE=… is required"
!endif
!ifndef OUTFILE
  !define OUTFILE "taizhang-setup.exe"
!endif

!define APP_NAME "台账"
!define APP_TITLE "台账 · 街道台账管理"
!define PUBLISHER "台账 Taizhang"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Taizhang"
; Microsoft's registry key for the Evergreen WebView2 runtime: "pv" holds its version when it is
; installed (per machine: HKLM, under WOW6432Node; per user: HKCU).
!define WEBVIEW2_KEY "Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "${APP_TITLE}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\Taizhang"
InstallDirRegKey HKCU "Software\Taizhang" "InstallDir"
BrandingText "${APP_TITLE} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${APP_TITLE}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APP_TITLE} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "MIT"

!define MUI_ICON "${STAGE}\icon.ico"
!define MUI_UNICON "${STAGE}\icon.ico"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "本程序将把 ${APP_TITLE} ${VERSION} 安装到当前用户的程序文件夹，不需要管理员权限，也不需要联网。$\r$\n$\r$\n数据（台账数据库、备份）保存在 %APPDATA%\taizhang，升级或重新安装不会改动它们。$\r$\n$\r$\n点击“下一步”继续。"
!define MUI_FINISHPAGE_RUN
!define MUI_FINISHPAGE_RUN_TEXT "立即运行台账"
!define MUI_FINISHPAGE_RUN_FUNCTION StartTaizhang

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

; "1" when this PC has the WebView2 runtime, the window's engine.
Var HasWebView2

Function DetectWebView2
  StrCpy $HasWebView2 "0"
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\${WEBVIEW2_KEY}" "pv"
  ReadRegStr $1 HKCU "Software\${WEBVIEW2_KEY}" "pv"
  ${If} $0 != ""
  ${AndIf} $0 != "0.0.0.0"
    StrCpy $HasWebView2 "1"
  ${ElseIf} $1 != ""
  ${AndIf} $1 != "0.0.0.0"
    StrCpy $HasWebView2 "1"
  ${EndIf}
FunctionEnd

Function .onInit
  Call DetectWebView2
FunctionEnd

Function StartTaizhang
  Exec '"$INSTDIR\taizhang-desktop.exe"'
FunctionEnd

Section "台账" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  File "${STAGE}\taizhang-desktop.exe"
  File "${STAGE}\WebView2Loader.dll"
  File "${STAGE}\taizhang.exe"
  File "${STAGE}\icon.ico"
  File "/oname=浏览器模式说明.txt" "${STAGE}\browser-mode.txt"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; The window; on a PC without WebView2 the same program opens the office in this PC's browser
  ; (taizhang-desktop.exe starts `taizhang.exe serve --local`), and opens the window once the
  ; runtime is installed.
  SetShellVarContext current
  CreateDirectory "$SMPROGRAMS\${APP_NAME}"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}\台账.lnk" "$INSTDIR\taizhang-desktop.exe" "" "$INSTDIR\icon.ico"
  CreateShortcut "$DESKTOP\台账.lnk" "$INSTDIR\taizhang-desktop.exe" "" "$INSTDIR\icon.ico"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}\台账（浏览器模式）.lnk" "$INSTDIR\taizhang.exe" "serve --local" "$INSTDIR\icon.ico"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}\卸载台账.lnk" "$INSTDIR\uninstall.exe"

  WriteRegStr HKCU "Software\Taizhang" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_TITLE}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\icon.ico"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1

  ${If} $HasWebView2 != "1"
    MessageBox MB_OK|MB_ICONINFORMATION "这台电脑没有安装 Microsoft Edge WebView2 运行时，台账的窗口需要它。$\r$\n$\r$\n现在，桌面上的“台账”会在本机浏览器中打开台账（浏览器模式），数据和功能相同；使用时请不要关闭随之出现的黑色命令窗口。$\r$\n$\r$\n要使用窗口：在能上网的电脑上从微软网站下载“WebView2 运行时独立安装程序（x64）”，拷贝到这台电脑上安装；装好后“台账”就会打开窗口。详见安装文件夹中的“浏览器模式说明.txt”。" /SD IDOK
  ${EndIf}
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$DESKTOP\台账.lnk"
  RMDir /r "$SMPROGRAMS\${APP_NAME}"
  Delete "$INSTDIR\taizhang-desktop.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\taizhang.exe"
  Delete "$INSTDIR\icon.ico"
  Delete "$INSTDIR\浏览器模式说明.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  ; The window's own cache (WebView2's profile and PDFs waiting for the printer) goes always.
  RMDir /r "$LOCALAPPDATA\cn.taizhang.desktop"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\Taizhang"
  ; The office's data stays unless the clerk asks, and a silent uninstall never asks.
  IfFileExists "$APPDATA\taizhang\*.*" 0 done
    MessageBox MB_YESNO|MB_ICONQUESTION|MB_DEFBUTTON2 "是否同时删除台账的数据（数据库、备份和日志）？$\r$\n$\r$\n位置：$APPDATA\taizhang$\r$\n$\r$\n选“否”将保留数据，重新安装后可以继续使用。删除后无法恢复。" /SD IDNO IDNO done
    RMDir /r "$APPDATA\taizhang"
  done:
SectionEnd
