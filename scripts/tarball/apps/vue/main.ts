// The Vue tarball app: the plugin with the server from /config.js, then App.vue.
import notp from '@notp/vue-sdk';
import { createApp } from 'vue';
// @ts-expect-error: Vite compiles the SFC; this app is not type-checked with vue-tsc
import App from './App.vue';

const cfg = (window as unknown as { NOTP_CFG: { projectId: string; baseUrl: string } }).NOTP_CFG;
createApp(App).use(notp, { projectId: cfg.projectId, baseUrl: cfg.baseUrl }).mount('#app');
