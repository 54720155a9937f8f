import { createApp } from 'vue'
import { createPinia } from 'pinia'
import { ElMessage, ElMessageBox, ElNotification, provideGlobalConfig } from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
// Components bring their own styles with the page that uses them (vite.config.ts); these are
// called from scripts, which the template resolver does not see.
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import 'element-plus/es/components/notification/style/css'
import './style.css'
import App from './App.vue'
import { router } from './router'
import { showError } from './api'

const app = createApp(App)
// One place shows what a command threw that the page did not handle itself.
app.config.errorHandler = (e) => showError(e)
window.addEventListener('unhandledrejection', (event) => {
  event.preventDefault()
  showError(event.reason)
})
// Chinese everywhere, the message boxes too (installing them gives them the app's context).
provideGlobalConfig({ locale: zhCn }, app, true)
app.use(createPinia()).use(router).use(ElMessage).use(ElMessageBox).use(ElNotification).mount('#app')
