// Starts tauri-driver and the real app on a fresh database, and gives tests a few helpers.
import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import net from 'node:net'
import { Builder, By, Key, until } from 'selenium-webdriver'

export { By, Key, until }

const root = resolve(import.meta.dirname, '../..')
export const target = process.env.CARGO_TARGET_DIR ? resolve(process.env.CARGO_TARGET_DIR) : join(root, 'target')
const application = process.env.TAIZHANG_APP ?? join(target, 'debug', 'taizhang-desktop')
const shots = join(import.meta.dirname, 'screenshots')
const TIMEOUT = 15000
/** How long a long operation (an import applied, an archive written) may take before its own
 * completion signal: a safety net for a busy machine, never the thing a step waits for. */
export const LONG = 10 * 60 * 1000

function waitForPort(port, ms) {
  const end = Date.now() + ms
  return new Promise((ok, fail) => {
    const attempt = () => {
      const s = net.connect(port, '127.0.0.1', () => { s.end(); ok() })
      s.on('error', () => (Date.now() > end ? fail(new Error(`tauri-driver did not listen on ${port}`)) : setTimeout(attempt, 200)))
    }
    attempt()
  })
}

/** A port nobody listens on now, so parallel runs do not meet. */
export function freePort() {
  return new Promise((ok, fail) => {
    const server = net.createServer()
    server.on('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => ok(port))
    })
  })
}

/** WebKitWebDriver's errors for an element the page removed between finding it and describing
 * it: "stale … node handle", or (a CI run of meeting.test.mjs) "Could not parse element info". */
function removedWhileSearching(e) {
  return /stale/i.test(e.message ?? '') || /Could not parse element info/.test(e.message ?? '')
}

/** Launches the app on an empty database in a new folder, or again on `db` (a database an
 * earlier session kept); `app` is another build of it (the start-up benchmark's). */
