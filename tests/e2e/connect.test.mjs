// 连接到共享的电脑: the window of a PC that keeps no data uses the office's host (`taizhang serve`)
// instead — a wrong certificate fingerprint is refused before anything is sent, the host asks for
// a login, and an edit made in the window is the host's. Disconnected, the window is back on its
// own (empty) database.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { launch, target } from './driver.mjs'
import { startHost } from './host.mjs'

let host
let s
before(async () => {
  host = await startHost([['李梅', '管理员', 'limei-2026']])
  s = await launch()
})
after(async () => {
  await s?.quit()
  await host?.stop()
})

async function connect(fingerprint) {
  await s.type('[data-test=connect-address]', `127.0.0.1:${host.port}`)
  await s.type('[data-test=connect-fingerprint]', fingerprint)
  await s.click('[data-test=connect-submit]')
}

test('a wrong fingerprint is refused; the right one connects, and the host asks who is there', async () => {
  await s.find('[data-test=connect-form]')
  await connect('00'.repeat(32))
  await s.waitText('[data-test=connect-error]', '不一致')
  await s.screenshot('connect-01-wrong-fingerprint')
  // Written as a clerk might copy it: lower case, no colons.
  await connect(host.fingerprint.replaceAll(':', '').toLowerCase())
  await s.waitText('[data-test=login] [data-test=connected-to]', `https://127.0.0.1:${host.port}/`)
  await s.logIn('李梅', 'limei-2026')
  await s.waitText('[data-test=session]', '李梅（管理员）')
  await s.waitText('[data-test=connected-to]', '数据在共享的电脑')
})

test('the window edits the host\'s records', async () => {
  await s.click('[data-test=nav-party-members]')
  await s.search('wgm')
  await s.waitRoster(['王国民'])
  await s.click('[data-test=members-table] [data-test=edit]')
  await s.find('[data-test=member-dialog] form[data-ready=true]')
  await s.type('[data-test=f-work-unit]', '交口县供销社')
  await s.click('[data-test=save]')
  await s.waitText('.el-message--success', '已保存 王国民')
  await s.screenshot('connect-02-connected-roster')
  const cli = process.env.TAIZHANG_CLI ?? join(target, 'debug', 'taizhang')
  const found = execFileSync(cli, ['--db', host.db, 'party-members', 'list', '--search', 'wgm', '--json'], { encoding: 'utf8' })
  assert.equal(JSON.parse(found)[0].work_unit, '交口县供销社')
})

test('disconnected, the window is back on its own database', async () => {
  await s.click('[data-test=lock]')
  await s.click('[data-test=login] [data-test=disconnect]')
  await s.find('[data-test=connect-form]')
  await s.find('[data-test=load-demo]')
})
