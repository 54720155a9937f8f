// Lists follow what other clerks change (共享模式, or the command line on the same file): every
// few seconds the list asks Rust what others changed since it last asked (`audit.since`), and
// loads its page again when its register is among them. A clerk's own saves never count.
import { onMounted, onUnmounted } from 'vue'
import { api } from './client'

/** How often a list asks. */
const EVERY_MS = 5000

/** Calls `reload` when another clerk changes a record of `entities` (audit names: `KEPT`). */
export function reloadOnChange(entities: readonly string[], reload: () => unknown) {
  let last = 0
  let timer: ReturnType<typeof setInterval> | undefined
  async function ask() {
    if (document.hidden) return
    try {
      const changes = await api.audit.since(last)
      const ours = changes.entities.some((e) => entities.includes(e))
      last = changes.last
      if (ours) await reload()
    } catch {
      // Locked or offline for a moment: the next question tries again; the page says the rest.
    }
  }
  onMounted(() => {
    ask()
    timer = setInterval(ask, EVERY_MS)
  })
  onUnmounted(() => clearInterval(timer))
}
