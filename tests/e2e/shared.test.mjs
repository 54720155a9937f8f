// 共享模式 in real browsers: a host (`taizhang serve`) on a demo office and two clerks' chromium
// sessions. The page is the window's own, over HTTPS; files go up as uploads and come back as
// downloads, and the host refuses what a page elsewhere, or nobody logged in, asks.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { copyFileSync, existsSync, readdirSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { By, LONG, until } from './driver.mjs'
import { openBrowser, shownFingerprint, startHost } from './host.mjs'

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures')
// The second reader: openpyxl as Debian installs it (scripts/setup.sh --test), for the system's
// Python even where another python3 comes first on the PATH.
const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3'

let host
let li
let wang
let zhao
before(async () => {
  host = await startHost([
    ['李梅', '管理员', 'limei-2026'],
    ['王芳', '录入员', 'wangfang-2026'],
    ['赵东关', '录入员', 'zhao-2026', '东关社区'],
  ])
  li = await openBrowser(host, 'li')
})
after(async () => {
  await li?.quit()
  await wang?.quit()
  await zhao?.quit()
  await host?.stop()
})

/** Waits until a file whose name starts with `prefix` has been downloaded completely into the
 * session's folder; its path. */
async function downloaded(s, prefix) {
  let found
  await s.driver.wait(async () => {
    const names = readdirSync(s.downloads)
    found = names.find((f) => f.startsWith(prefix) && !f.endsWith('.crdownload'))
    return found && !names.some((f) => f.endsWith('.crdownload'))
  }, LONG, `${prefix}… was not downloaded`)
  return join(s.downloads, found)
}

test('the browser is shown the certificate whose fingerprint the host printed', async () => {
  assert.match(host.fingerprint, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/)
  assert.equal(await shownFingerprint(host.port), host.fingerprint)
})

test('a browser must log in, even before anyone is named on its PC; a wrong password is refused', async () => {
  await li.find('[data-test=login]')
  await li.logIn('李梅', 'wrong-password')
  await li.waitText('[data-test=login-error]', '密码')
  await li.screenshot('shared-01-login')
  await li.type('[data-test=login-password]', 'limei-2026')
  await li.click('[data-test=login-submit]')
  await li.find('[data-test=home] [data-test=todo]')
  await li.screenshot('shared-02-home')
})

test('the roster kept on the host is searched from the browser', async () => {
  await li.click('[data-test=nav-party-members]')
  await li.search('wgm')
  await li.waitRoster(['王国民'])
  await li.screenshot('shared-03-roster')
})

test('an export becomes a download that a second reader opens', async () => {
  await li.search('')
  await li.click('[data-test=export]')
  await li.waitText('.el-message--success', '党员花名册')
  const file = await downloaded(li, '党员花名册')
  const rows = execFileSync(python, ['-c', 'import openpyxl,sys; print(openpyxl.load_workbook(sys.argv[1]).active.max_row)', file], { encoding: 'utf8' })
  assert.ok(Number(rows) > 300, `the roster has ${rows} rows`)
})

test('a roster is uploaded through the import wizard, its error report downloaded, and imported', async () => {
  await li.click('[data-test=import]')
  await li.click('[data-test=browse]')
  // The browser's own file picker: the clerk picks the file on their PC.
  const picker = await li.driver.wait(until.elementLocated(By.css('[data-test=file-picker]')), 15000)
  await picker.sendKeys(join(fixtures, 'roster_wizard.xlsx'))
  await li.waitText('[data-test=file-chosen]', 'roster_wizard.xlsx')
  await li.click('[data-test=recognise]')
  await li.waitText('[data-test=import-wizard] .el-card', '表头在第 2 行，数据 4 行')
  await li.click('[data-test="map-通讯号码"]')
  await li.clickText('.el-select-dropdown__item', '联系电话')
  await li.click('[data-test=next]')
  await li.waitText('[data-test=issues]', '校验位错误')
  await li.click('[data-test=write-errors]')
  await li.waitText('[data-test=error-report]', 'roster_wizard-错误原因.xlsx')
  const report = await downloaded(li, 'roster_wizard-错误原因')
  const marked = execFileSync(python, ['-c', 'import openpyxl,sys; ws=openpyxl.load_workbook(sys.argv[1]).active; print(any("校验位" in str(c.value) for r in ws.iter_rows() for c in r))', report], { encoding: 'utf8' })
  assert.equal(marked.trim(), 'True', 'the report marks the wrong check character')
  await li.click('[data-test=next]')
  await li.waitText('[data-test=diffs]', '赵一鸣')
  await li.click('[data-test=apply]')
  await li.finished('[data-test=import-result]')
  await li.waitText('[data-test=import-result]', '已导入 3 条')
  await li.screenshot('shared-04-imported')
})

