import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  plugins: [vue()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: { target: 'es2021', chunkSizeWarningLimit: 2000 },
  // The first test in a file pays for loading Element Plus; on a busy 2-core CI
  // machine that alone has taken over 5 s, so give each test more room.
  test: { environment: 'happy-dom', testTimeout: 30000 },
})
