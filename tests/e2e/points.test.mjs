// The points supermarket in the real app window: record a service, the balance rises; redeem
// goods, the balance and the stock fall; a redemption beyond the balance is refused with the
// shortfall; the passbook is previewed and saved; a volunteer roster (an HTML table saved as
// .xls, as web systems export it) and a service-hour CSV are imported through the wizard.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { launch } from './driver.mjs'

let s
const out = mkdtempSync(join(tmpdir(), 'taizhang-passbook-'))
before(async () => { s = await launch() })
after(async () => { await s?.quit() })

const balance = async () => Number((await s.texts('[data-test=accounts] [data-test=balance]'))[0])

test('a service recorded raises the balance', async () => {
  await s.loadDemo()
  await s.click('[data-test=nav-points]')
  await s.type('[data-test=account-search]', 'JK0001')
  await s.driver.wait(async () => {
    const names = await s.texts('[data-test=accounts] [data-test=account-name]')
    return names.length === 1 && names[0] === '王国民'
  }, 10000, 'the search did not narrow the list to JK0001')
  const before = await balance()
  await s.click('[data-test=accounts] [data-test=serve]')
  await s.click('[data-test=s-rule]')
  await s.clickText('.el-select-dropdown__item', '志愿服务')
  await s.type('[data-test=s-activity]', '清扫楼道')
  await s.type('[data-test=s-hours]', '2.5')
  await s.screenshot('18-points-service')
  await s.click('[data-test=s-save]')
  await s.waitText('.el-message--success', '5 分已计入')
  await s.driver.wait(async () => (await balance()) === before + 5, 10000, 'the balance did not rise by 5')
})

test('a new household with no points is refused with the shortfall', async () => {
  await s.click('[data-test=account-new]')
  await s.clickText('[data-test=account-dialog] .el-radio-button', '家庭户')
  await s.type('[data-test=a-name]', '吴秀英')
  await s.click('[data-test=a-save]')
  await s.waitText('.el-message--success', '已开立积分账户：吴秀英')
  await s.type('[data-test=account-search]', 'wxy')
  await s.driver.wait(async () => (await s.texts('[data-test=accounts] [data-test=account-name]')).join() === '吴秀英', 10000, 'the new account was not found by pinyin initials')
  await s.click('[data-test=accounts] [data-test=redeem]')
  await s.type('[data-test=qty-3]', '1') // 洗洁精, 2 分
  await s.click('[data-test=redeem-total]')
  await s.click('[data-test=redeem-confirm]')
  await s.waitText('[data-test=redeem-error]', '积分不足：需要 2 分，吴秀英 的余额为 0 分，还差 2 分')
  await s.screenshot('19-points-refused')
  await s.click('[data-test=redeem-dialog] .el-dialog__headerbtn')
})

test('redeeming goods lowers the balance', async () => {
  await s.type('[data-test=account-search]', 'JK0001')
  await s.driver.wait(async () => (await s.texts('[data-test=accounts] [data-test=account-name]')).join() === '王国民', 10000, 'JK0001 not shown')
  const before = await balance()
  await s.click('[data-test=accounts] [data-test=redeem]')
  await s.type('[data-test=qty-3]', '1') // 洗洁精, 2 分
  await s.click('[data-test=redeem-total]')
  await s.click('[data-test=redeem-confirm]')
  await s.waitText('[data-test=receipt]', '已兑换，共 2 分')
  await s.screenshot('20-points-receipt')
  await s.click('[data-test=print-receipt]')
  await s.find('[data-test=print-preview] canvas[data-test=page-1]')
  await s.screenshot('20b-receipt-preview')
  await s.click('[data-test=print-preview] .el-dialog__headerbtn')
  await s.click('[data-test=redeem-dialog] .el-dialog__headerbtn')
  await s.driver.wait(async () => (await balance()) === before - 2, 10000, 'the balance did not fall by 2')
})

