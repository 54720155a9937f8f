// Users, roles and the access log in the real app window: a full ID shown only with a reason,
// the reason in 访问记录; the first user (a 管理员) makes the window ask who is there; a wrong
// password refused; a 查看 user reads but cannot save; the lock button, and the 管理员 back.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { launch } from './driver.mjs'

let s
before(async () => {
  s = await launch()
  await s.loadDemo()
})
after(async () => { await s?.quit() })

test('a full ID is shown only with a reason, and the access log says who and why', async () => {
  await s.search('wgm')
  await s.waitRoster(['王国民'])
  await s.click('[data-test=members-table] [data-test=member-name]')
  await s.click('[data-test=reveal-id]')
  await s.click('.reveal-reason .el-button--primary')
  await s.waitText('.reveal-reason', '请填写查看原因')
  await s.type('.reveal-reason', '上级核对党员信息')
  await s.click('.reveal-reason .el-button--primary')
  await s.waitText('[data-test=d-id-number]', '141130195603020077')
  // The home address: community and building shown, unit and room only with a reason.
  assert.match(await s.text('[data-test=d-address]'), /号楼\*+$/)
  await s.click('[data-test=reveal-address]')
  await s.type('.reveal-reason', '上门走访')
  await s.click('.reveal-reason .el-button--primary')
  await s.driver.wait(async () => /室$/.test(await s.text('[data-test=d-address]')), 10000, 'the full address')
  await s.click('[data-test=member-detail] .el-drawer__close-btn')
  await s.click('[data-test=nav-audit-log]')
  await s.click('[data-test=access-only]')
  await s.waitText('[data-test=audit-table]', '原因：上级核对党员信息')
  await s.waitText('[data-test=audit-table]', '完整家庭住址（原因：上门走访）')
  const rows = await s.texts('[data-test=audit-table] .el-table__body tr')
  assert.ok(rows.every((r) => r.includes('查看完整信息')), rows.join(' | '))
  await s.screenshot('39-access-log')
})

test('the first user makes the window ask who is there; a viewer cannot save', async () => {
  await s.click('[data-test=nav-users]')
  await s.click('[data-test=user-add]')
  await s.type('[data-test=u-name]', '张主任')
  await s.type('[data-test=u-password]', 'zhang2026')
  await s.type('[data-test=u-again]', 'zhang2026')
  await s.click('[data-test=u-save]')
  await s.find('[data-test=login]')
  await s.logIn('张主任', 'wrong-password')
  await s.waitText('[data-test=login-error]', '用户名或密码不对')
  await s.screenshot('40-login')
  await s.logIn('张主任', 'zhang2026')
  await s.waitText('[data-test=session]', '张主任（管理员）')

  await s.click('[data-test=nav-users]')
  await s.click('[data-test=user-add]')
  await s.type('[data-test=u-name]', '王查看')
  await s.clickText('.el-radio-button', '查看')
  await s.type('[data-test=u-password]', 'wang2026')
  await s.type('[data-test=u-again]', 'wang2026')
  await s.click('[data-test=u-save]')
  await s.waitText('[data-test=users-table]', '王查看')

  await s.click('[data-test=lock]')
  await s.logIn('王查看', 'wang2026')
  await s.waitText('[data-test=session]', '王查看（查看）')
  await s.click('[data-test=nav-party-members]')
  await s.click('[data-test=members-table] [data-test=edit]')
  await s.find('[data-test=member-dialog] form[data-ready=true]')
  await s.type('[data-test=f-work-unit]', '不该保存')
  await s.click('[data-test=save]')
  await s.waitText('.el-message--error', '只能查看')
  await s.click('[data-test=member-dialog] .el-dialog__headerbtn')

  // After the viewer, the 管理员 logs in (and writes) again.
  await s.click('[data-test=lock]')
  await s.logIn('张主任', 'zhang2026')
  await s.waitText('[data-test=session]', '张主任（管理员）')
  await s.click('[data-test=nav-party-members]')
  await s.click('[data-test=members-table] [data-test=edit]')
  await s.find('[data-test=member-dialog] form[data-ready=true]')
  await s.type('[data-test=f-work-unit]', '交口县供销社')
  await s.click('[data-test=save]')
  await s.waitText('.el-message--success', '已保存')
})
