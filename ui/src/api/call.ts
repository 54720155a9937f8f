// How the page reaches Rust: every command goes through the one Tauri command `call`, by the
// name the command table gives it (see client.ts, generated from that table).
import { Channel, invoke } from '@tauri-apps/api/core'
import type { Tick } from './bindings'

/** Runs the command `name`; `onTick`, when given, receives a long task's progress. */
export function call<T>(name: string, args: Record<string, unknown>, onTick?: (t: Tick) => void): Promise<T> {
  let onProgress: Channel<Tick> | null = null
  if (onTick) {
    onProgress = new Channel<Tick>()
    onProgress.onmessage = onTick
  }
  return invoke<T>('call', { name, args, onProgress })
}