test('the passbook shows the ledger and is saved as a PDF', async () => {
  await s.click('[data-test=accounts] [data-test=account-name]')
  await s.waitText('[data-test=entries]', '兑换 洗洁精×1')
  await s.click('[data-test=print-passbook]')
  await s.find('[data-test=ledger] [data-test=print-preview] canvas[data-test=page-1]')
  await s.screenshot('21-passbook-preview')
  const file = join(out, '积分存折.pdf')
  await s.type('[data-test=print-target]', file)
  await s.click('[data-test=print-save]')
  await s.waitText('.el-message--success', '页：')
  assert.ok(existsSync(file))
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')
  for (const want of ['积分存折', '王国民', '清扫楼道', '兑换洗洁精×1']) assert.ok(text.includes(want), `${want} missing from the passbook`)
})

test('the overview charts the year and a claimed wish, fulfilled, pays its volunteer', async () => {
  await s.click('[data-test=print-preview] .el-dialog__headerbtn')
  await s.click('[data-test=ledger] .el-drawer__close-btn')
  await s.clickText('.el-tabs__item', '概览')
  await s.waitText('[data-test=points-dashboard]', '最活跃的志愿者')
  await s.find('[data-test=points-dashboard] svg rect')
  await s.screenshot('22-points-dashboard')
  await s.clickText('.el-tabs__item', '微心愿')
  await s.waitText('[data-test=wishes]', '帮忙更换卫生间灯泡')
  await s.clickText('[data-test=wishes] .el-button', '已实现')
  await s.waitText('.el-message--success', '王国民 +5 分')
  await s.waitText('[data-test=wishes]', '已实现')
  await s.screenshot('23-points-wishes')
})

/** An 18-character ID with its GB 11643 check character. */
function cid(body17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...body17].reduce((acc, d, i) => acc + Number(d) * w[i], 0)
  return body17 + '10X98765432'[sum % 11]
}

async function importFile(register, file) {
  await s.click('[data-test=nav-points]')
  await s.click('[data-test=points-import]')
  await s.recognise(`[data-test=import-${register}]`, file)
  await s.click('[data-test=next]')
  await s.click('[data-test=next]')
}

test('a volunteer roster and then their service hours are imported; hours as sheets write them', async () => {
  const roster = join(out, '志愿者名册.xls')
  writeFileSync(roster, `<html><head><meta charset="utf-8"></head><body><table>
    <tr><td colspan="5">东关社区志愿者花名册</td></tr>
    <tr><th>姓名</th><th>身份证号</th><th>联系电话</th><th>志愿者编号</th><th>服务队</th></tr>
    <tr><td>钱志远</td><td>${cid('14113019911111001')}</td><td>13912340001</td><td>JK9001</td><td>红马甲服务队</td></tr>
  </table></body></html>`)
  await importFile('volunteers', roster)
  await s.waitText('[data-test=diffs]', '钱志远')
  await s.click('[data-test=apply]')
  await s.finished('[data-test=import-result]')
  await s.waitText('[data-test=import-result]', '已导入 1 条')

  const today = new Date()
  const day = `${today.getFullYear()}/${today.getMonth() + 1}/${today.getDate()}`
  const hours = join(out, '服务时长.csv')
  writeFileSync(hours, '\ufeff序号,姓名,志愿者编号,服务日期,服务内容,服务时长,证明人\r\n'
    + `1,钱志远,JK9001,${day},清扫楼道,半天,马丽\r\n`
    + `2,孙不在,JK9999,${day},清扫楼道,2小时,马丽\r\n`)
  await importFile('service-records', hours)
  await s.waitText('[data-test=diffs]', '未找到志愿者 孙不在')
  await s.waitText('[data-test=diffs]', '清扫楼道 4小时')
  await s.screenshot('24-points-import-preview')
  await s.click('[data-test=apply]')
  await s.finished('[data-test=import-result]')
  await s.waitText('[data-test=import-result]', '已导入 1 条')
  await s.click('[data-test=import-result] .el-button--primary')
  await s.type('[data-test=account-search]', 'JK9001')
  await s.driver.wait(async () => (await s.texts('[data-test=accounts] [data-test=account-name]')).join() === '钱志远', 10000, 'the imported volunteer was not found')
  // 志愿服务 earns 2 per hour: half a day is 4 hours.
  await s.driver.wait(async () => (await balance()) === 8, 10000, 'half a day did not earn 8 points')
})
