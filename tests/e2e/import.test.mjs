// The import wizard in the real app window: a roster with a title row, a footer, an unknown
// phone header and a wrong check character is recognised, its phone column mapped by hand, the
// error shown and written to a report, three members imported, and the import undone.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { copyFileSync, existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { launch } from './driver.mjs'

const fixture = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'roster_wizard.xlsx')

let s
let file
before(async () => {
  s = await launch()
  // A copy beside the test database: the error report is written next to the file.
  file = join(dirname(s.db), '西关社区党员名单.xlsx')
  copyFileSync(fixture, file)
})
after(async () => { await s?.quit() })

test('a messy roster is recognised, and a column no synonym knows is mapped by hand', async () => {
  await s.loadDemo()
  await s.recognise('[data-test=import]', file)
  await s.waitText('[data-test=import-wizard] .el-card', '表头在第 2 行，数据 4 行')
  await s.waitText('[data-test="map-通讯号码"]', '（不导入）')
  await s.click('[data-test="map-通讯号码"]')
  await s.clickText('.el-select-dropdown__item', '联系电话')
  await s.waitText('[data-test="map-通讯号码"]', '联系电话')
  await s.screenshot('06-import-recognised')
})

test('the wrong check character is shown at its row and written to an error report', async () => {
  await s.click('[data-test=next]')
  await s.waitText('[data-test=issues]', '校验位错误')
  await s.waitText('[data-test=issues]', '公民身份号码')
  await s.screenshot('07-import-checks')
  await s.click('[data-test=write-errors]')
  await s.waitText('[data-test=error-report]', '错误原因.xlsx')
  assert.ok(existsSync(join(dirname(file), '西关社区党员名单-错误原因.xlsx')), 'the report is beside the file')
})

test('the preview lists the new members; applying imports them with the hand-mapped phones', async () => {
  await s.click('[data-test=next]')
  await s.waitText('[data-test=diffs]', '赵一鸣')
  await s.waitText('[data-test=diffs]', '李四错')
  await s.screenshot('08-import-diff')
  await s.click('[data-test=apply]')
  await s.finished('[data-test=import-result]')
  await s.waitText('[data-test=import-result]', '已导入 3 条')
  await s.screenshot('09-import-result')
  await s.click('[data-test=nav-party-members]')
  await s.search('zym')
  await s.waitRoster(['赵一鸣'])
  await s.waitText('[data-test=members-table]', '138****0001')
})

test('the import is undone from the import history', async () => {
  await s.click('[data-test=nav-imports]')
  await s.waitText('[data-test=batches]', '西关社区党员名单.xlsx')
  await s.click('[data-test=batches] [data-test^=undo-]')
  await s.click('.el-message-box__btns .el-button--primary')
  await s.waitText('[data-test=batches]', '撤销')
  await s.screenshot('10-import-history')
  await s.click('[data-test=nav-party-members]')
  await s.search('zym')
  await s.waitRoster([])
})
