// The registers files can be imported into, by their command-line names (crates/app/src/import):
// what the wizard calls them, what identifies a row, and where the clerk goes afterwards.
export interface RegisterView {
  title: string
  key: string
  home: string
  homeLabel: string
}

export const REGISTERS: Record<string, RegisterView> = {
  'party-members': { title: '党员花名册', key: '公民身份号码', home: '/party-members', homeLabel: '查看花名册' },
  volunteers: { title: '志愿者名册', key: '公民身份号码', home: '/points', homeLabel: '查看积分账户' },
  'service-records': { title: '志愿服务记录', key: '服务日期 内容 时长', home: '/points', homeLabel: '查看积分账户' },
  houses: { title: '自建房排查台账', key: '房屋地址', home: '/houses', homeLabel: '查看房屋台账' },
  talents: { title: '人才库', key: '公民身份号码', home: '/talents', homeLabel: '查看人才库' },
}

export function registerView(name: string): RegisterView {
  return REGISTERS[name] ?? { title: name, key: '关键字段', home: '/', homeLabel: '返回' }
}
