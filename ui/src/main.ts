import { createApp } from 'vue'
import { createPinia } from 'pinia'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import 'element-plus/dist/index.css'
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
app.use(createPinia()).use(router).use(ElementPlus, { locale: zhCn }).mount('#app')
