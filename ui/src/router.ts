import { createRouter, createWebHashHistory } from 'vue-router'
import PartyMemberList from './views/PartyMemberList.vue'
import RecycleBin from './views/RecycleBin.vue'
import AuditLog from './views/AuditLog.vue'
import ImportWizard from './views/ImportWizard.vue'
import ImportHistory from './views/ImportHistory.vue'
import MeetingList from './views/MeetingList.vue'
import MeetingForm from './views/MeetingForm.vue'
import MeetingTasks from './views/MeetingTasks.vue'
import MeetingCompliance from './views/MeetingCompliance.vue'
import PointsView from './views/PointsView.vue'
import HouseView from './views/HouseView.vue'
import HomeView from './views/HomeView.vue'
import PersonView from './views/PersonView.vue'
import TalentView from './views/TalentView.vue'
import GridView from './views/GridView.vue'
import AppealsView from './views/AppealsView.vue'
import DisputesView from './views/DisputesView.vue'
import BackupView from './views/BackupView.vue'
import UsersView from './views/UsersView.vue'
import OrgView from './views/OrgView.vue'
import DictView from './views/DictView.vue'

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/home' },
    { path: '/home', component: HomeView, meta: { title: '首页' } },
    { path: '/person/:id(\\d+)', component: PersonView, props: (route) => ({ id: Number(route.params.id) }), meta: { title: '一人一档' } },
    { path: '/party-members', component: PartyMemberList, meta: { title: '党员花名册' } },
    {
      path: '/import',
      component: ImportWizard,
      props: (route) => ({ register: typeof route.query.register === 'string' ? route.query.register : 'party-members' }),
      meta: { title: '导入' },
    },
    { path: '/imports', component: ImportHistory, meta: { title: '导入记录' } },
    { path: '/meetings', component: MeetingList, meta: { title: '会议记录' } },
    { path: '/points', component: PointsView, meta: { title: '积分超市' } },
    { path: '/houses', component: HouseView, meta: { title: '房屋安全' } },
    { path: '/talents', component: TalentView, meta: { title: '人才库' } },
    { path: '/grid', component: GridView, meta: { title: '网格管理' } },
    { path: '/appeals', component: AppealsView, meta: { title: '诉求办理' } },
    { path: '/disputes', component: DisputesView, meta: { title: '矛盾纠纷' } },
    { path: '/meetings/tasks', component: MeetingTasks, meta: { title: '议事任务' } },
    { path: '/meetings/compliance', component: MeetingCompliance, meta: { title: '三会一课落实情况' } },
    { path: '/meetings/new', component: MeetingForm, props: { id: null }, meta: { title: '新建会议' } },
    { path: '/meetings/:id(\\d+)', component: MeetingForm, props: (route) => ({ id: Number(route.params.id) }), meta: { title: '会议' } },
    { path: '/org', component: OrgView, meta: { title: '组织架构' } },
    { path: '/dicts', component: DictView, meta: { title: '字典' } },
    { path: '/recycle-bin', component: RecycleBin, meta: { title: '回收站' } },
    { path: '/audit-log', component: AuditLog, meta: { title: '操作日志' } },
    { path: '/backups', component: BackupView, meta: { title: '备份与恢复' } },
    { path: '/users', component: UsersView, meta: { title: '用户与权限' } },
  ],
})
