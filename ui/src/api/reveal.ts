// Showing a full ID, phone or address: the clerk says why first; the reason goes to the access log.
import { ElMessageBox } from 'element-plus'

/** Why the full value is needed, or null when the clerk cancelled. */
export async function askReason(): Promise<string | null> {
  try {
    const { value } = await ElMessageBox.prompt('请写明查看原因（记入访问记录）', '查看完整信息', {
      confirmButtonText: '查看',
      cancelButtonText: '取消',
      inputPlaceholder: '如：核对身份、上级要求、办理业务',
      inputValidator: (v: string) => (v && v.trim() ? true : '请填写查看原因'),
      customClass: 'reveal-reason',
    })
    return value.trim()
  } catch {
    return null
  }
}
