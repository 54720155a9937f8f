// 数据库加密 in the real app window: a 管理员 sets a database password, the file on disk no longer
// reads as SQLite, the next start asks for the password (a wrong one is refused), and the
// encryption can be taken off again.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { launch } from './driver.mjs'

let s
before(async () => {
  s = await launch()
  await s.loadDemo()
})
after(async () => { await s?.quit() })

const plain = () => readFileSync(s.db).subarray(0, 16).toString('latin1') === 'SQLite format 3\0'

test('a database password encrypts the file', async () => {
  assert.ok(plain(), 'a new database is a plain SQLite file')
  await s.click('[data-test=nav-backups]')
  await s.find('[data-test=db-plain]')
  await s.click('[data-test=db-set-password]')
  await s.type('[data-test=db-password-1]', 'jiaokou2026')
  await s.type('[data-test=db-password-2]', 'jiaokou2026')
  await s.screenshot('42-database-password')
  await s.click('[data-test=db-password-save]')
  await s.waitText('.el-message--success', '数据库已加密')
  await s.find('[data-test=db-encrypted]')
  assert.ok(!plain(), 'the file on disk is encrypted')
})

test('the next start asks for the password; a wrong one is refused', async () => {
  await s.quit({ keep: true })
  s = await launch(s.db)
  await s.find('[data-test=unlock]')
  await s.screenshot('43-unlock')
  await s.type('[data-test=unlock-password]', 'wrong-password')
  await s.click('[data-test=unlock-submit]')
  await s.waitText('[data-test=unlock-error]', '数据库密码不对')
  await s.type('[data-test=unlock-password]', 'jiaokou2026')
  await s.click('[data-test=unlock-submit]')
  await s.click('[data-test=nav-party-members]')
  await s.search('wgm')
  await s.waitRoster(['王国民'])
})

test('taking the encryption off needs the current password', async () => {
  await s.click('[data-test=nav-backups]')
  await s.click('[data-test=db-off]')
  await s.type('[data-test=db-current]', 'not-it-at-all')
  await s.click('[data-test=db-password-save]')
  await s.waitText('.el-form-item__error', '当前数据库密码不对')
  await s.type('[data-test=db-current]', 'jiaokou2026')
  await s.click('[data-test=db-password-save]')
  await s.find('[data-test=db-plain]')
  assert.ok(plain(), 'plain again')
})
