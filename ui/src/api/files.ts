// The system's open and save dialogs, for choosing the files a clerk imports and exports.
import { open, save } from '@tauri-apps/plugin-dialog'

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
