// @vitest-environment node
// Server rendering: the plugin and composables render the loading state without touching browser globals.
import { createSSRApp, defineComponent, h } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { describe, expect, it } from 'vitest';
import { TEST_PROJECT_ID } from '@notp/test-utils/contract';
import notp, { useSession, useUser, WhatsAppLogin } from './index.js';

describe('renderToString', () => {
  it('renders the loading state and the login element tag', async () => {
    const app = createSSRApp(
      defineComponent({
        setup() {
          const { isAuthenticated, isSessionLoading } = useSession();
          const { user } = useUser();
          return () => [
            h('p', `auth=${isAuthenticated.value} loading=${isSessionLoading.value} user=${user.value?.name ?? '-'}`),
            h(WhatsAppLogin, { loginId: '+16505551234' }),
          ];
        },
      }),
    );
    app.use(notp, { projectId: TEST_PROJECT_ID });
    const html = await renderToString(app);
    expect(html).toContain('auth=false loading=true user=-');
    expect(html).toContain('<notp-whatsapp-login login-id="+16505551234"></notp-whatsapp-login>');
  });
});