test('a second clerk logs in from another browser and sees what the first imported', async () => {
  wang = await openBrowser(host, 'wang')
  await wang.logIn('王芳', 'wangfang-2026')
  await wang.find('[data-test=home] [data-test=todo]')
  await wang.click('[data-test=nav-party-members]')
  await wang.search('zym')
  await wang.waitRoster(['赵一鸣'])
})

test('a roster is previewed for printing in the browser', async () => {
  await wang.search('wgm')
  await wang.waitRoster(['王国民'])
  await wang.click('[data-test=print-roster]')
  await wang.find('[data-test=print-preview] canvas[data-test=page-1]')
  await wang.waitText('[data-test=print-pages]', '共 1 页')
  await wang.screenshot('shared-05-print-preview')
})

test('two clerks edit one member: the later save is refused, naming who changed it; the list follows', async () => {
  await wang.click('[data-test=print-preview] .el-dialog__headerbtn')
  await wang.search('zym')
  await wang.waitRoster(['赵一鸣'])
  await wang.click('[data-test=members-table] [data-test=edit]')
  await wang.find('[data-test=member-dialog] form[data-ready=true]')
  await li.click('[data-test=nav-party-members]')
  await li.search('zym')
  await li.waitRoster(['赵一鸣'])
  await li.click('[data-test=members-table] [data-test=edit]')
  await li.find('[data-test=member-dialog] form[data-ready=true]')
  await li.type('[data-test=f-name]', '赵一明')
  await li.click('[data-test=save]')
  await li.waitText('.el-message--success', '已保存 赵一明')
  await wang.type('[data-test=f-work-unit]', '交口县供销社')
  await wang.click('[data-test=save]')
  await wang.waitText('.save-error', '此记录已被 李梅 于')
  await wang.screenshot('shared-06-conflict')
  await wang.click('[data-test=member-dialog] .el-dialog__headerbtn')
  // Nobody refreshes: the list asks what others changed and loads again by itself.
  await wang.waitRoster(['赵一明'], LONG)
})

test('a 东关社区 clerk sees the members of 东关社区 and none of 西关社区', async () => {
  zhao = await openBrowser(host, 'zhao')
  await zhao.logIn('赵东关', 'zhao-2026')
  await zhao.waitText('[data-test=session]', '东关社区')
  // The home page counts 东关社区's part. The points supermarket and the office's settings
  // are the 街道's: they are not in this clerk's menu; the recycle bin and the log are, with
  // the community's part.
  await zhao.waitText('[data-test=home-count]', '党员')
  const counts = (await zhao.texts('[data-test=home-count]')).join(' ')
  assert.ok(!counts.includes('志愿者'), counts)
  assert.deepEqual(await zhao.texts('[data-test=nav-points], [data-test=nav-org], [data-test=nav-users], [data-test=nav-backups]'), [])
  assert.deepEqual(await zhao.texts('[data-test=nav-recycle-bin], [data-test=nav-audit-log]'), ['回收站', '操作日志'])
  await zhao.screenshot('shared-07a-community-home')
  await zhao.click('[data-test=nav-party-members]')
  await zhao.waitText('[data-test=members-table] tbody', '东关社区')
  const roster = (await zhao.texts('[data-test=members-table] tbody')).join('')
  assert.ok(!roster.includes('西关社区'), 'a 西关社区 member on the 东关社区 roster')
  await zhao.screenshot('shared-07-community-roster')
  // 王国民 is a member of a 西关社区 branch: not found from 东关社区.
  await zhao.search('wgm')
  await zhao.waitRoster([])
  // Which branches are a community's is said in 组织架构: its party organisation serves it.
  await li.click('[data-test=nav-org]')
  await li.waitText('[data-test="org-node-东关社区党委"]', '服务 东关社区')
  await li.screenshot('shared-08-org-serves')
})

test('the host refuses a call without a session, a write from another page, and host-only work', async () => {
  const call = (name, headers = {}) => fetch(`${host.url}api/call/${name}`, {
    method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json', Origin: host.url.slice(0, -1), ...headers },
  })
  // Node's fetch checks certificates: the host's is self-made, as a clerk's browser sees it.
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'
  const anonymous = await (await call('party_members_list')).json()
  assert.equal(anonymous.error.code, 'forbidden')
  const elsewhere = await call('session_start', { Origin: 'https://evil.example' })
  assert.equal(elsewhere.status, 403)
  assert.match((await elsewhere.json()).error.message, /其他网页/)
  const cookie = (await call('session_start')).headers.get('set-cookie')
  assert.match(cookie, /HttpOnly/)
  assert.match(cookie, /SameSite=Strict/)
  assert.match(cookie, /Secure/)
})