export async function launch(db = join(mkdtempSync(join(tmpdir(), 'taizhang-e2e-')), 'taizhang.db'), app = application) {
  const port = await freePort()
  const nativePort = await freePort()
  const args = ['--port', String(port), '--native-port', String(nativePort)]
  const driverProcess = spawn(process.env.TAURI_DRIVER ?? 'tauri-driver', args, {
    env: { ...process.env, TAIZHANG_DB: db },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  await waitForPort(port, 20000)
  const driver = await new Builder()
    .withCapabilities({ browserName: 'wry', 'tauri:options': { application: app, args: ['--db', db] } })
    .usingServer(`http://127.0.0.1:${port}/`)
    .build()
  return new Session(driver, db, (keep) => {
    driverProcess.kill()
    // An app the driver failed to close would outlive the test run: its database path is
    // unique to this session.
    spawnSync('pkill', ['-f', `taizhang-desktop --db ${db}`])
    // The session's folder (database, backups, files the test wrote) goes with it.
    if (!keep) rmSync(dirname(db), { recursive: true, force: true })
  })
}

/** A driven window or browser, with the helpers the tests use. */
export class Session {
  /** `close(keep)` runs after the driver quits: what else the session started ends too. */
  constructor(driver, db, close) {
    this.driver = driver
    this.db = db
    this.close = close
  }

  /** Ends the session; its folder goes too unless `keep` (to launch again on it). */
  async quit({ keep = false } = {}) {
    try {
      await this.driver.quit()
    } finally {
      this.close(keep)
    }
  }

  /** The first visible element matching a CSS selector, waited for. */
  async find(css) {
    let el
    // Found, then re-rendered before it was seen visible: look again.
    await this.retrying(async () => {
      el = await this.driver.wait(until.elementLocated(By.css(css)), TIMEOUT, `no element ${css}`)
      await this.driver.wait(until.elementIsVisible(el), TIMEOUT, `${css} is not visible`)
    }, `${css} kept being re-rendered`)
    return el
  }

  /** Waits until no Vue transition is running (a drawer sliding in, a dialog fading out). */
  async settled() {
    const moving = By.css('[class*="-enter-active"], [class*="-leave-active"]')
    await this.driver.wait(async () => {
      try {
        return (await this.driver.findElements(moving)).length === 0
      } catch (e) {
        if (removedWhileSearching(e)) return false
        throw e
      }
    }, TIMEOUT, 'an animation did not finish')
  }

  /** Runs `action` again while the page is still settling: an element covered for a moment by
   * a toast, or re-rendered (stale) between finding and using it. */
  async retrying(action, what) {
    await this.driver.wait(async () => {
      try {
        await action()
        return true
      } catch (e) {
        const passing = e.name === 'ElementClickInterceptedError'
          || e.name === 'ElementNotInteractableError' // covered by a toast for a moment
          || e.name === 'StaleElementReferenceError'
          || removedWhileSearching(e)
          // WebKitWebDriver asks the page whether an input is a file upload before typing; an
          // input re-rendered during that question fails it with this generic error.
          || /Could not parse element file upload information/.test(e.message ?? '')
        if (passing) return false
        throw e
      }
    }, TIMEOUT, what)
  }

  /** First run: loads the demo office, which opens on the home page, then goes to the roster. */
  async loadDemo() {
    await this.click('[data-test=load-demo]')
    await this.find('[data-test=home] [data-test=todo]')
    await this.click('[data-test=nav-party-members]')
    await this.find('[data-test=members-table] [data-test=member-name]')
  }

  /** First run through the set-up form (not the demo): the office, its communities with their
   * grids ("东关社区：第一网格、第二网格", one a line) and its branches; opens on the home page. */
  async setUp(office, communities, branches) {
    await this.type('[data-test=office-name]', office)
    await this.type('[data-test=setup-communities]', communities)
    await this.type('[data-test=setup-branches]', branches)
    await this.click('[data-test=setup-start]')
    await this.find('[data-test=home]')
  }

  /** Opens the import wizard with the button `css` and has it recognise `file`. */
  async recognise(css, file) {
    await this.click(css)
    await this.type('[data-test=file-path]', file)
    await this.click('[data-test=recognise]')
  }

  /** Clicks `css` once the page is still. */
  async click(css) {
    await this.settled()
    await this.retrying(async () => (await this.find(css)).click(), `${css} stayed covered`)
  }

  /** Clicks the visible element matching `css` whose text includes `text` (a dropdown option),
   * waiting for it to appear. */
  async clickText(css, text) {
    await this.settled()
    await this.retrying(async () => {
      const el = await this.driver.wait(async () => {
        for (const e of await this.driver.findElements(By.css(css))) {
          if ((await e.isDisplayed()) && (await e.getAttribute('textContent')).includes(text)) return e
        }
        return null
      }, TIMEOUT, `no visible ${css} with text ${text}`)
      await el.click()
    }, `could not click ${css} “${text}”`)
  }

  /** Replaces the text of the input `css` (Element Plus puts attributes on the native input) or
   * of the input inside it. */
  async type(css, text) {
    await this.settled()
    await this.retrying(async () => {
      const input = await this.find(`input${css}, textarea${css}, ${css} input, ${css} textarea`)
      await input.sendKeys(Key.chord(Key.CONTROL, 'a'), Key.BACK_SPACE)
      await input.sendKeys(text)
    }, `could not type into ${css}`)
  }

  /** Waits for a long operation's own completion signal, the element `css` (an import's result
   * panel, an archive's notice), however long a busy machine takes; then what it says is checked
   * with `waitText` as usual, so a wrong result fails at once instead of after `LONG`. */
  async finished(css) {
    await this.driver.wait(until.elementLocated(By.css(css)), LONG, `${css} never appeared`)
  }

  /** Waits until `css` holds an element whose text includes `text` (at most `timeout` ms). */
  async waitText(css, text, timeout = TIMEOUT) {
    await this.driver.wait(async () => {
      try {
        for (const el of await this.driver.findElements(By.css(css))) {
          if ((await el.getAttribute('textContent')).includes(text)) return true
        }
      } catch (e) {
        if (e.name !== 'StaleElementReferenceError' && !/stale element/i.test(e.message ?? '')) throw e
      }
      return false
    }, timeout, `no ${css} with text ${text}`)
  }

  /** Logs in on the login screen (the window's or a browser's). */
  async logIn(name, password) {
    await this.type('[data-test=login-name]', name)
    await this.type('[data-test=login-password]', password)
    await this.click('[data-test=login-submit]')
  }

  /** The text of every `css`, read again if the page re-renders them while they are read. */
  async texts(css) {
    let out = []
    await this.retrying(async () => {
      const els = await this.driver.findElements(By.css(css))
      out = await Promise.all(els.map(async (e) => (await e.getAttribute('textContent')).trim()))
    }, `could not read ${css}`)
    return out
  }

  /** The text of the first `css`. */
  async text(css) {
    await this.find(css)
    return (await this.texts(css))[0] ?? ''
  }

  /** Waits until the roster shows exactly `names` (in order). */
  async waitRoster(names, timeout = TIMEOUT) {
    let last = []
    await this.driver.wait(async () => {
      try {
        last = await this.texts('[data-test=members-table] [data-test=member-name]')
      } catch (e) {
        if (e.name === 'StaleElementReferenceError' || /stale element/i.test(e.message ?? '')) return false // re-rendered
        throw e
      }
      return JSON.stringify(last) === JSON.stringify(names)
    }, timeout).catch((e) => {
      throw new Error(`roster shows ${JSON.stringify(last)}, expected ${JSON.stringify(names)} (${e.message})`)
    })
  }

  async search(text) {
    await this.type('[data-test=search]', text)
    await (await this.find('input[data-test=search]')).sendKeys(Key.ENTER)
  }

  /** Saves a screenshot (after two animation frames, so WebKit shows the current frame). */
  async screenshot(name) {
    await this.driver.executeAsyncScript('const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(done))')
    mkdirSync(shots, { recursive: true })
    writeFileSync(join(shots, `${name}.png`), await this.driver.takeScreenshot(), 'base64')
  }
}
