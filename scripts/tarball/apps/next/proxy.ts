// Route protection: /private needs a session, else the visitor goes to /.
import { authMiddleware } from '@notp/nextjs-sdk/server';
import type { NextRequest } from 'next/server';

export default function proxy(request: NextRequest) {
  return authMiddleware({ redirectUrl: '/', privateRoutes: ['/private'] })(request);
}

export const config = { matcher: ['/private/:path*'] };
