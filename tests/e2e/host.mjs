// 共享模式 end to end: a host started with `taizhang serve` on a fresh demo office, and Debian's
// chromium, driven by chromedriver, as each clerk's browser.
import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import tls from 'node:tls'
import { Builder } from 'selenium-webdriver'
import chrome from 'selenium-webdriver/chrome.js'
import { Session, freePort, target } from './driver.mjs'

const cli = process.env.TAIZHANG_CLI ?? join(target, 'debug', 'taizhang')

function taizhang(db, args, env = {}) {
  const run = spawnSync(cli, ['--db', db, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`taizhang ${args.join(' ')}: ${run.error ?? run.stderr}`)
  return run.stdout
}

/** A host on 127.0.0.1 serving a new demo office with `users` ([name, role, password, and the
 * 社区 they keep, if any]); it answers once it has printed where it listens and its
 * certificate's fingerprint. */
export async function startHost(users) {
  const folder = mkdtempSync(join(tmpdir(), 'taizhang-host-'))
  const db = join(folder, 'taizhang.db')
  taizhang(db, ['init', '--demo'])
  for (const [name, role, password, unit] of users) {
    const scope = unit ? ['--unit', unit] : []
    taizhang(db, ['users', 'add', name, '--role', role, ...scope], { TAIZHANG_USER_PASSWORD: password })
  }
  const port = await freePort()
  const child = spawn(cli, ['--db', db, 'serve', '--listen', `127.0.0.1:${port}`], { stdio: ['ignore', 'pipe', 'inherit'] })
  const printed = await new Promise((ok, fail) => {
    let text = ''
    child.stdout.on('data', (d) => {
      text += d
      if (text.includes('按 Ctrl+C 停止共享')) ok(text)
    })
    child.on('exit', (code) => fail(new Error(`the host stopped (${code}): ${text}`)))
  })
  const fingerprint = /证书指纹（SHA-256）：([0-9A-F:]+)/.exec(printed)?.[1]
  return {
    url: `https://127.0.0.1:${port}/`, port, fingerprint, folder, db,
    /** Stops the host as Ctrl+C does, and removes its folder. */
    async stop() {
      const exited = new Promise((ok) => child.on('exit', ok))
      child.kill('SIGINT')
      await exited
      rmSync(folder, { recursive: true, force: true })
    },
  }
}

/** The certificate's SHA-256 fingerprint a client is shown, as browsers write it. */
export function shownFingerprint(port) {
  return new Promise((ok, fail) => {
    const socket = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
      ok(socket.getPeerCertificate().fingerprint256)
      socket.end()
    })
    socket.on('error', fail)
  })
}

/** A new chromium at the host's address, saving downloads into its own folder. The clerk has
 * compared the fingerprint once, so the self-made certificate is accepted. */
export async function openBrowser(host, who) {
  const downloads = join(host.folder, `downloads-${who}`)
  mkdirSync(downloads, { recursive: true })
  const options = new chrome.Options()
    .setChromeBinaryPath(process.env.CHROMIUM ?? '/usr/bin/chromium')
    .addArguments('--headless=new', '--no-sandbox', '--disable-dev-shm-usage', '--window-size=1366,860', '--lang=zh-CN')
    .setAcceptInsecureCerts(true)
    .setUserPreferences({ 'download.default_directory': downloads, 'download.prompt_for_download': false })
  const service = new chrome.ServiceBuilder(process.env.CHROMEDRIVER ?? '/usr/bin/chromedriver')
  const driver = await new Builder().forBrowser('chrome').setChromeOptions(options).setChromeService(service).build()
  // The file picker a click opens is answered by the test (WebDriver's file input) instead of
  // the dialog a clerk would use.
  await driver.sendDevToolsCommand('Page.setInterceptFileChooserDialog', { enabled: true })
  await driver.get(host.url)
  const session = new Session(driver, host.db, () => {})
  session.downloads = downloads
  return session
}
