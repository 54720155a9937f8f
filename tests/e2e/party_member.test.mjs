// The party-member register in the real app window: load the demo office, find a member by
// pinyin initials, add a member (refused first for a wrong check character), edit, delete,
// restore from the recycle bin.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { launch } from './driver.mjs'

let s
before(async () => { s = await launch() })
after(async () => { await s?.quit() })

test('first run offers the demo office, and its members are found by pinyin initials', async () => {
  await s.loadDemo()
  await s.screenshot('01-roster')
  await s.search('wgm')
  await s.waitRoster(['王国民'])
  const idCell = await s.texts('[data-test=members-table] td.col-id-number .cell')
  assert.match(idCell[0], /^\d{4}\*{10}[\dX]{4}$/, 'IDs are masked in the list')
})

test('a member with a wrong check character is refused, naming the expected one; then added', async () => {
  await s.click('[data-test=add]')
  await s.find('[data-test=member-dialog]')
  await s.type('[data-test=f-name]', '测试党员')
  await s.type('[data-test=f-id-number]', '141130200001011237')
  await s.type('[data-test=f-phone]', '13912345678')
  await s.type('[data-test=f-joined_on]', '2022-07-01')
  await s.type('[data-test=f-confirmed_on]', '2023-07-01')
  await s.click('input[data-test=f-name]') // leave the date input so it commits
  await s.click('[data-test=save]')
  await s.waitText('.el-form-item__error', '应为 0')
  await s.screenshot('02-wrong-check-character')
  await s.type('[data-test=f-id-number]', '141130200001011230')
  await s.click('[data-test=save]')
  await s.waitText('.el-message--success', '已新增党员 测试党员')
  await s.search('csdy')
  await s.waitRoster(['测试党员'])
})

test('an edit is saved and shown in the detail view', async () => {
  await s.click('[data-test=members-table] [data-test=edit]')
  await s.find('[data-test=member-dialog] form[data-ready=true]') // the member is loaded
  await s.type('[data-test=f-work-unit]', '交口县第一中学 教师')
  await s.click('[data-test=save]')
  await s.waitText('.el-message--success', '已保存 测试党员')
  await s.click('[data-test=members-table] [data-test=member-name]')
  await s.waitText('[data-test=member-detail]', '交口县第一中学 教师')
  await s.waitText('[data-test=timeline]', '转为正式党员')
  await s.click('[data-test=reveal-id]')
  await s.type('.reveal-reason', '核对身份')
  await s.click('.reveal-reason .el-button--primary')
  await s.waitText('[data-test=d-id-number]', '141130200001011230')
  await s.screenshot('03-detail')
  await s.click('[data-test=member-detail] .el-drawer__close-btn')
})

test('delete goes to the recycle bin, and restore brings the member back', async () => {
  await s.click('[data-test=members-table] [data-test=delete]')
  await s.click('.el-message-box__btns .el-button--primary')
  await s.waitRoster([])
  await s.click('[data-test=nav-recycle-bin]')
  await s.waitText('[data-test=recycle-table]', '测试党员')
  await s.screenshot('04-recycle-bin')
  await s.click('[data-test=recycle-table] [data-test=restore]')
  await s.waitText('.el-message--success', '已恢复')
  await s.click('[data-test=nav-party-members]')
  await s.search('csdy')
  await s.waitRoster(['测试党员'])
  await s.click('[data-test=nav-audit-log]')
  await s.waitText('[data-test=audit-table]', '恢复党员 测试党员')
  await s.screenshot('05-audit-log')
})
