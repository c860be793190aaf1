// Route protection (Next 16's proxy.ts, formerly middleware.ts): /private needs a valid notp session (DS cookie), else the visitor goes to the home page to sign in.
import { authMiddleware } from '@notp/nextjs-sdk/server';
import type { NextRequest } from 'next/server';

// Built per request from the run-time environment, so one build works against a notp server on any port.
export default function proxy(request: NextRequest) {
  return authMiddleware({
    projectId: process.env.NOTP_PROJECT_ID,
    baseUrl: process.env.NOTP_BASE_URL,
    redirectUrl: '/',
    privateRoutes: ['/private'],
  })(request);
}

export const config = { matcher: ['/private/:path*'] };
