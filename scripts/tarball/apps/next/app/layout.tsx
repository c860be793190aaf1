// Root layout of the Next tarball app: the seed's AuthProvider, configured at run time from the environment.
import { AuthProvider } from '@notp/nextjs-sdk';
import type { ReactNode } from 'react';

export const dynamic = 'force-dynamic';

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <AuthProvider
      projectId={process.env.NOTP_PROJECT_ID ?? ''}
      baseUrl={process.env.NOTP_BASE_URL ?? ''}
      sessionTokenViaCookie={true}
    >
      <html lang="en">
        <body>{children}</body>
      </html>
    </AuthProvider>
  );
}
