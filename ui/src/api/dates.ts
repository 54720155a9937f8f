// Calendar days as the clerk's PC sees them ("2026-11-22", local time — not UTC, which is
// still yesterday before 8 a.m. in China).

/** The local day of `d` as YYYY-MM-DD. */
export function day(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

export function today(): string {
  return day(new Date())
}

/** The day `months` months from today. */
export function monthsFromToday(months: number): string {
  const d = new Date()
  d.setMonth(d.getMonth() + months)
  return day(d)
}
