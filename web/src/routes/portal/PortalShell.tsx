// The portal's frame: its own small header "Tidlig – forældre" (no staff navigation, no
// drawer: a parent has few pages, and a phone shows them all), the shared footer, and
// the session warning. Reuses the shell's skip link, <main>, language switch and Dialog.
//   <PortalShell me={me}>…</PortalShell>   logged in (name, municipality, "Log ud")
//   <PortalShell>…</PortalShell>           the log-in page
import { useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { portalApi, portalLogout, portalMeQuery, type PortalMe } from '../../api/portal.ts';
import { Footer } from '../../components/Footer.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Main } from '../../components/Layout.tsx';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { SessionTimeout } from '../../components/SessionTimeout.tsx';
import { SkipLink } from '../../components/SkipLink.tsx';

function PortalHeader({ me }: { me?: PortalMe }) {
  const { t } = useTranslation('portal');
  return (
    <header className="header tidlig-portal-header">
      <div className="portal-info">
        <div className="portal-info-inner container tidlig-portal-bar">
          <Link to={me ? '/borger' : '/borger/log-ind'} className="tidlig-logo" aria-label={t('shell.homeLink')}>
            <span aria-hidden="true" className="tidlig-logo-mark"></span>
            <span className="tidlig-logo-text">{t('shell.name')}</span>
          </Link>
          <div className="tidlig-portal-tools">
            <LanguageSwitch />
            {me ? (
              <button type="button" className="function-link log-off tidlig-portal-logout" onClick={() => void portalLogout('logget-ud')}>
                <Icon name="lock" />
                {t('shell.logout')}
              </button>
            ) : null}
          </div>
        </div>
      </div>
      {me ? (
        <div className="solution-info">
          <div className="solution-info-inner container tidlig-portal-who">
            <p className="m-0">
              {t('shell.loggedInAs')} <strong>{me.citizen.name}</strong>
            </p>
            <p className="m-0">
              <strong className="authority-name">{me.municipality.name}</strong>
            </p>
          </div>
        </div>
      ) : null}
    </header>
  );
}

function PortalSessionTimeout({ idleMinutes }: { idleMinutes: number }) {
  const qc = useQueryClient();
  // The staff refresh asks /api/auth/me, which a citizen's session may not call.
  const refresh = async () => qc.setQueryData(portalMeQuery.queryKey, await portalApi.get<PortalMe>('/api/portal/me'));
  return (
    <SessionTimeout
      id="portal-session-warning"
      idleMinutes={idleMinutes}
      refresh={refresh}
      onExpired={() => void portalLogout('udloebet')}
      onLogout={() => void portalLogout('logget-ud')}
    />
  );
}

export function PortalShell({ me, children }: { me?: PortalMe; children: ReactNode }) {
  return (
    <div className="tidlig-page tidlig-portal">
      <SkipLink />
      <PortalHeader me={me} />
      <Main>{children}</Main>
      <Footer />
      {me ? <PortalSessionTimeout idleMinutes={me.sessionIdleMinutes} /> : null}
    </div>
  );
}
