'use client';
// The seed's conditional-render pattern in Next: {isAuthenticated ? <LoggedIn/> : <WhatsAppLogin onSuccess={…}/>}.
import { useSession, useUser, WhatsAppLogin } from '@notp/nextjs-sdk/client';

declare global {
  interface Window {
    onSuccessLoginId?: string;
  }
}

function LoggedIn() {
  const { user } = useUser();
  return (
    <div id="account">
      <span id="login-id">{user?.loginIds[0] ?? ''}</span>
      <a href="/private">Private</a>
    </div>
  );
}

export function Login() {
  const { isAuthenticated } = useSession();
  return isAuthenticated ? (
    <LoggedIn />
  ) : (
    <WhatsAppLogin
      onSuccess={(session) => {
        window.onSuccessLoginId = session.user?.loginIds[0] ?? '';
      }}
    />
  );
}
