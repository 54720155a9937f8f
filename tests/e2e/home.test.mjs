// The home screen in the real app window: the to-do list computed from the registers, the
// global search finding 王国民 from "wgm", his whole file (membership, points, talent, house),
// and to-do items opening the right records.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { By } from 'selenium-webdriver'
import { Key, launch } from './driver.mjs'

let s
before(async () => { s = await launch() })
after(async () => { await s?.quit() })

test('the demo office opens on the home page with what is due today', async () => {
  await s.click('[data-test=load-demo]')
  await s.find('[data-test=home] [data-test=todo-table]')
  const kinds = (await s.texts('[data-test=todo-table] .el-tag')).join()
  for (const kind of ['议事任务', '联系流动党员', '三会一课', '商品库存']) {
    assert.ok(kinds.includes(kind), `${kind} missing from ${kinds}`)
  }
  const counts = (await s.texts('[data-test=home-count]')).join(' ')
  assert.match(counts, /\d+\s*党员/)
  await s.screenshot('30-home')
})

test('the global search finds 王国民 by initials, and his file shows every register', async () => {
  await s.type('[data-test=global-search]', 'wgm')
  await (await s.find('input[data-test=global-search]')).sendKeys(Key.ENTER)
  await s.waitText('[data-test=search-results]', '党员')
  const results = await s.text('[data-test=search-results]')
  for (const group of ['志愿者', '人才库', '房屋']) assert.ok(results.includes(group), `${group} missing`)
  await s.click('[data-test=search-results] [data-test=search-hit]')
  await s.waitText('[data-test=person-file] h2', '王国民')
  await s.waitText('[data-test=person-membership]', '党支部')
  const balance = await s.text('[data-test=person-balance]')
  assert.ok(Number(balance) > 0, `balance ${balance}`)
  await s.waitText('[data-test=person-talent]', '电商')
  await s.waitText('[data-test=person-houses]', '东关社区前进路8号')
  assert.match(await s.text('[data-test=p-id-number]'), /^\d{4}\*{10}[\dX]{4}$/, 'the ID is masked')
  await s.screenshot('31-person-file')
  await s.click('[data-test=person-house]')
  await s.waitText('[data-test=house-detail] .el-drawer__title', '东关社区前进路8号')
  await s.click('[data-test=house-detail] .el-drawer__close-btn')
})

test('to-do items open their records', async () => {
  await s.click('[data-test=nav-home]')
  await s.find('[data-test=todo-table]')
  // A probationary member due for 转正 opens the member's detail.
  const items = await s.texts('[data-test=todo-table] [data-test=todo-item]')
  const due = items.find((t) => t.includes('预备期满'))
  assert.ok(due, `no 转正 item in ${items.join(' | ')}`)
  await s.clickText('[data-test=todo-table] [data-test=todo-item]', due)
  await s.waitText('[data-test=member-detail] .el-drawer__title', due.split(' ')[0])
  await s.click('[data-test=member-detail] .el-drawer__close-btn')
  // An overdue 议事 task opens its meeting.
  await s.click('[data-test=nav-home]')
  await s.clickText('[data-test=todo-table] [data-test=todo-item]', '更换3号楼至5号楼之间损坏的路灯')
  const title = await s.find('input[data-test=meeting-title]')
  await s.driver.wait(async () => (await title.getAttribute('value')).includes('说事议事会'), 10000)
  assert.ok(await s.driver.findElement(By.css('[data-test=meeting-save]')))
})
