// Choosing the files a clerk imports and exports. In the window: the system's open and save
// dialogs, which give paths on this PC. In a browser: the browser's file picker, whose file is
// uploaded to the host (the command is given the upload's handle), and a name to save as (the
// host offers the written file as a download: see call.ts).
import { open as openDialog, save as saveDialog } from '@tauri-apps/plugin-dialog'
import type { AppError } from './bindings'
import { answer, inBrowser } from './call'

type Filter = { name: string; extensions: string[] }

/** Uploads a file the clerk picked in the browser; returns the handle a command takes. */
export async function upload(file: File): Promise<string> {
  let response: Response
  try {
    response = await fetch('/api/upload', {
      method: 'POST',
      headers: { 'X-File-Name': encodeURIComponent(file.name), 'Content-Type': 'application/octet-stream' },
      body: file,
    })
  } catch (e) {
    throw { code: 'io', message: `文件没有上传成功（${String(e)}），请检查网络后重试`, fields: [] } satisfies AppError
  }
  return (await answer(response)) as string
}

/** The browser's file picker; uploads what was picked. Empty when the clerk closed it. The
 * picker's input stays in the page while it is open (`data-test=file-picker`). */
function pickAndUpload(filters: Filter[], multiple: boolean): Promise<string[]> {
  document.querySelector('[data-test=file-picker]')?.remove()
  return new Promise<string[]>((resolve, reject) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.multiple = multiple
    input.hidden = true
    input.dataset.test = 'file-picker'
    input.accept = filters.flatMap((f) => f.extensions).filter((e) => e !== '*').map((e) => `.${e}`).join(',')
    input.addEventListener('cancel', () => resolve([]))
    input.addEventListener('change', () => {
      Promise.all([...(input.files ?? [])].map(upload)).then(resolve, reject)
    })
    document.body.appendChild(input)
    input.click()
  }).finally(() => document.querySelector('[data-test=file-picker]')?.remove())
}

async function open(o: { multiple: boolean; directory: boolean; filters?: Filter[]; title: string }): Promise<string | string[] | null> {
  if (!inBrowser()) return openDialog(o)
  if (o.directory) throw hostOnly()
  const handles = await pickAndUpload(o.filters ?? [], o.multiple)
  return o.multiple ? handles : (handles[0] ?? null)
}

/** In a browser, the name to download as (the last part of `defaultPath`). */
async function save(o: { defaultPath: string; filters?: Filter[]; title: string }): Promise<string | null> {
  if (!inBrowser()) return saveDialog(o)
  return o.defaultPath.split(/[\\/]/).pop() || null
}

function hostOnly(): AppError {
  return { code: 'forbidden', message: '这项操作只能在存放数据的那台电脑上进行', fields: [] }
}

const SPREADSHEETS = [
  { name: '表格文件', extensions: ['xlsx', 'xlsm', 'xls', 'et', 'ods', 'csv', 'txt', 'htm', 'html'] },
  { name: '所有文件', extensions: ['*'] },
]

/** A spreadsheet to import, or null when the clerk closed the dialog. */
export async function chooseSpreadsheet(): Promise<string | null> {
  const path = await open({ multiple: false, directory: false, filters: SPREADSHEETS, title: '选择要导入的表格' })
  return typeof path === 'string' ? path : null
}

/** Where to save an .xlsx, proposing `name`; null when the clerk closed the dialog. */
export async function chooseXlsxTarget(name: string): Promise<string | null> {
  return save({ defaultPath: name, filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }], title: '保存为' })
}

/** A higher level's .xlsx form to fill, or null. */
export async function chooseTemplate(): Promise<string | null> {
  const path = await open({ multiple: false, directory: false, filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }], title: '选择上级发来的表格模板' })
  return typeof path === 'string' ? path : null
}

/** Where to save a PDF, proposing `name`; null when the clerk closed the dialog. */
export async function choosePdfTarget(name: string): Promise<string | null> {
  return save({ defaultPath: name, filters: [{ name: 'PDF 文件', extensions: ['pdf'] }], title: '保存PDF' })
}

/** A font file of this PC (仿宋, 小标宋 …), or null. */
export async function chooseFont(): Promise<string | null> {
  const path = await open({ multiple: false, directory: false, filters: [{ name: '字体文件', extensions: ['ttf', 'otf', 'ttc'] }], title: '选择字体文件' })
  return typeof path === 'string' ? path : null
}

/** Photos or scanned documents to keep with a record; empty when the clerk closed the dialog. */
export async function chooseAttachments(): Promise<string[]> {
  const paths = await open({
    multiple: true, directory: false, title: '选择照片或扫描件',
    filters: [{ name: '照片或扫描件', extensions: ['jpg', 'jpeg', 'png', 'pdf'] }],
  })
  return Array.isArray(paths) ? paths : typeof paths === 'string' ? [paths] : []
}

/** Where to save a copy of a kept file, proposing its own name; null when the clerk closed the dialog. */
export async function chooseCopyTarget(name: string): Promise<string | null> {
  return save({ defaultPath: name, title: '另存为' })
}

/** A folder to keep backups in (a USB stick is common), or null. */
export async function chooseFolder(): Promise<string | null> {
  const path = await open({ multiple: false, directory: true, title: '选择备份文件夹' })
  return typeof path === 'string' ? path : null
}

/** A backup file to restore from, or null. */
export async function chooseBackup(): Promise<string | null> {
  const path = await open({
    multiple: false, directory: false, title: '选择备份文件',
    filters: [{ name: '台账备份', extensions: ['db', 'age'] }, { name: '所有文件', extensions: ['*'] }],
  })
  return typeof path === 'string' ? path : null
}

/** Where to save an archive bundle, proposing `name`; null when the clerk closed the dialog. */
export async function chooseZipTarget(name: string): Promise<string | null> {
  return save({ defaultPath: name, filters: [{ name: '台账档案包', extensions: ['zip'] }], title: '保存档案包' })
}

/** An archive bundle to import, or null. */
export async function chooseZip(): Promise<string | null> {
  const path = await open({ multiple: false, directory: false, title: '选择档案包', filters: [{ name: '台账档案包', extensions: ['zip'] }] })
  return typeof path === 'string' ? path : null
}

/** Where an import's error report goes: beside the file in the window (null); from a browser,
 * into its downloads as `名称-错误原因.xlsx`. */
export function errorReportTarget(path: string): string | null {
  if (!inBrowser()) return null
  const name = path.split(/[\\/]/).pop() ?? ''
  return `${name.replace(/\.[^.]*$/, '')}-错误原因.xlsx`
}

/** The name a clerk knows a chosen file by (a path in the window, an upload's handle in a browser). */
export function shownName(path: string): string {
  return inBrowser() ? (path.split('/').pop() ?? path) : path
}
