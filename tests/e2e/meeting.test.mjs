// Meetings in the real app window: record a 支委会 whose attendance comes from the roster, mark an
// absence (a reason is required), save, preview the minutes (pdf.js draws the pages) and save
// the PDF; then the 三会一课 table and the 说事议事 tasks.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { launch } from './driver.mjs'

let s
const out = mkdtempSync(join(tmpdir(), 'taizhang-minutes-'))
before(async () => { s = await launch() })
after(async () => { await s?.quit() })

test('a 支委会 takes its attendance from the roster; an absence needs a reason', async () => {
  await s.loadDemo()
  await s.click('[data-test=nav-meetings]')
  await s.waitText('[data-test=meetings]', '说事议事会')
  await s.screenshot('11-meetings')
  await s.click('[data-test=meeting-new]')
  await s.type('[data-test=meeting-title]', '南山村党支部11月支委会')
  await s.click('[data-test=meeting-org]')
  await s.clickText('.el-select-dropdown__item', '南山村党支部')
  await s.waitText('.el-message--success', '已从花名册带出')
  await s.waitText('[data-test=quorum]', '实到')
  await s.type('[data-test=meeting-place]', '南山村村委会')
  await s.type('[data-test=meeting-host]', '王国民')
  await s.type('[data-test=meeting-recorder]', '单丽华')
  await s.click('[data-test=present-0]')
  await s.click('[data-test=topic-add]')
  await s.type('[data-test=topic-title-0]', '讨论发展党员工作')
  await s.type('[data-test=topic-discussion-0]', '支部委员逐一发表意见，一致认为该同志培养考察期满，表现良好。')
  await s.type('[data-test=topic-resolution-0]', '同意列为发展对象，报街道党工委预审。')
  await s.click('[data-test=meeting-save]')
  await s.waitText('.el-message--error', '缺席的原因')
  await s.type('[data-test=reason-0]', '外出务工')
  await s.click('[data-test=meeting-save]')
  await s.waitText('.el-message--success', '会议记录已保存')
  await s.screenshot('12-meeting-form')
})

test('the minutes are previewed page by page and saved as a PDF in the official layout', async () => {
  await s.click('[data-test=print-minutes]')
  await s.find('[data-test=print-preview] canvas[data-test=page-1]')
  await s.waitText('[data-test=print-pages]', '共')
  await s.screenshot('13-minutes-preview')
  const file = join(out, '支委会会议记录.pdf')
  await s.type('[data-test=print-target]', file)
  await s.click('[data-test=print-save]')
  await s.waitText('.el-message--success', '页：')
  assert.ok(existsSync(file), `${file} was not written`)
  // Lines wrap anywhere: compare without the line breaks.
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')
  for (const want of ['南山村党支部11月支委会', '南山村村委会', '外出务工', '一、讨论发展党员工作', '主持人（签字）']) {
    assert.ok(text.includes(want), `${want} missing from the saved minutes`)
  }
  await s.click('[data-test=print-preview] .el-dialog__headerbtn')
})

test('the compliance table shows gaps; an overdue 说事议事 task is closed and leaves the open list', async () => {
  await s.click('[data-test=nav-meetings]')
  await s.click('[data-test=nav-compliance]')
  await s.waitText('[data-test=compliance-按月]', '东关社区第一党支部')
  await s.waitText('[data-test=compliance-按月]', '缺')
  await s.screenshot('14-compliance')
  await s.click('[data-test=nav-meetings]')
  await s.click('[data-test=nav-tasks]')
  await s.waitText('[data-test=tasks]', '逾期')
  await s.screenshot('15-tasks')
  await s.waitText('[data-test=tasks]', '更换3号楼至5号楼之间损坏的路灯')
  await s.click('[data-test=status-0]')
  await s.clickText('.el-select-dropdown__item', '已办结')
  await s.click('[data-test=save-0]')
  await s.waitText('.el-message--success', '已更新为已办结')
  await s.driver.wait(async () => !(await s.texts('[data-test=tasks] tbody')).join('').includes('更换3号楼'), 10000,
    'a closed task left the open list')
})

test('the roster of the current search and a member sheet print from the roster', async () => {
  await s.click('[data-test=nav-party-members]')
  await s.search('wgm')
  await s.waitRoster(['王国民'])
  await s.click('[data-test=print-roster]')
  await s.find('[data-test=print-preview] canvas[data-test=page-1]')
  await s.waitText('[data-test=print-pages]', '共 1 页')
  await s.screenshot('16-roster-preview')
  await s.click('[data-test=print-preview] .el-dialog__headerbtn')
  await s.click('[data-test=members-table] [data-test=member-name]')
  await s.click('[data-test=detail-print]')
  await s.find('[data-test=member-detail] [data-test=print-preview] canvas[data-test=page-1]')
  await s.waitText('[data-test=member-detail] [data-test=print-pages]', '共 1 页')
  await s.screenshot('17-member-sheet-preview')
})
