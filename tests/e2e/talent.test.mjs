// The talent pool in the real app window: found by skill and community, a talent registered
// with categories and free skill tags (and refused when registered twice), the 人才信息卡
// previewed, deleted and undone; then a person's merge review refusing two different people,
// and a contact with a member working away taking them off the to-do list.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { Key, launch } from './driver.mjs'

let s
before(async () => {
  s = await launch()
  await s.loadDemo()
})
after(async () => { await s?.quit() })

const names = () => s.texts('[data-test=talents-table] [data-test=talent-name]')

async function waitNames(expected) {
  let last = []
  await s.driver.wait(async () => {
    last = await names()
    return JSON.stringify([...last].sort()) === JSON.stringify([...expected].sort())
  }, 10000).catch(() => { throw new Error(`the pool shows ${last.join('、')}, expected ${expected.join('、')}`) })
}

/** An 18-digit ID with its GB 11643 check character. */
function withCheck(first17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * weights[i], 0)
  return first17 + '10X98765432'[sum % 11]
}

test('who can do 电商 in 南山村: found by skill, then by community', async () => {
  await s.click('[data-test=nav-talents]')
  await s.find('[data-test=talents-table] [data-test=talent-name]')
  assert.equal((await names()).length, 10)
  await s.type('[data-test=t-skill]', '电商')
  await (await s.find('[data-test=t-skill] input')).sendKeys(Key.ENTER)
  await waitNames(['王国民', '单丽华'])
  await s.click('[data-test=t-community]')
  await s.clickText('.el-select-dropdown__item', '南山村')
  await waitNames(['单丽华'])
  await s.screenshot('32-talents')
})

test('a talent is registered with categories and new skills, and refused the second time', async () => {
  // Filters start empty each time the page is opened.
  await s.click('[data-test=nav-home]')
  await s.click('[data-test=nav-talents]')
  await s.driver.wait(async () => (await names()).length === 10, 10000, 'the filters were not cleared')
  await s.click('[data-test=t-add]')
  await s.find('[data-test=talent-dialog]')
  const id = withCheck('14113019930415002')
  await s.type('[data-test=t-name]', '刘晓燕')
  await s.type('[data-test=t-id-number]', id)
  await s.type('[data-test=t-phone]', '13835861234')
  await s.click('[data-test=t-categories]')
  await s.clickText('.el-select-dropdown__item', '返乡创业人员')
  await s.click('input[data-test=t-name]') // a multiple select stays open: close it
  // A new tag: typed into the (focused) tag input, added with Enter.
  await s.click('[data-test=t-skills]')
  await s.driver.switchTo().activeElement().sendKeys('民宿经营', Key.ENTER)
  await s.waitText('[data-test=t-skills] .el-tag', '民宿经营')
  await s.screenshot('33-talent-form')
  await s.click('[data-test=t-save]')
  await s.waitText('.el-message--success', '已登记人才 刘晓燕')
  await s.waitText('[data-test=talents-table]', '民宿经营')
  const table = await s.text('[data-test=talents-table] .el-table__body')
  assert.ok(table.includes('刘晓燕') && !table.includes(id), 'the new talent is listed, the ID masked')

  await s.click('[data-test=t-add]')
  await s.type('[data-test=t-name]', '刘晓燕')
  await s.type('[data-test=t-id-number]', id)
  await s.click('[data-test=t-save]')
  await s.waitText('.el-message--error', '刘晓燕 已在人才库中')
  await s.click('[data-test=talent-dialog] .el-dialog__headerbtn')
})

test('the 人才信息卡 is previewed, and a deletion is undone', async () => {
  await s.type('[data-test=t-search]', 'lxy')
  await (await s.find('input[data-test=t-search]')).sendKeys(Key.ENTER)
  await waitNames(['刘晓燕'])
  await s.click('[data-test=talents-table] [data-test=t-card]')
  await s.find('[data-test=print-preview] canvas[data-test=page-1]')
  await s.waitText('[data-test=print-pages]', '共 1 页')
  await s.click('[data-test=print-preview] .el-dialog__headerbtn')
  await s.click('[data-test=talents-table] [data-test=t-delete]')
  await s.clickText('.el-message-box__btns button', '删除')
  await waitNames([])
  await s.clickText('.el-notification button', '撤销')
  await s.waitText('.el-message--success', '已撤销删除')
  await waitNames(['刘晓燕'])
})

