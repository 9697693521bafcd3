// Page frames. AppShell = the authenticated layout (header with user and navigation,
// session warning, footer); PublicShell = log-in and other public pages. Both render the
// skip link first and <main id="main-content"> around the page.
//   <AppShell me={me}><Outlet /></AppShell>
//   <PublicShell><Outlet /></PublicShell>
import { useCallback, type ReactNode } from 'react';
import { api } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { Footer } from './Footer.tsx';
import { Header } from './Header.tsx';
import { SessionTimeout } from './SessionTimeout.tsx';
import { MAIN_ID, SkipLink } from './SkipLink.tsx';

/** Where to go when the session ends: a full page load, so no personal data stays in memory. */
export function leaveToLogin(notice: 'logged_out' | 'session_expired', redirectTo?: string): void {
  const params = new URLSearchParams({ notice });
  if (redirectTo && redirectTo.startsWith('/') && !redirectTo.startsWith('//') && redirectTo !== '/') params.set('redirect', redirectTo);
  window.location.assign(`/login?${params.toString()}`);
}

/** Log out: tell the server, then leave to the log-in page (which drops every cached answer). */
export function useLogout(): (notice?: 'logged_out' | 'session_expired') => Promise<void> {
  return useCallback(async (notice: 'logged_out' | 'session_expired' = 'logged_out') => {
    // Also when the idle time ran out here: the server's session must end with the page's.
    try {
      await api.post('/api/auth/logout', undefined, { quiet401: true });
    } catch {
      // the session may already be gone; the server clears the cookie either way
    }
    leaveToLogin(notice, notice === 'session_expired' ? window.location.pathname : undefined);
  }, []);
}

export function Main({ children }: { children: ReactNode }) {
  return (
    <main id={MAIN_ID} className="container page-container tidlig-main" tabIndex={-1}>
      {children}
    </main>
  );
}

export function AppShell({ me, children }: { me: Me; children: ReactNode }) {
  const logout = useLogout();
  return (
    <div className="tidlig-page">
      <SkipLink />
      <Header me={me} onLogout={() => void logout('logged_out')} />
      <Main>{children}</Main>
      <Footer />
      <SessionTimeout idleMinutes={me.sessionIdleMinutes} onExpired={() => void logout('session_expired')} onLogout={() => void logout('logged_out')} />
    </div>
  );
}

export function PublicShell({ me, children }: { me?: Me; children: ReactNode }) {
  const logout = useLogout();
  return (
    <div className="tidlig-page">
      <SkipLink />
      <Header me={me} onLogout={me ? () => void logout('logged_out') : undefined} />
      <Main>{children}</Main>
      <Footer />
    </div>
  );
}
