// Warns 2 minutes before the server's idle timeout (me.sessionIdleMinutes) in a DKFDS modal
// (alertdialog, focus-trapped). "Forbliv logget ind" calls `refresh` (staff: GET /api/auth/me;
// the parents' portal passes its own /api/portal/me), which restarts the server's idle timer; when the time runs out the user is sent to the log-in page with
// the "session expired" notice. The idle clock follows the last answered API request,
// because that is what the server counts.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, lastServerActivity, onServerActivity } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { meQuery } from '../api/session.ts';
import { Dialog } from './Dialog.tsx';

const WARN_BEFORE_MS = 2 * 60_000;
const TICK_MS = 1_000;

export interface SessionTimeoutProps {
  idleMinutes: number;
  onExpired: () => void;
  onLogout: () => void;
  /** A request that keeps the session alive (and refreshes what the shell shows of it). */
  refresh?: () => Promise<unknown>;
  id?: string;
}

export function SessionTimeout({ idleMinutes, onExpired, onLogout, refresh, id = 'session-warning' }: SessionTimeoutProps) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const refreshStaff = async () => qc.setQueryData(meQuery.queryKey, await api.get<Me>('/api/auth/me'));
  const idleMs = idleMinutes * 60_000;
  const warnMs = Math.min(WARN_BEFORE_MS, idleMs / 2);
  const [remaining, setRemaining] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const stayRef = useRef<HTMLButtonElement>(null);
  const expiredRef = useRef(onExpired);
  expiredRef.current = onExpired;

  useEffect(() => {
    const check = () => {
      const left = lastServerActivity() + idleMs - Date.now();
      if (left <= 0) {
        setRemaining(null);
        expiredRef.current();
      } else if (left <= warnMs) {
        setRemaining(left);
      } else {
        setRemaining(null);
      }
    };
    const timer = window.setInterval(check, TICK_MS);
    const off = onServerActivity(check);
    check();
    return () => {
      window.clearInterval(timer);
      off();
    };
  }, [idleMs, warnMs]);

  const stay = async () => {
    setBusy(true);
    try {
      await (refresh ?? refreshStaff)();
      setRemaining(null);
    } finally {
      setBusy(false);
    }
  };

  const minutes = remaining === null ? 0 : Math.max(1, Math.ceil(remaining / 60_000));
  return (
    <Dialog
      open={remaining !== null}
      onClose={() => void stay()}
      title={t('session.warningTitle')}
      role="alertdialog"
      id={id}
      initialFocus={stayRef}
      footer={
        <>
          <button ref={stayRef} type="button" className="button button-primary" onClick={() => void stay()} disabled={busy}>
            {t('session.stay')}
          </button>
          <button type="button" className="button button-secondary" onClick={onLogout}>
            {t('session.logoutNow')}
          </button>
        </>
      }
    >
      <p>{t('session.warningText', { count: minutes })}</p>
    </Dialog>
  );
}