test('merging two different people is refused at the review, with the reason', async () => {
  await s.click('[data-test=talents-table] [data-test=talent-name]')
  await s.waitText('[data-test=person-file] h2', '刘晓燕')
  await s.waitText('[data-test=person-talent]', '民宿经营')
  await s.click('[data-test=merge-person]')
  await s.type('[data-test=merge-search]', '王国民')
  await (await s.find('input[data-test=merge-search]')).sendKeys(Key.ENTER)
  await s.waitText('[data-test=merge-candidates]', '王国民')
  await s.click('[data-test=merge-candidates] [data-test=merge-review]')
  await s.waitText('[data-test=merge-refusal]', '公民身份号码不同')
  await s.waitText('[data-test=merge-compare]', '党支部')
  assert.equal(await (await s.find('[data-test=merge-confirm]')).getAttribute('disabled'), 'true')
  await s.screenshot('34-merge-review')
  await s.click('[data-test=merge-dialog] .el-dialog__headerbtn')
})

test('a contact with a member away takes them off the to-do list', async () => {
  await s.click('[data-test=nav-home]')
  await s.find('[data-test=todo-table]')
  const items = await s.texts('[data-test=todo-table] [data-test=todo-item]')
  const away = items.find((t) => /（(流动|失联)党员）/.test(t))
  assert.ok(away, `no contact item in ${items.join(' | ')}`)
  const name = away.replace('【逾期】', '').split('（')[0]
  await s.clickText('[data-test=todo-table] [data-test=todo-item]', away)
  await s.waitText('[data-test=member-detail] .el-drawer__title', name)
  const d = new Date()
  const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
  await s.type('[data-test=contact-date]', today)
  await s.click('input[data-test=contact-note]') // leave the date input so it commits
  await s.type('[data-test=contact-note]', '电话联系，在外务工，已线上参加组织生活')
  await s.click('[data-test=contact-add]')
  await s.waitText('.el-message--success', '已登记联系')
  await s.waitText('[data-test=contacts]', '已线上参加组织生活')
  await s.screenshot('35-member-contact')
  await s.click('[data-test=member-detail] .el-drawer__close-btn')
  await s.click('[data-test=nav-home]')
  await s.find('[data-test=todo-table]')
  const after = await s.texts('[data-test=todo-table] [data-test=todo-item]')
  assert.ok(!after.some((t) => t.includes(`${name}（`)), `${name} is still on the to-do list`)
})

/** What web systems export as ".xls": an HTML table under a title row. */
const HTML_SHEET = `<html><head><meta charset="utf-8"></head><body><table border="1">
<tr><td colspan="6">高家沟社区乡土人才信息表</td></tr>
<tr><td>姓名</td><td>身份证号码</td><td>手机号码</td><td>人才类型</td><td>特长</td><td>务工地</td></tr>
<tr><td>李建华</td><td>141130198806120039</td><td>13935812345</td><td>退伍军人、致富带头人</td><td>电商，直播带货</td><td>本村</td></tr>
<tr><td>钱多多</td><td>141130199001010013</td><td></td><td>宇航员</td><td></td><td></td></tr>
</table></body></html>`

test('a talent sheet a web system saved as .xls imports through the wizard, categories by synonym', async () => {
  const file = join(dirname(s.db), '乡土人才信息表.xls')
  writeFileSync(file, HTML_SHEET)
  await s.click('[data-test=nav-talents]')
  await s.recognise('[data-test=t-import]', file)
  await s.waitText('[data-test=import-wizard] .el-card', '数据 2 行')
  await s.click('[data-test=next]')
  await s.waitText('[data-test=issues]', '人才类别“宇航员”不在字典中')
  await s.click('[data-test=next]')
  await s.waitText('[data-test=diffs]', '李建华')
  await s.click('[data-test=apply]')
  await s.finished('[data-test=import-result]')
  await s.waitText('[data-test=import-result]', '已导入 1 条')
  await s.click('[data-test=nav-talents]')
  await s.type('[data-test=t-search]', 'ljh')
  await (await s.find('input[data-test=t-search]')).sendKeys(Key.ENTER)
  await waitNames(['李建华'])
  const row = await s.text('[data-test=talents-table] .el-table__body')
  for (const tag of ['退役军人', '致富能手', '电商', '直播带货']) assert.ok(row.includes(tag), `${tag} missing from ${row}`)
})
