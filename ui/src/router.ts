import { createRouter, createWebHashHistory } from 'vue-router'
import PartyMemberList from './views/PartyMemberList.vue'
import RecycleBin from './views/RecycleBin.vue'
import AuditLog from './views/AuditLog.vue'
import ImportWizard from './views/ImportWizard.vue'
import ImportHistory from './views/ImportHistory.vue'

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/party-members' },
    { path: '/party-members', component: PartyMemberList, meta: { title: '党员花名册' } },
    {
      path: '/import',
      component: ImportWizard,
      props: (route) => ({ register: typeof route.query.register === 'string' ? route.query.register : 'party-members' }),
      meta: { title: '导入' },
    },
    { path: '/imports', component: ImportHistory, meta: { title: '导入记录' } },
    { path: '/recycle-bin', component: RecycleBin, meta: { title: '回收站' } },
    { path: '/audit-log', component: AuditLog, meta: { title: '操作日志' } },
  ],
})
