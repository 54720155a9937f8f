// Start-up benchmark of the real window (not a test: it prints a table and never fails on a
// stopwatch). Each run starts the app through tauri-driver on a copy of a database and reads,
// from the page itself, when WebKit began loading the page (the floor every webview window pays
// before any of our code runs), when it first painted, and when the home page's counts were on
// screen (the `home:data` mark HomeView sets); then, idle, what the app and WebKit's processes
// hold in memory (PSS from smaps_rollup).
//
//   node tests/e2e/startup.mjs [RUNS [BUILD…]]      (under xvfb-run)
//
// BUILD is a path to a taizhang-desktop; by default the release build and, as the alternative
// measured in the same run, the debug build.
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { launch, target } from './driver.mjs'

const runs = Number(process.argv[2] ?? 3)
// The window leaves GPU compositing off on Linux, but not under WebDriver (src-tauri/main.rs):
// set here, so the window measured draws as a clerk's does.
process.env.WEBKIT_DISABLE_COMPOSITING_MODE ??= '1'
const named = process.argv.slice(3).map((path) => [path, path])
const builds = (named.length ? named : [
  ['release', join(target, 'release', 'taizhang-desktop')],
  ['debug', join(target, 'debug', 'taizhang-desktop')],
]).filter(([, path]) => existsSync(path))
const cli = [join(target, 'release', 'taizhang'), join(target, 'debug', 'taizhang')].find(existsSync)
if (!cli) throw new Error('build the command line first: cargo build -p taizhang-cli')

// The databases started on: a new one (the set-up page) and the demo office (the home page).
const scratch = mkdtempSync(join(tmpdir(), 'taizhang-startup-'))
const demo = join(scratch, 'demo.db')
const made = spawnSync(cli, ['--db', demo, 'init', '--demo'], { encoding: 'utf8' })
if (made.status !== 0) throw new Error(`init --demo failed: ${made.stderr}`)
const cases = [['新数据库（设置页）', null], ['演示单位（首页）', demo]]

/** Seconds since boot, now: /proc/uptime, the clock a process's start time is counted on. */
const uptime = () => Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0])
const TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100

/** When process `pid` started, as milliseconds since the epoch (to 1/CLK_TCK). */
function startedAt(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const sinceBoot = Number(fields[19]) / TICKS
  return Date.now() - (uptime() - sinceBoot) * 1000
}

/** The process and every descendant of it. */
function family(pid) {
  const all = [pid]
  for (let i = 0; i < all.length; i++) {
    const children = spawnSync('pgrep', ['-P', String(all[i])], { encoding: 'utf8' }).stdout
    all.push(...children.split('\n').filter(Boolean).map(Number))
  }
  return all
}

/** PSS in MB per process name, summed. */
function memory(pids) {
  const by = {}
  for (const pid of pids) {
    try {
      const name = readFileSync(`/proc/${pid}/comm`, 'utf8').trim()
      const pss = Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0)
      by[name] = (by[name] ?? 0) + pss / 1024
    } catch {
      // gone in between
    }
  }
  return by
}

async function once(app, db) {
  const folder = mkdtempSync(join(scratch, 'run-'))
  const path = join(folder, 'taizhang.db')
  if (db) copyFileSync(db, path)
  const session = await launch(path, app)
  try {
    const pid = Number(spawnSync('pgrep', ['-f', '--', `--db ${path}`], { encoding: 'utf8' }).stdout.split('\n')[0])
    const start = startedAt(pid)
    // The page's own clock: when it began, first painted and (home) had its counts on screen.
    const marks = await session.driver.executeAsyncScript(function (home, done) {
      const read = () => {
        const paint = performance.getEntriesByType('paint').find((p) => p.name === 'first-contentful-paint')
        const data = performance.getEntriesByName('home:data')[0]
        const setup = document.querySelector('[data-test=office-name]')
        if (paint && (home ? data : setup)) {
          done({ origin: performance.timeOrigin, paint: paint.startTime, data: data ? data.startTime : null })
        } else setTimeout(read, 20)
      }
      read()
    }, Boolean(db))
    await new Promise((ok) => setTimeout(ok, 5000))
    const mem = memory(family(pid))
    return {
      page: (marks.origin - start) / 1000,
      paint: (marks.origin + marks.paint - start) / 1000,
      data: marks.data === null ? null : (marks.origin + marks.data - start) / 1000,
      mem,
    }
  } finally {
    await session.quit()
  }
}

const rows = []
const s = (x) => (x === null ? '—' : `${x.toFixed(2)} s`)
for (const [build, app] of builds) {
  for (const [what, db] of cases) {
    for (let run = 1; run <= runs; run++) {
      const r = await once(app, db)
      const pss = Object.values(r.mem).reduce((a, b) => a + b, 0)
      const parts = Object.entries(r.mem).map(([n, mb]) => `${n} ${mb.toFixed(0)}`).join(', ')
      rows.push(`| ${build} | ${what} | ${run} | ${s(r.page)} | ${s(r.paint)} | ${s(r.data)} | ${pss.toFixed(0)} MB (${parts}) |`)
      console.error(rows.at(-1))
    }
  }
}
console.log('| build | database | run | page begins | first paint | counts on screen | idle PSS |')
console.log('|---|---|---:|---:|---:|---:|---|')
for (const r of rows) console.log(r)
rmSync(scratch, { recursive: true, force: true })
