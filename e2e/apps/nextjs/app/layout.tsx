// Root layout: the seed's AuthProvider, configured at run time from NOTP_PROJECT_ID / NOTP_BASE_URL (no rebuild per port).
// sessionTokenViaCookie is left out: the Next SDK's default keeps the session token in the DS cookie the server reads.
import { AuthProvider } from '@notp/nextjs-sdk';
import type { ReactNode } from 'react';

// Read the environment per request, not at build time, so one build can point at a notp server on any port.
export const dynamic = 'force-dynamic';

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <AuthProvider
      projectId={process.env.NOTP_PROJECT_ID ?? ''}
      baseUrl={process.env.NOTP_BASE_URL ?? 'http://localhost:4000'}
      persistTokens={true}
      autoRefresh={true}
      storeLastAuthenticatedUser={true}
      keepLastAuthenticatedUserAfterLogout={false}
    >
      <html lang="en">
        <body>{children}</body>
      </html>
    </AuthProvider>
  );
}
