import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import ImportWizard from './ImportWizard.vue'
import ImportMapping from '../components/import/ImportMapping.vue'
import { mockRust, mountWith, Rejection, unmountAll } from '../test-setup'
import type { FieldChoice, ImportOutcome } from '../api/bindings'

const FIELDS: FieldChoice[] = [
  { key: 'name', label: '姓名', required: true },
  { key: 'id_number', label: '公民身份号码', required: true },
  { key: 'phone', label: '联系电话', required: false },
]

/** A preview of one sheet; `phoneMapped` says whether 通讯号码 is read as the phone. */
function outcome(phoneMapped: boolean): ImportOutcome {
  const phone = { column: 'C', header: '通讯号码' }
  return {
    format: 'xlsx', format_label: 'Excel 工作簿（.xlsx）', encoding: null,
    sheets: [{
      name: '第一支部', fingerprint: 'f', hidden: false, skipped: null, header_rows: [2], data_rows: 2,
      mapped: [
        { column: 'A', header: '姓名', field: 'name', label: '姓名' },
        { column: 'B', header: '身份证号', field: 'id_number', label: '公民身份号码' },
        ...(phoneMapped ? [{ ...phone, field: 'phone', label: '联系电话' }] : []),
      ],
      unmapped: phoneMapped ? [] : [phone],
    }],
    rows: { total: 2, ok: 1, warning: 0, error: 1 },
    issues: [{ sheet: '第一支部', row: 4, column: 'B', header: '身份证号', level: 'error', message: '公民身份号码校验位错误' }],
    new: 1, changed: 0, unchanged: 0, conflicts: 0, incomplete: 0, unknown_orgs: [], unknown_values: [],
    diffs: [
      { sheet: '第一支部', row: 3, kind: 'new', name: '张红梅', key: '141130********0028', place: '', changes: [], reason: '', lacking: [] },
      { sheet: '第一支部', row: 4, kind: 'error', name: '李四', key: '', place: '', changes: [], reason: '公民身份号码校验位错误', lacking: [] },
    ],
    listed_each: 500, diffs_left_out: 0, issues_left_out: 0,
    applied: 0, batch_id: null, content_hash: 'abc',
  }
}

describe('导入向导', () => {
  afterEach(unmountAll)

  it('sends the corrected mapping, shows the errors, and applies what the clerk chose with the previewed hash', async () => {
    const calls = mockRust({
      imports_fields: FIELDS,
      imports_preview: (args: { options: { mapping: Record<string, string> } }) => outcome(args.options.mapping['通讯号码'] === 'phone'),
      imports_apply: { ...outcome(true), applied: 1, batch_id: 7 },
    })
    const w = mountWith(ImportWizard, { register: 'party-members' })
    await flushPromises()
    await w.find('input[data-test=file-path]').setValue('/tmp/党员.xlsx')
    await w.find('[data-test=recognise]').trigger('click')
    await flushPromises()
    expect(w.text()).toContain('表头在第 2 行，数据 2 行')

    w.findComponent(ImportMapping).vm.$emit('map', '通讯号码', 'phone')
    await flushPromises()
    const previews = calls.filter((c) => c.cmd === 'imports_preview')
    expect(previews).toHaveLength(2)
    expect(previews[1].args).toMatchObject({ register: 'party-members', path: '/tmp/党员.xlsx', options: { mapping: { 通讯号码: 'phone' } } })

    await w.find('[data-test=next]').trigger('click')
    await flushPromises()
    expect(w.find('[data-test=issues]').text()).toContain('公民身份号码校验位错误')
    await w.find('[data-test=next]').trigger('click')
    await flushPromises()
    expect(w.find('[data-test=diffs]').text()).toContain('张红梅')
    await w.find('[data-test=apply]').trigger('click')
    await flushPromises()

    const apply = calls.find((c) => c.cmd === 'imports_apply')!
    expect(apply.args).toMatchObject({ choice: { new: true, changed: true, conflicts: false }, expectedHash: 'abc', options: { mapping: { 通讯号码: 'phone' } } })
    expect(w.find('[data-test=import-result]').text()).toContain('已导入 1 条')
    expect(w.find('[data-test=undo-import]').exists()).toBe(true)
  })

  it('a file Rust cannot read keeps the clerk on the first step', async () => {
    mockRust({
      imports_fields: FIELDS,
      imports_preview: new Rejection({ code: 'bad_file', message: 'x.xlsx：文件已损坏或不完整', fields: [] }),
    })
    const w = mountWith(ImportWizard, { register: 'party-members' })
    await flushPromises()
    await w.find('input[data-test=file-path]').setValue('/tmp/x.xlsx')
    await w.find('[data-test=recognise]').trigger('click')
    await flushPromises()
    expect(w.find('[data-test=recognise]').exists()).toBe(true)
    expect(document.body.textContent).toContain('文件已损坏或不完整')
  })
})
