// Mounting helpers for component tests: Element Plus, a fresh Pinia, and Rust mocked over IPC.
import { mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createPinia, setActivePinia } from 'pinia'
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks'
import type { Component, Plugin } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { OrgNode } from './api/bindings'
import { useOffice } from './stores/office'
import { showError } from './api'

export type Calls = { cmd: string; args: Record<string, unknown> }[]

/** Answers each command with `replies[cmd]` (a value, or a function of the arguments) and
 * records every call. A reply that is an Error's payload is thrown as the command's error. */
export function mockRust(replies: Record<string, unknown>): Calls {
  clearMocks()
  const calls: Calls = []
  mockIPC((_, payload) => {
    // Every command crosses as `call` with its name and arguments (api/call.ts).
    const { name: cmd, args } = payload as { name: string; args: Record<string, unknown> }
    calls.push({ cmd, args })
    const reply = replies[cmd]
    if (reply instanceof Rejection) throw reply.payload
    return typeof reply === 'function' ? reply(args) : reply
  })
  return calls
}

export class Rejection {
  constructor(public payload: unknown) {}
}

export const ORG: OrgNode[] = [
  { id: 1, parent_id: null, kind: '街道', name: '交口街道', serves_id: null },
  { id: 2, parent_id: 1, kind: '社区/村', name: '东关社区', serves_id: null },
  { id: 3, parent_id: 2, kind: '网格', name: '第一网格', serves_id: null },
  { id: 4, parent_id: null, kind: '党工委', name: '交口街道党工委', serves_id: null },
  { id: 5, parent_id: 4, kind: '党支部', name: '东关社区第一党支部', serves_id: 2 },
  { id: 6, parent_id: 5, kind: '党小组', name: '第一党小组', serves_id: null },
]

const mounted: { unmount: () => void }[] = []

export function unmountAll() {
  while (mounted.length) mounted.pop()!.unmount()
  document.body.innerHTML = ''
}

/** A router that knows every path and shows nothing: pages that navigate can be mounted alone;
 * `router.currentRoute` says where they went. */
export function memoryRouter() {
  return createRouter({ history: createMemoryHistory(), routes: [{ path: '/:rest(.*)*', component: { render: () => null } }] })
}

export function mountWith(component: Component, props: Record<string, unknown> = {}, plugins: Plugin[] = []) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const office = useOffice()
  office.org = ORG
  office.nations = ['汉族', '回族']
  office.educations = ['大学本科']
  const w = mount(component, { props, global: { plugins: [ElementPlus, pinia, ...plugins], config: { errorHandler: (e) => showError(e) } }, attachTo: document.body })
  mounted.push(w)
  return w
}
