// Vite config of the React tarball app: served by the backend under /react/.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({ base: '/react/', plugins: [react()], logLevel: 'warn' });
