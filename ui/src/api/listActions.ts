// What every register's list does the same way: delete to the recycle bin with 撤销, and export
// to Excel in our own layout or into a higher level's template.
import { h } from 'vue'
import { ElButton, ElMessage, ElMessageBox, ElNotification } from 'element-plus'
import { api, showError } from '.'
import { chooseTemplate, chooseXlsxTarget } from './files'
import { today } from './dates'
import type { Exported } from './bindings'

export interface Removal {
  /** What the clerk recognises: 王国民、李娜 / 东关社区后街12号（张三）. */
  what: string
  /** The confirmation's title: 删除党员. */
  title: string
  /** The recycle bin's name for the register: 党员, 房屋, 人才. */
  entity: string
  ids: number[]
  remove: () => Promise<unknown>
  /** Reloads the list (after the delete, and after an undo). */
  changed: () => unknown
}

/** Asks, moves the records to the recycle bin, and offers 撤销 for eight seconds. */
export async function removeWithUndo(r: Removal): Promise<void> {
  try {
    await ElMessageBox.confirm(`将 ${r.what} 移入回收站？可在回收站恢复。`, r.title, {
      type: 'warning', confirmButtonText: '删除', cancelButtonText: '取消',
    })
  } catch {
    return
  }
  try {
    await r.remove()
    await r.changed()
  } catch (e) {
    showError(e)
    return
  }
  const undo = async () => {
    for (const id of r.ids) await api.recycleBin.restore(r.entity, id)
    note.close()
    ElMessage.success('已撤销删除')
    await r.changed()
  }
  const note = ElNotification({
    title: '已移入回收站',
    message: h('div', [r.what, h(ElButton, { link: true, type: 'primary', 'data-test': 'undo-delete', onClick: undo }, () => '撤销')]),
    type: 'success',
    duration: 8000,
  })
}

/**
 * Exports to .xlsx — our own layout named `stem`, or filled into a template the clerk picks —
 * and says how it went: "已导出 300 人到 …". `noun` counts the rows: 人, 处房屋, 名人才.
 */
export async function exportXlsx(
  intoTemplate: boolean,
  stem: string,
  noun: string,
  write: (target: string, template: string | null) => Promise<Exported>,
): Promise<void> {
  const template = intoTemplate ? await chooseTemplate() : null
  if (intoTemplate && !template) return
  const name = template ? template.replace(/^.*[\\/]/, '').replace(/\.xlsx$/i, '') + '（已填）' : stem
  const target = await chooseXlsxTarget(`${name}${today()}.xlsx`)
  if (!target) return
  const done = await write(target, template)
  const unknown = done.unknown_columns.length ? `；模板中“${done.unknown_columns.join('、')}”列没有对应字段，已留空` : ''
  const filled = done.filled_in.length ? `；表中已填写 ${done.filled_in.join('，')}` : ''
  const masked = done.masked ? '（身份证号、电话、住址已脱敏）' : ''
  ElMessage({ type: 'success', message: `已导出 ${done.rows} ${noun}到 ${done.path}${masked}${filled}${unknown}`, duration: 8000, showClose: true })
}
