// 备份与恢复 in the real app window: a backup taken now, a talent deleted afterwards, the
// restore preview showing the backup's counts beside the current ones, the restore bringing
// the talent back (the state before it kept as a backup), and backups encrypted with a password.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { launch } from './driver.mjs'

let s
before(async () => {
  s = await launch()
  await s.loadDemo()
})
after(async () => { await s?.quit() })

const reasons = () => s.texts('[data-test=backup-list] .el-table__body tr td:nth-child(2)')

test('a backup taken now is listed', async () => {
  await s.click('[data-test=nav-backups]')
  await s.find('[data-test=backup-folder]')
  assert.match(await s.text('[data-test=backup-folder]'), /备份$/)
  await s.click('[data-test=backup-now]')
  await s.waitText('.el-message--success', '已备份到')
  await s.waitText('[data-test=backup-list]', '手动备份')
})

test('a restore shows what the backup holds, then brings back what was deleted since', async () => {
  await s.click('[data-test=nav-talents]')
  await s.find('[data-test=talents-table] [data-test=talent-name]')
  await s.click('[data-test=talents-table] [data-test=t-delete]')
  await s.clickText('.el-message-box__btns button', '删除')
  await s.driver.wait(async () => (await s.texts('[data-test=talents-table] [data-test=talent-name]')).length === 9, 10000)

  await s.click('[data-test=nav-backups]')
  await s.click('[data-test=backup-list] [data-test=backup-restore]')
  await s.waitText('[data-test=restore-compare]', '人才')
  const rows = await s.texts('[data-test=restore-compare] .el-table__body tr')
  const talents = rows.find((r) => r.startsWith('人才'))
  assert.equal(talents.replace(/\s+/g, ''), '人才109', `backup 10, now 9: ${talents}`)
  await s.waitText('[data-test=restore-checksum]', '与备份时记下的校验值一致')
  await s.screenshot('36-restore-preview')
  await s.click('[data-test=restore-confirm]')
  await s.waitText('.el-message--success', '已从备份恢复')
  await s.driver.wait(async () => (await reasons()).includes('恢复前'), 10000, 'no 恢复前 backup listed')
  await s.screenshot('37-backups')

  await s.click('[data-test=nav-talents]')
  await s.driver.wait(async () => (await s.texts('[data-test=talents-table] [data-test=talent-name]')).length === 10, 10000,
    'the deleted talent did not come back')
})

test('with a password set, backups are encrypted', async () => {
  await s.click('[data-test=nav-backups]')
  await s.click('[data-test=backup-set-password]')
  await s.type('[data-test=backup-password-1]', '交口街道2026')
  await s.type('[data-test=backup-password-2]', '交口街道2026')
  await s.click('[data-test=backup-password-save]')
  await s.find('[data-test=backup-encrypted]')
  await s.click('[data-test=backup-now]')
  await s.waitText('.el-message--success', '.db.age')
  await s.waitText('[data-test=backup-list] .el-table__body', '已加密')
})
