import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import MeetingForm from './MeetingForm.vue'
import { memoryRouter, mockRust, mountWith, Rejection, unmountAll } from '../test-setup'
import type { Attendee, MeetingInput } from '../api/bindings'

const member = (name: string, id: number): Attendee =>
  ({ person_id: id, name, role: '', present: true, absence_reason: '' })

/** Rust's rule (`meeting::quorum`), as the `meetings.quorum` command answers it. */
const quorum = ({ attendees }: { attendees: Attendee[] }) => {
  const present = attendees.filter((a) => a.present).length
  return { expected: attendees.length, present, reached: present * 2 > attendees.length }
}

describe('会议记录表单', () => {
  afterEach(unmountAll)

  it('takes the branch members as attendees, warns without a quorum, and sends the whole meeting', async () => {
    const calls = mockRust({
      meetings_roster_attendees: [member('王国民', 1), member('李镕', 2), member('张喆', 3), member('赵堃', 4)],
      meetings_create: 7,
      meetings_quorum: quorum,
    })
    const router = memoryRouter()
    const w = mountWith(MeetingForm, { id: null }, [router])
    await flushPromises()
    await w.find('input[data-test=meeting-title]').setValue('11月支委会')
    // Choosing the branch (the select's model) brings its members in.
    ;(w.vm as unknown as { form: MeetingInput }).form.org_id = 5
    await flushPromises()
    expect(calls.find((c) => c.cmd === 'meetings_roster_attendees')?.args).toEqual({ branchId: 5 })
    expect(w.find('[data-test=quorum]').text()).toContain('应到 4 人，实到 4 人')
    expect(w.find('[data-test=quorum-warning]').exists()).toBe(false)

    // Two of four absent: not more than half came.
    for (const i of [0, 1]) await w.find(`[data-test=present-${i}] input`).setValue(false)
    await flushPromises()
    expect(w.find('[data-test=quorum-warning]').text()).toContain('未超过应到人数（4 人）的一半')
    await w.find('input[data-test=reason-0]').setValue('外出务工')
    await w.find('input[data-test=reason-1]').setValue('生病')
    await w.find('[data-test=meeting-save]').trigger('click')
    await flushPromises()
    const input = calls.find((c) => c.cmd === 'meetings_create')!.args.input as MeetingInput
    expect(input).toMatchObject({ kind: '支委会', title: '11月支委会', org_id: 5 })
    expect(input.attendees.map((a) => [a.name, a.present, a.absence_reason])).toEqual([
      ['王国民', false, '外出务工'], ['李镕', false, '生病'], ['张喆', true, ''], ['赵堃', true, ''],
    ])
    expect(router.currentRoute.value.path).toBe('/meetings/7')
  })

  it('keeps the form when Rust refuses it, with the reason shown', async () => {
    mockRust({
      meetings_quorum: quorum,
      meetings_create: new Rejection({
        code: 'validation', message: '请填写会议名称', fields: [{ field: 'title', message: '请填写会议名称' }],
      }),
    })
    const router = memoryRouter()
    const w = mountWith(MeetingForm, { id: null }, [router])
    await flushPromises()
    await w.find('[data-test=meeting-save]').trigger('click')
    await flushPromises()
    await new Promise((r) => setTimeout(r, 150)) // Element Plus shows form errors after 100 ms
    const title = w.find('input[data-test=meeting-title]').element.closest('.el-form-item')!
    expect(title.textContent).toContain('请填写会议名称')
    expect(router.currentRoute.value.path).toBe('/')
  })
})
