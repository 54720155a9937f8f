// A register's list, shown a page at a time: the rows of the page, how many there are in all,
// the page and its size, whether a page is loading, and the whole answer of the last load (for
// the counts a list's header shows). `search` goes back to the first page.
import { ref, type Ref } from 'vue'
import { showError } from './index'

export function usePagedList<Row, Found>(
  pageOf: (page: number, pageSize: number) => Promise<Found>,
  rowsOf: (found: Found) => { items: Row[]; total: number },
) {
  const rows = ref([]) as Ref<Row[]>
  const total = ref(0)
  const page = ref(1)
  const pageSize = ref(20)
  const loading = ref(false)
  const last = ref(null) as Ref<Found | null>

  async function load() {
    loading.value = true
    try {
      const found = await pageOf(page.value, pageSize.value)
      const { items, total: all } = rowsOf(found)
      rows.value = items
      total.value = all
      last.value = found
    } catch (e) {
      showError(e)
    } finally {
      loading.value = false
    }
  }

  function search() {
    page.value = 1
    load()
  }

  return { rows, total, page, pageSize, loading, last, load, search }
}
