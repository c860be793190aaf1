// Vite config of the Vue tarball app: served by the backend under /vue/.
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({ base: '/vue/', plugins: [vue()], logLevel: 'warn' });
