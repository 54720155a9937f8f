// What every page needs about the office: set-up state, the organisation tree, dictionaries.
import { defineStore } from 'pinia'
import { api } from '../api'
import { inBrowser } from '../api/call'
import { PARTY_ORG_KINDS } from '../api/bindings'
import type { CommandName } from '../api/client'
import type { Connection, OrgNode, Session, SetupStatus } from '../api/bindings'

export interface TreeOption { value: number; label: string; children?: TreeOption[] }

export const useOffice = defineStore('office', {
  state: () => ({
    status: null as SetupStatus | null,
    org: [] as OrgNode[],
    nations: [] as string[],
    educations: [] as string[],
    /** Whether this window or browser must log in; then `session` says who is logged in. */
    users: false,
    session: null as Session | null,
    /** The other PC's host this window uses instead of its own database (连接到共享的电脑). */
    connection: null as Connection | null,
    /** Commands refused outright to this seat: their pages are left out of the menu. */
    refused: [] as CommandName[],
  }),
  getters: {
    branches: (s) => s.org.filter((n) => n.kind === '党支部'),
    groupsOf: (s) => (branchId: number | null) =>
      s.org.filter((n) => n.kind === '党小组' && n.parent_id === branchId),
    grids: (s) => s.org.filter((n) => n.kind === '网格'),
    /** The window waits for a login. */
    locked: (s) => s.users && s.session === null,
    /** The party tree for filters: 党工委 → 党委/党总支 → 党支部. */
    partyTree(s): TreeOption[] {
      return tree(s.org.filter((n) => n.kind !== '党小组' && isParty(n)))
    },
    /** The administrative tree for filters: 社区 → 网格. */
    gridTree(s): TreeOption[] {
      return tree(s.org.filter((n) => n.kind === '社区/村' || n.kind === '网格'))
    },
    nameOf: (s) => (id: number | null) => s.org.find((n) => n.id === id)?.name ?? '',
    /** A unit as a choice names it: with its parent's name when another unit of its kind has
     * the same name (东关社区 第一网格). */
    labelOf: (s) => (n: OrgNode) => {
      const twin = s.org.some((o) => o.id !== n.id && o.kind === n.kind && o.name === n.name)
      const parent = twin ? s.org.find((o) => o.id === n.parent_id)?.name : undefined
      return parent ? `${parent} ${n.name}` : n.name
    },
    /** Whether this seat may give `command` (as the core decides: `Start.refused`). */
    may: (s) => (command: CommandName) => !s.refused.includes(command),
  },
  actions: {
    async lock() {
      await api.session.lock()
      this.session = null
    },
    async disconnect() {
      await api.share.disconnect()
      this.connection = null
    },
    async load() {
      // One answer from the core (set-up, login, organisation, dictionaries, refusals); the
      // window asks itself at the same time whether it uses another PC's host.
      const [connection, start] = await Promise.all([
        inBrowser() ? null : api.share.connection(), api.session.start(),
      ])
      // Set together: no page starts in between, before the login it needs.
      this.connection = connection
      this.status = start.status
      this.users = start.must_login
      this.session = start.session
      this.refused = start.refused as CommandName[]
      this.org = start.org
      this.nations = start.nations
      this.educations = start.educations
    },
  },
})

function isParty(n: OrgNode) {
  return (PARTY_ORG_KINDS as readonly string[]).includes(n.kind)
}

/** Nodes (parents first) into a tree; nodes whose parent is not in the list become roots. */
export function tree(nodes: OrgNode[]): TreeOption[] {
  const byId = new Map<number, TreeOption>()
  const roots: TreeOption[] = []
  for (const n of nodes) {
    const opt: TreeOption = { value: n.id, label: n.name }
    byId.set(n.id, opt)
    const parent = n.parent_id === null ? undefined : byId.get(n.parent_id)
    if (parent) (parent.children ??= []).push(opt)
    else roots.push(opt)
  }
  return roots
}
