// 共享给本单位其他电脑 from the window: a 管理员 turns the switch on, the window shows the address
// and the certificate's fingerprint, and a colleague's chromium uses the window's own database —
// an edit made in the browser shows in the window's roster without a refresh. Off again, the
// address answers no more.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { dirname } from 'node:path'
import { LONG, freePort, launch } from './driver.mjs'
import { openBrowser, shownFingerprint } from './host.mjs'

let s
let browser
let port
before(async () => {
  port = await freePort()
  process.env.TAIZHANG_SHARE_LISTEN = `127.0.0.1:${port}`
  s = await launch()
  await s.loadDemo()
})
after(async () => {
  await browser?.quit()
  await s?.quit()
})

/** Adds a user: the first is a 管理员, those after it 录入员 (the form's defaults). */
async function addUser(name, password) {
  await s.click('[data-test=user-add]')
  await s.type('[data-test=u-name]', name)
  await s.type('[data-test=u-password]', password)
  await s.type('[data-test=u-again]', password)
  await s.click('[data-test=u-save]')
}

test('a 管理员 shares the window\'s database; the address and the fingerprint are shown', async () => {
  await s.click('[data-test=nav-users]')
  // Nobody could log in from another PC yet: the switch says so.
  await s.click('[data-test=share-switch]')
  await s.waitText('.el-message--error', '添加用户')
  await addUser('张主任', 'zhang2026')
  await s.logIn('张主任', 'zhang2026')
  await s.waitText('[data-test=session]', '张主任（管理员）')
  await s.click('[data-test=nav-users]')
  await addUser('王芳', 'wangfang-2026')
  await s.waitText('[data-test=users-table]', '录入员')
  await s.click('[data-test=share-switch]')
  await s.waitText('[data-test=share-address]', `https://127.0.0.1:${port}/`)
  const fingerprint = await s.text('[data-test=share-fingerprint]')
  assert.equal(await shownFingerprint(port), fingerprint)
  await s.screenshot('share-01-switch-on')
})

test('a colleague\'s browser works on the window\'s database, and the window follows its edit', async () => {
  browser = await openBrowser({ url: `https://127.0.0.1:${port}/`, folder: dirname(s.db), db: s.db }, 'wang')
  await browser.logIn('王芳', 'wangfang-2026')
  await browser.find('[data-test=home] [data-test=todo]')
  await s.click('[data-test=nav-party-members]')
  await s.search('wgm')
  await s.waitRoster(['王国民'])
  await browser.click('[data-test=nav-party-members]')
  await browser.search('wgm')
  await browser.waitRoster(['王国民'])
  await browser.click('[data-test=members-table] [data-test=edit]')
  await browser.find('[data-test=member-dialog] form[data-ready=true]')
  await browser.type('[data-test=f-name]', '王国明')
  await browser.click('[data-test=save]')
  await browser.waitText('.el-message--success', '已保存 王国明')
  // Nobody refreshes the window: its roster asks what others changed.
  await s.search('wgm')
  await s.waitRoster(['王国明'], LONG)
  await s.screenshot('share-02-window-follows')
})

test('turned off, the address answers no more', async () => {
  await s.click('[data-test=nav-users]')
  await s.click('[data-test=share-switch]')
  await s.waitText('.el-message--success', '已关闭共享')
  await assert.rejects(shownFingerprint(port))
})
