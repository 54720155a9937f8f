import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import PartyMemberList from './PartyMemberList.vue'
import { mockRust, mountWith, unmountAll } from '../test-setup'
import type { PartyMemberRow } from '../api/bindings'

const wang: PartyMemberRow = {
  id: 7, name: '王国民', sex: '男', birth_date: '1956-03-02', age: 70, id_number: '1411**********0026',
  phone: '187****7703', nation: '汉族', education: '高中', branch: '东关社区第一党支部', grid: '第一网格',
  category: '正式党员', status: '正常', joined_on: '1980-07-01', work_unit: '',
}

describe('党员花名册', () => {
  afterEach(unmountAll)

  it('shows the page the Rust side returns, masked as it came', async () => {
    mockRust({ party_members_list: { items: [wang], total: 1, page: 1, page_size: 20 } })
    const w = mountWith(PartyMemberList)
    await flushPromises()
    const text = w.find('[data-test=members-table]').text()
    expect(text).toContain('王国民')
    expect(text).toContain('1411**********0026')
    expect(text).toContain('东关社区第一党支部')
  })

  it('sends the search text and starts again from page 1', async () => {
    const calls = mockRust({
      party_members_list: (args: { query: { search: string } }) => ({
        items: args.query.search === 'wgm' ? [wang] : [], total: 1, page: 1, page_size: 20,
      }),
    })
    const w = mountWith(PartyMemberList)
    await flushPromises()
    await w.find('input[data-test=search]').setValue('wgm')
    await w.find('[data-test=search-form]').trigger('submit')
    await flushPromises()
    const last = calls.filter((c) => c.cmd === 'party_members_list').at(-1)!
    expect(last.args.query).toMatchObject({ search: 'wgm', page: 1, page_size: 20 })
    expect(w.find('[data-test=members-table]').text()).toContain('王国民')
  })
})
