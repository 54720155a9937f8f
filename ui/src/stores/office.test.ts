import { describe, expect, it } from 'vitest'
import { tree } from './office'
import { ORG } from '../test-setup'

describe('organisation tree', () => {
  it('nests nodes under their parents, parents first', () => {
    const t = tree(ORG.filter((n) => n.kind === '社区/村' || n.kind === '网格'))
    expect(t).toEqual([{ value: 2, label: '东关社区', children: [{ value: 3, label: '第一网格' }] }])
  })
})
