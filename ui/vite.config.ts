import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

export default defineConfig({
  plugins: [
    vue(),
    // Element Plus components (and their styles) come in with the page that uses them, so the
    // first page loads only its own; the page's own imports (ElMessage, …) bring theirs. Tests
    // render no styles (Node cannot import CSS from node_modules).
    components({ resolvers: [ElementPlusResolver({ importStyle: process.env.VITEST ? false : 'css' })], dts: false }),
  ],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: { target: 'es2021', chunkSizeWarningLimit: 2000 },
  // The first test in a file pays for loading Element Plus; on a busy 2-core CI
  // machine that alone has taken over 5 s, so give each test more room.
  test: { environment: 'happy-dom', testTimeout: 30000 },
})
