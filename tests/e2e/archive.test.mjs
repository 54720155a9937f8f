// 档案包 in the real app window: the demo office exported to a .zip (checked with unzip: the
// manifest, the roster .xlsx, the PDFs), then brought back in — checked against its manifest,
// previewed register by register, and merged.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { LONG, launch } from './driver.mjs'

let s
let zip
before(async () => {
  s = await launch()
  await s.loadDemo()
  zip = join(dirname(s.db), '交口街道档案.zip')
})
after(async () => { await s?.quit() })

test('the whole office is exported as one archive', async () => {
  await s.click('[data-test=nav-backups]')
  await s.type('[data-test=archive-path]', zip)
  await s.click('[data-test=archive-export]')
  // Writing the archive takes as long as the machine needs: wait for its own completion notice.
  await s.finished('[data-test=archive-exported]')
  await s.waitText('[data-test=archive-exported]', '已导出档案包')
  assert.ok(existsSync(zip))
  const listing = execFileSync('unzip', ['-l', zip]).toString()
  for (const part of ['manifest.json', 'database/taizhang.db', 'registers/党员花名册.xlsx', 'pdf/一人一档/王国民-0077.pdf', 'pdf/一户一档/']) {
    assert.ok(listing.includes(part), `${part} missing`)
  }
})

test('the archive is checked, previewed and merged', async () => {
  await s.type('[data-test=archive-path]', zip)
  await s.click('[data-test=archive-import]')
  await s.waitText('[data-test=archive-manifest]', '清单核对无误')
  await s.waitText('[data-test=archive-merged]', '党员花名册')
  await s.screenshot('38-archive-preview')
  await s.click('[data-test=archive-apply]')
  await s.waitText('.el-message--success', '已导入档案包', LONG)
  await s.waitText('[data-test=backup-list]', '档案导入前')
})
