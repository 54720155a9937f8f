import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import PartyMemberForm from './PartyMemberForm.vue'
import { mockRust, mountWith, Rejection, unmountAll } from '../test-setup'
import type { AppError } from '../api/bindings'

const wrongCheck: AppError = {
  code: 'validation',
  message: '公民身份号码校验位错误：最后一位是 7，按前17位计算应为 0',
  fields: [{ field: 'id_number', message: '公民身份号码校验位错误：最后一位是 7，按前17位计算应为 0' }],
}

describe('党员表单', () => {
  afterEach(unmountAll)

  it('defaults to the branch being viewed and sends the whole form', async () => {
    const calls = mockRust({ party_members_create: 42 })
    const w = mountWith(PartyMemberForm, { id: null, defaultBranch: 5 })
    await flushPromises()
    await w.find('input[data-test=f-name]').setValue('李四')
    await w.find('input[data-test=f-id-number]').setValue('141130200001011230')
    await w.find('[data-test=save]').trigger('click')
    await flushPromises()
    const create = calls.find((c) => c.cmd === 'party_members_create')!
    expect(create.args.input).toMatchObject({
      name: '李四', id_number: '141130200001011230', branch_id: 5, nation: '汉族', category: '正式党员', status: '正常',
    })
    expect(w.emitted('saved')?.[0]).toEqual([42])
  })

  it('shows a rule broken in Rust under the field it concerns', async () => {
    mockRust({ party_members_create: new Rejection(wrongCheck) })
    const w = mountWith(PartyMemberForm, { id: null, defaultBranch: null })
    await flushPromises()
    await w.find('[data-test=save]').trigger('click')
    await flushPromises()
    await new Promise((r) => setTimeout(r, 150)) // Element Plus shows form errors after 100 ms
    const idItem = w.find('input[data-test=f-id-number]').element.closest('.el-form-item')!
    expect(idItem.textContent).toContain('应为 0')
    expect(w.emitted('saved')).toBeUndefined()
  })
})
