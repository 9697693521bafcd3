// Writes to one stafetlog, the same way from every section of the log page:
//  - the answer (the whole log for most endpoints) replaces the cached log, so every section
//    shows the new state at once; the "mine" list and the child page are refreshed too;
//  - a 412 (someone changed the log or the item meanwhile) is never silent: the page shows
//    the Danish notice and fetches the newest log, and the form keeps what the user typed, so
//    pressing save again sends it with the new version — nothing is lost;
//  - a success text is announced in the page's polite live region.
// Mutations read the version from the log at the moment of sending (the latest render).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { createContext, useContext, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { isLogView, stafetlogKeys, type LogView } from '../../api/stafetlog.ts';
import { errorText } from '../../i18n/index.ts';

export interface LogPageContext {
  log: LogView;
  /** The log or an item was stale (412): show the notice, fetch the newest log. */
  onStale: () => void;
  /** Say something in the page's polite live region. */
  announce: (message: string) => void;
}

const Ctx = createContext<LogPageContext | null>(null);

export function LogPageProvider({ value, children }: { value: LogPageContext; children: ReactNode }) {
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useLogPage(): LogPageContext {
  const v = useContext(Ctx);
  if (!v) throw new Error('useLogPage outside the log page');
  return v;
}

export const isStale = (e: unknown) => e instanceof ApiError && (e.code === 'version.mismatch' || e.status === 412);

/** The text for a failed write: the stale-log text for a 412, else the error code's text. */
export function useWriteErrorText() {
  const { t } = useTranslation('stafetlog');
  return (e: unknown) => (isStale(e) ? t('stale.retry') : errorText(e));
}

export interface LogWriteOptions<V> {
  /** Announced after success. */
  done?: string | ((vars: V) => string);
  onSuccess?: (vars: V) => void;
  /** Where focus goes when the control that started the write is gone afterwards (a row
   *  button whose row changed, a dialog's opener): the id of the section's heading. */
  focusFallback?: string;
}

/** After the dialog has closed and the page re-rendered: if focus fell to <body>, move it. */
export function focusIfLost(id: string | undefined): void {
  if (!id) return;
  window.setTimeout(() => {
    const active = document.activeElement;
    if (!active || active === document.body) document.getElementById(id)?.focus();
  }, 60);
}

export function useLogWrite<V>(send: (log: LogView, vars: V) => Promise<unknown>, options: LogWriteOptions<V> = {}) {
  const { log, onStale, announce } = useLogPage();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (vars: V) => send(log, vars),
    onSuccess: async (result, vars) => {
      if (isLogView(result)) qc.setQueryData(stafetlogKeys.log(log.id), result);
      else await qc.invalidateQueries({ queryKey: stafetlogKeys.log(log.id) });
      void qc.invalidateQueries({ queryKey: stafetlogKeys.mine });
      void qc.invalidateQueries({ queryKey: stafetlogKeys.child(log.child.id) });
      const message = typeof options.done === 'function' ? options.done(vars) : options.done;
      if (message) announce(message);
      options.onSuccess?.(vars);
      focusIfLost(options.focusFallback);
    },
    onError: (e) => {
      if (isStale(e)) onStale();
    },
  });
}

/** Where to go when a write is refused for want of consent: the child's consents, on the child page. */
export function ConsentLink({ log }: { log: LogView }) {
  const { t } = useTranslation('stafetlog');
  return (
    <p>
      <Link to="/boern/$childId" params={{ childId: log.child.id }} hash="samtykker" className="function-link">
        {t('participants.consentLink', { name: log.child.firstName })}
      </Link>
    </p>
  );
}
