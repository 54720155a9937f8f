// One submit at a time, its error kept for the form to show (the login and unlock screens).
import { ref } from 'vue'
import { errorMessage } from '.'

export function useSubmit() {
  const busy = ref(false)
  const error = ref('')
  /** Runs `action` unless one is running; true when it succeeded. */
  async function submit(action: () => Promise<unknown>): Promise<boolean> {
    if (busy.value) return false
    busy.value = true
    error.value = ''
    try {
      await action()
      return true
    } catch (e) {
      error.value = errorMessage(e)
      return false
    } finally {
      busy.value = false
    }
  }
  return { busy, error, submit }
}
