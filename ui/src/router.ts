import { createRouter, createWebHashHistory } from 'vue-router'
// The first page comes with the app; every other page loads its own code when first opened.
import HomeView from './views/HomeView.vue'

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/home' },
    { path: '/home', component: HomeView, meta: { title: '首页' } },
    { path: '/person/:id(\\d+)', component: () => import('./views/PersonView.vue'), props: (route) => ({ id: Number(route.params.id) }), meta: { title: '一人一档' } },
    { path: '/party-members', component: () => import('./views/PartyMemberList.vue'), meta: { title: '党员花名册' } },
    {
      path: '/import',
      component: () => import('./views/ImportWizard.vue'),
      props: (route) => ({ register: typeof route.query.register === 'string' ? route.query.register : 'party-members' }),
      meta: { title: '导入' },
    },
    { path: '/imports', component: () => import('./views/ImportHistory.vue'), meta: { title: '导入记录' } },
    { path: '/meetings', component: () => import('./views/MeetingList.vue'), meta: { title: '会议记录' } },
    { path: '/points', component: () => import('./views/PointsView.vue'), meta: { title: '积分超市' } },
    { path: '/houses', component: () => import('./views/HouseView.vue'), meta: { title: '房屋安全' } },
    { path: '/talents', component: () => import('./views/TalentView.vue'), meta: { title: '人才库' } },
    { path: '/grid', component: () => import('./views/GridView.vue'), meta: { title: '网格管理' } },
    { path: '/appeals', component: () => import('./views/AppealsView.vue'), meta: { title: '诉求办理' } },
    { path: '/disputes', component: () => import('./views/DisputesView.vue'), meta: { title: '矛盾纠纷' } },
    { path: '/meetings/tasks', component: () => import('./views/MeetingTasks.vue'), meta: { title: '议事任务' } },
    { path: '/meetings/compliance', component: () => import('./views/MeetingCompliance.vue'), meta: { title: '三会一课落实情况' } },
    { path: '/meetings/new', component: () => import('./views/MeetingForm.vue'), props: { id: null }, meta: { title: '新建会议' } },
    { path: '/meetings/:id(\\d+)', component: () => import('./views/MeetingForm.vue'), props: (route) => ({ id: Number(route.params.id) }), meta: { title: '会议' } },
    { path: '/org', component: () => import('./views/OrgView.vue'), meta: { title: '组织架构' } },
    { path: '/dicts', component: () => import('./views/DictView.vue'), meta: { title: '字典' } },
    { path: '/recycle-bin', component: () => import('./views/RecycleBin.vue'), meta: { title: '回收站' } },
    { path: '/audit-log', component: () => import('./views/AuditLog.vue'), meta: { title: '操作日志' } },
    { path: '/backups', component: () => import('./views/BackupView.vue'), meta: { title: '备份与恢复' } },
    { path: '/users', component: () => import('./views/UsersView.vue'), meta: { title: '用户与权限' } },
  ],
})
