// How the page reaches Rust: every command by the name the command table gives it (see
// client.ts, generated from that table). In the window, through the one Tauri command `call`; in
// a browser (共享模式, or `taizhang serve --local`), over HTTP to the host that served the page,
// which answers the same commands (crates/server/src/api.rs).
import { Channel, invoke } from '@tauri-apps/api/core'
import type { AppError, Tick } from './bindings'

/** The page runs in a browser, not in the desktop window. */
export function inBrowser(): boolean {
  return !('__TAURI_INTERNALS__' in window)
}

/** Runs the command `name`; `onTick`, when given, receives a long task's progress. */
export function call<T>(name: string, args: Record<string, unknown>, onTick?: (t: Tick) => void): Promise<T> {
  return inBrowser() ? overHttp<T>(name, args, onTick) : inWindow<T>(name, args, onTick)
}

function inWindow<T>(name: string, args: Record<string, unknown>, onTick?: (t: Tick) => void): Promise<T> {
  let onProgress: Channel<Tick> | null = null
  if (onTick) {
    onProgress = new Channel<Tick>()
    onProgress.onmessage = onTick
  }
  return invoke<T>('call', { name, args, onProgress })
}

function lost(why: string): AppError {
  return { code: 'io', message: `与台账主机的连接中断（${why}），请检查网络后重试`, fields: [] }
}

/** One line of a host's answer: progress, the result (and a file to download), or the error. */
type Line = { tick: Tick } | { ok: unknown; download?: string | null } | { error: AppError }

async function overHttp<T>(name: string, args: Record<string, unknown>, onTick?: (t: Tick) => void): Promise<T> {
  let response: Response
  try {
    response = await fetch(`/api/call/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(args),
    })
  } catch (e) {
    throw lost(String(e))
  }
  if (response.headers.get('Content-Type')?.startsWith('application/octet-stream')) {
    return (await response.arrayBuffer()) as T
  }
  return (await answer(response, onTick)) as T
}

/** Reads an answer's lines until its result or error. */
export async function answer(response: Response, onTick?: (t: Tick) => void): Promise<unknown> {
  if (!response.body) throw lost(`HTTP ${response.status}`)
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
  let buffer = ''
  for (;;) {
    const { value, done } = await reader.read()
    if (done) break
    buffer += value
    let end: number
    while ((end = buffer.indexOf('\n')) >= 0) {
      const line = JSON.parse(buffer.slice(0, end)) as Line
      buffer = buffer.slice(end + 1)
      if ('tick' in line) onTick?.(line.tick)
      else if ('error' in line) throw line.error
      else {
        if (line.download) download(line.download)
        return line.ok
      }
    }
  }
  throw lost(`HTTP ${response.status}`)
}

/** Saves a file the host wrote for this browser (an export, a PDF) into its downloads. */
function download(token: string) {
  const link = document.createElement('a')
  link.href = `/api/download/${encodeURIComponent(token)}`
  link.download = ''
  document.body.appendChild(link)
  link.click()
  link.remove()
}
