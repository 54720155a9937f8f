// A new office, set up through the first-run form (not the demo), receives the roster the 组织部
// sends: two branches it has not entered, no 民族 and no 转正日期 column. The wizard lists the
// two branches, the clerk creates them, every row goes in flagged 待补录, and 组织架构 shows them.
// Then a sweep sheet in a community's own words goes through the value step.
import { after, before, test } from 'node:test'
import { copyFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { launch } from './driver.mjs'

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures')

let s
let file
let sweep
before(async () => {
  s = await launch()
  file = join(dirname(s.db), '党员信息统计表.xlsx')
  copyFileSync(join(fixtures, 'roster_first.xlsx'), file)
  sweep = join(dirname(s.db), '自建房排查台账.xlsx')
  copyFileSync(join(fixtures, 'sweep_free_text.xlsx'), sweep)
})
after(async () => { await s?.quit() })

test('the first-run form sets up an office with its own communities and grids', async () => {
  await s.setUp('城北街道', '北关社区：北关社区第一网格、北关社区第二网格', '北关社区党支部')
  await s.click('[data-test=nav-org]')
  await s.waitText('[data-test="org-tree-行政区划与网格"]', '北关社区第二网格')
  await s.waitText('[data-test="org-tree-党组织"]', '城北街道党工委')
})

test('the branches the roster names are offered for creation, and created', async () => {
  await s.click('[data-test=nav-party-members]')
  await s.recognise('[data-test=import]', file)
  await s.waitText('[data-test=import-wizard] .el-card', '表头在第 3 行，数据 5 行')
  await s.click('[data-test=next]')
  await s.waitText('[data-test=unknown-orgs]', '城北街道机关党支部')
  await s.waitText('[data-test=unknown-orgs]', '丽景街社区党支部')
  await s.waitText('[data-test=error-rows]', '有错误 5')
  await s.screenshot('42-import-unknown-branches')
  await s.click('[data-test=orgs-confirm]')
  // Checked again with the two branches to be created: no row is an error any more.
  await s.waitText('[data-test=error-rows]', '有错误 0')
  await s.waitText('[data-test=unknown-orgs]', '新增')
  await s.click('[data-test=next]')
  await s.waitText('[data-test=diffs] [data-test=lacking]', '民族')
  await s.screenshot('43-import-incomplete')
  await s.click('[data-test=apply]')
  // An import's completion is its result panel, however long the machine takes.
  await s.finished('[data-test=import-result]')
  await s.waitText('[data-test=import-result]', '已导入 5 条')
})

test('the new branches are in the tree and the members wait as 待补录', async () => {
  await s.click('[data-test=nav-org]')
  await s.waitText('[data-test="org-tree-党组织"]', '城北街道机关党支部')
  await s.waitText('[data-test="org-tree-党组织"]', '丽景街社区党支部')
  await s.screenshot('44-org-tree')
  await s.click('[data-test=nav-party-members]')
  await s.waitText('[data-test=filter-incomplete]', '待补录 5 人')
  await s.click('[data-test=filter-incomplete]')
  await s.waitRoster(['陈志强', '冯丽娟', '吴秀兰', '郑小龙', '周建国'])
})

test('a sweep sheet in its own words: published words read, the rest decided once', async () => {
  await s.click('[data-test=nav-houses]')
  await s.recognise('[data-test=h-import]', sweep)
  await s.waitText('[data-test=import-wizard] .el-card', '数据 6 行')
  await s.click('[data-test=next]')
  // Its 社区 is new to this office too: created like the branches.
  await s.waitText('[data-test=unknown-orgs]', '东关社区')
  await s.click('[data-test=orgs-confirm]')
  await s.waitText('[data-test=unknown-orgs]', '新增')
  await s.waitText('[data-test=unknown-values]', '停止使用并撤离人员')
  await s.waitText('[data-test=unknown-values]', '全国自建房安全专项整治工作方案')
  await s.waitText('[data-test=unknown-values]', '含有“土木”或其其他写法')
  // 茅草房 is like nothing the dictionary has: the clerk adds it as written.
  await s.click('[data-test="value-choice-茅草房"]')
  await s.clickText('.el-select-dropdown__item', '新增到结构类型字典：茅草房')
  await s.screenshot('45-import-value-step')
  // The suggestions stand in the dropdowns; the clerk confirms them.
  await s.click('[data-test=values-confirm]')
  await s.waitText('[data-test=unknown-values]', '本次选择')
  await s.waitText('[data-test=error-rows]', '有错误 0')
  await s.click('[data-test=next]')
  await s.click('[data-test=apply]')
  await s.finished('[data-test=import-result]')
  await s.waitText('[data-test=import-result]', '已导入 6 条')
  // The entry is the office's from now on: the 字典 page lists it.
  await s.click('[data-test=nav-dicts]')
  await s.waitText('[data-test=dict-values]', '茅草房')
  await s.screenshot('46-dictionary')
})
