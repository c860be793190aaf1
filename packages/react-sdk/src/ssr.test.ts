// @vitest-environment node
// Server rendering: the provider, hooks and WhatsAppLogin render to HTML without touching browser globals.
import { createElement, type ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TEST_PROJECT_ID } from '@notp/test-utils/contract';
import { AuthProvider, Notp, useSession, useUser, WhatsAppLogin } from './index.js';

function Probe(): ReactNode {
  const { isAuthenticated, isSessionLoading } = useSession();
  const { user } = useUser();
  return createElement('p', null, `auth=${isAuthenticated} loading=${isSessionLoading} user=${user?.name ?? '-'}`);
}

describe('renderToString', () => {
  it('renders the loading state and the login element tag', () => {
    const html = renderToString(
      createElement(
        AuthProvider,
        { projectId: TEST_PROJECT_ID, baseUrl: 'http://localhost:4000' },
        createElement(Probe),
        createElement(WhatsAppLogin, { loginId: '+16505551234' }),
      ),
    );
    expect(html).toContain('auth=false loading=true user=-');
    expect(html).toContain('<notp-whatsapp-login login-id="+16505551234"></notp-whatsapp-login>');
  });

  it('exports the seed import `{ Notp, useNotp }` (Notp is the login widget)', () => {
    expect(Notp).toBe(WhatsAppLogin);
  });
});
