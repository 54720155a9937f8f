// The page's way to Rust is `api`, generated from the command table (client.ts); the helpers
// below read what a command threw, and `showError` is how a failure is shown.
import { ElMessage } from 'element-plus'
import type { AppError } from './bindings'

export { api } from './client'

export function isAppError(e: unknown): e is AppError {
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e
}

/** The Chinese message of whatever a command threw. */
export function errorMessage(e: unknown): string {
  if (isAppError(e)) return e.message
  return `操作失败：${String(e)}`
}

/** Shows a failure as the command's Chinese message. Vue's error handler and unhandled
 * rejections come here (main.ts), so a page that has nothing more to do with a failure lets it
 * go; closing a confirmation box (ElMessageBox's 'cancel' / 'close') is no failure. */
export function showError(e: unknown): void {
  if (e === 'cancel' || e === 'close') return
  if (!isAppError(e)) console.error(e)
  ElMessage.error(errorMessage(e))
}

/** Field errors of a validation failure, keyed by field name. */
export function fieldErrors(e: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  if (isAppError(e)) for (const f of e.fields) out[f.field] = out[f.field] ? `${out[f.field]}；${f.message}` : f.message
  return out
}

/** Points are stored in tenths: 25 → "2.5". */
export function pts(tenths: number): string {
  return String(tenths / 10)
}
