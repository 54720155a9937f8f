// One submit at a time, its error kept for the form to show (the login and unlock screens, and
// the register forms).
import { ref } from 'vue'
import { ElMessage } from 'element-plus'
import { errorMessage, fieldErrors } from '.'

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

/** A register form's save: one at a time, the field errors kept for its inputs (Rust keys them
 * by field), the outcome told in a message. The saved id, or null when refused. */
export function useSave() {
  const saving = ref(false)
  const errors = ref<Record<string, string>>({})
  async function save(action: () => Promise<number>, success: () => string): Promise<number | null> {
    if (saving.value) return null
    saving.value = true
    errors.value = {}
    try {
      const id = await action()
      ElMessage.success(success())
      return id
    } catch (e) {
      errors.value = fieldErrors(e)
      ElMessage.error({ message: errorMessage(e), customClass: 'save-error' })
      return null
    } finally {
      saving.value = false
    }
  }
  return { saving, errors, save }
}
