// Where a search hit or a to-do item leads in the window: one route per kind of record.
import type { RouteLocationRaw } from 'vue-router'
import type { Link } from './bindings'

export function route(link: Link): RouteLocationRaw {
  switch (link.kind) {
    case 'Person': return `/person/${link.id}`
    case 'PartyMember': return { path: '/party-members', query: { member: String(link.id) } }
    case 'House': return { path: '/houses', query: { house: String(link.id) } }
    case 'Meeting': return `/meetings/${link.id}`
    case 'Compliance': return '/meetings/compliance'
    case 'Goods': return { path: '/points', query: { tab: 'goods' } }
    case 'IncompleteMembers': return { path: '/party-members', query: { incomplete: '1' } }
    case 'IncompleteHouses': return { path: '/houses', query: { incomplete: '1' } }
    case 'DueVisits': return { path: '/grid', query: { due: '1', unit: String(link.id) } }
    case 'Appeal': return { path: '/appeals', query: { appeal: String(link.id) } }
  }
}
