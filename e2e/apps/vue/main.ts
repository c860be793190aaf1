// The Vue e2e app (runtime build, render functions, no SFC): the plugin → <WhatsAppLogin @success>, or the user and Logout.
import notp, { useNotp, useSession, useUser, WhatsAppLogin } from '@notp/vue-sdk';
import { createApp, defineComponent, h } from 'vue';

/** Written by the test into /config.js: the server under test. */
declare global {
  interface Window {
    NOTP_E2E: { projectId: string; baseUrl: string };
    /** The session JWT of every @success call: the test checks it ran although the login unmounted first. */
    NOTP_SUCCESS?: string[];
  }
}

const query = new URLSearchParams(window.location.search);

const App = defineComponent({
  name: 'E2eApp',
  setup() {
    const sdk = useNotp();
    const { isAuthenticated, isSessionLoading, sessionToken } = useSession();
    const { user } = useUser();
    return () => {
      if (isSessionLoading.value && !isAuthenticated.value) return h('p', { id: 'loading' }, 'Loading…');
      if (isAuthenticated.value) {
        return h('div', { id: 'account' }, [
          h('p', ['Logged in as ', h('span', { id: 'user-login-id' }, user.value?.loginIds?.[0] ?? '')]),
          h('p', ['Session token ends with ', h('code', { id: 'session-token-tail' }, sessionToken.value.slice(-24))]),
          h('button', { type: 'button', onClick: () => void sdk.logout() }, 'Logout'),
        ]);
      }
      const last = sdk.getUser();
      return h('div', { id: 'login' }, [
        last ? h('p', { id: 'last-user' }, `Welcome back, ${last.loginIds?.[0] ?? ''}`) : null,
        // The seed's pattern: rendered only while logged out, so the session unmounts it.
        h(WhatsAppLogin, {
          onSuccess: (session) => {
            window.NOTP_SUCCESS = [...(window.NOTP_SUCCESS ?? []), session.sessionJwt];
          },
        }),
      ]);
    };
  },
});

createApp(App)
  .use(notp, {
    projectId: window.NOTP_E2E.projectId,
    baseUrl: window.NOTP_E2E.baseUrl,
    persistTokens: true,
    autoRefresh: true,
    sessionTokenViaCookie: query.has('cookie'),
    storeLastAuthenticatedUser: true,
    keepLastAuthenticatedUserAfterLogout: query.has('keepLastUser'),
  })
  .mount('#app');
