import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  plugins: [vue()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: { target: 'es2021', chunkSizeWarningLimit: 2000 },
  test: { environment: 'happy-dom' },
})
