// The registers files can be imported into: their titles and keys come from Rust (REGISTERS in
// bindings.ts); this file only says where the clerk goes after an import, a route of this UI.
import { REGISTERS, type RegisterName } from './bindings'

export { REGISTERS, type RegisterName }

export interface RegisterView {
  title: string
  key: string
  /** The preview's column naming a record (姓名, 产权人). */
  name: string
  /** The preview's column saying where a record is (住址); empty for none. */
  place: string
  home: string
  homeLabel: string
}

const HOMES: Record<RegisterName, { home: string; homeLabel: string }> = {
  'party-members': { home: '/party-members', homeLabel: '查看花名册' },
  volunteers: { home: '/points', homeLabel: '查看积分账户' },
  'service-records': { home: '/points', homeLabel: '查看积分账户' },
  houses: { home: '/houses', homeLabel: '查看房屋台账' },
  talents: { home: '/talents', homeLabel: '查看人才库' },
  'grid-workers': { home: '/grid?tab=workers', homeLabel: '查看网格员' },
  households: { home: '/grid', homeLabel: '查看住户' },
  appeals: { home: '/appeals', homeLabel: '查看诉求' },
}

function known(name: string): name is RegisterName {
  return name in REGISTERS
}

export function registerView(name: string): RegisterView {
  if (!known(name)) return { title: name, key: '关键字段', name: '名称', place: '', home: '/', homeLabel: '返回' }
  const { title, key, name: named, place } = REGISTERS[name]
  return { title, key, name: named, place, ...HOMES[name] }
}

/** A register's title, or its name as stored when this version does not know it. */
export function registerTitle(name: string): string {
  return known(name) ? REGISTERS[name].title : name
}
