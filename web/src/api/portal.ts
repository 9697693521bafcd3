// The parents' portal's view of the API (S15): types inferred from the server's zod schemas
// (type-only imports: nothing from src/ reaches the bundle), query keys, queries and writes.
//
// The portal has its own session (a citizen's, from MitID or the demo log-in). It shares the
// fetch client (client.ts picks up the CSRF token from GET /api/portal/me like from
// /api/auth/me), but every call is quiet on 401: the staff app's handler would send a
// parent to the staff log-in page. A lost session sends the parent to /borger/log-ind instead.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type * as portal from '../../../src/modules/portal/schema.ts';
import type * as stafetlog from '../../../src/modules/stafetlog/schema.ts';
import { ApiError, request, type RequestOptions } from './client.ts';

export type PortalMe = z.infer<typeof portal.portalMe>;
export type PortalChild = z.infer<typeof portal.portalChild>;
export type PublicConfig = z.infer<typeof portal.publicConfig>;
export type DemoCitizen = z.infer<typeof portal.demoCitizen>;
export type PortalChildDetail = z.infer<typeof portal.portalChildDetail>;
export type PortalLogSummary = PortalChildDetail['stafetlogs'][number];
export type ConsentView = PortalChildDetail['consents'][number];
export type CustodyHolderLine = PortalChildDetail['custodyHolders'][number];
export type UpcomingItem = PortalChildDetail['upcoming'][number];
export type GiveConsentBody = z.input<typeof portal.giveConsentBody>;
export type ConsentPurpose = z.infer<typeof portal.consentPurpose>;
export type InformationType = z.infer<typeof portal.informationType>;
export type PortalRecipient = z.infer<typeof portal.portalRecipient>;
export type RecipientCandidate = z.infer<typeof portal.recipientCandidate>;
export type RecipientCandidates = z.infer<typeof portal.recipientCandidates>;
export type AccessLogPage = z.infer<typeof portal.accessLogPage>;
export type AccessLogRow = AccessLogPage['rows'][number];
export type LogView = z.infer<typeof stafetlog.logView>;
export type LevelInput = z.input<typeof portal.levelBody>;

/** Where a parent goes when the session ends: a full load, so nothing cached survives. */
export function leavePortal(notice?: 'logget-ud' | 'udloebet'): void {
  window.location.assign(notice ? `/borger/log-ind?besked=${notice}` : '/borger/log-ind');
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** A portal request: quiet on 401 for the staff handler; a lost session leaves the portal. */
async function call<T>(method: Method, path: string, options: RequestOptions & { leaveOn401?: boolean } = {}): Promise<T> {
  const { leaveOn401 = true, ...rest } = options;
  try {
    return await request<T>(method, path, { ...rest, quiet401: true });
  } catch (e) {
    if (leaveOn401 && e instanceof ApiError && e.status === 401) leavePortal(e.code === 'auth.session_expired' ? 'udloebet' : undefined);
    throw e;
  }
}

export const portalApi = {
  get: <T>(path: string, options: Omit<RequestOptions, 'body'> & { leaveOn401?: boolean } = {}) => call<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> & { leaveOn401?: boolean } = {}) =>
    call<T>('POST', path, { ...options, body }),
};

export const portalKeys = {
  all: ['portal'] as const,
  me: ['portal', 'me'] as const,
  config: ['portal', 'config'] as const,
  demoCitizens: (municipalityId: string) => ['portal', 'demo-citizens', municipalityId] as const,
  child: (childId: string) => ['portal', 'child', childId] as const,
  recipients: (childId: string) => ['portal', 'child', childId, 'recipients'] as const,
  accessLog: (childId: string, page: number) => ['portal', 'child', childId, 'access-log', page] as const,
  log: (logId: string) => ['portal', 'log', logId] as const,
};

// ── log-in (no session) ────────────────────────────────────────────────────────────────

export function usePortalConfig() {
  return useQuery({
    queryKey: portalKeys.config,
    queryFn: ({ signal }) => portalApi.get<PublicConfig>('/api/public/portal/config', { signal, leaveOn401: false }),
    staleTime: 5 * 60_000,
  });
}

export function useDemoCitizens(municipalityId: string, enabled: boolean) {
  return useQuery({
    queryKey: portalKeys.demoCitizens(municipalityId),
    queryFn: ({ signal }) => portalApi.get<DemoCitizen[]>('/api/public/portal/demo-citizens', { signal, query: { municipalityId }, leaveOn401: false }),
    enabled: enabled && municipalityId !== '',
    staleTime: 60_000,
  });
}

/** The demo log-in (demo installations only): a session for the chosen custody holder. */
export function demoLogin(municipalityId: string, custodyHolderId: string): Promise<PortalMe> {
  return portalApi.post<PortalMe>('/api/public/portal/demo-login', { municipalityId, custodyHolderId }, { leaveOn401: false });
}

/** The MitID (NemLog-in) start: a full-page navigation, the IdP answers with a form POST. */
export function samlStartUrl(municipalityId: string): string {
  return `/api/portal/saml/${encodeURIComponent(municipalityId)}/start`;
}

/** Log out, then leave to the log-in page (also when the session is already gone). */
export async function portalLogout(notice: 'logget-ud' | 'udloebet' = 'logget-ud'): Promise<void> {
  try {
    await portalApi.post('/api/auth/logout', undefined, { leaveOn401: false });
  } catch {
    // the server clears the cookie either way
  }
  leavePortal(notice);
}

// ── the logged-in parent ───────────────────────────────────────────────────────────────

/** GET /api/portal/me; the layout loads it before any page (401 → /borger/log-ind). */
export const portalMeQuery = queryOptions({
  queryKey: portalKeys.me,
  queryFn: ({ signal }) => portalApi.get<PortalMe>('/api/portal/me', { signal, leaveOn401: false }),
  staleTime: 60_000,
  retry: false,
});

export function usePortalMe() {
  return useQuery(portalMeQuery);
}

export function useChild(childId: string) {
  return useQuery({
    queryKey: portalKeys.child(childId),
    queryFn: ({ signal }) => portalApi.get<PortalChildDetail>(`/api/portal/children/${childId}`, { signal }),
  });
}

export function useLog(logId: string | null) {
  return useQuery({
    queryKey: portalKeys.log(logId ?? ''),
    queryFn: ({ signal }) => portalApi.get<LogView>(`/api/portal/stafetlogs/${logId}`, { signal }),
    enabled: logId !== null,
  });
}

export function useRecipients(childId: string, enabled: boolean) {
  return useQuery({
    queryKey: portalKeys.recipients(childId),
    queryFn: ({ signal }) => portalApi.get<RecipientCandidates>(`/api/portal/children/${childId}/recipients`, { signal }),
    enabled,
  });
}

export function useAccessLog(childId: string, page: number) {
  return useQuery({
    queryKey: portalKeys.accessLog(childId, page),
    queryFn: ({ signal }) => portalApi.get<AccessLogPage>(`/api/portal/children/${childId}/access-log`, { signal, query: { page } }),
    placeholderData: (previous) => previous,
  });
}

// ── writes ─────────────────────────────────────────────────────────────────────────────

/** Writes in a log: the parents' own words, their level of concern, a proposed goal. */
export function useLogWrite(logId: string, childId: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (w: { kind: 'entry'; body: string } | { kind: 'level'; level: number; comment?: string } | { kind: 'goal'; text: string }) => {
      const base = `/api/portal/stafetlogs/${logId}`;
      if (w.kind === 'entry') return portalApi.post(`${base}/entries`, { body: w.body });
      if (w.kind === 'level') return portalApi.post(`${base}/levels`, w.comment ? { level: w.level, comment: w.comment } : { level: w.level });
      return portalApi.post(`${base}/goals`, { text: w.text });
    },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: portalKeys.log(logId) });
      if (childId) await qc.invalidateQueries({ queryKey: portalKeys.child(childId), exact: true });
    },
  });
}

/** Consent: give (digital, signed by me), co-sign, withdraw. The child's page reloads after each. */
export function useConsentWrite(childId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (w: { kind: 'give'; body: GiveConsentBody } | { kind: 'sign'; consentId: string } | { kind: 'withdraw'; consentId: string; reason?: string }) => {
      if (w.kind === 'give') return portalApi.post<ConsentView>(`/api/portal/children/${childId}/consents`, w.body);
      if (w.kind === 'sign') return portalApi.post<ConsentView>(`/api/portal/consents/${w.consentId}/sign`, {});
      return portalApi.post<ConsentView>(`/api/portal/consents/${w.consentId}/withdraw`, w.reason ? { reason: w.reason } : {});
    },
    // A withdrawal changes who takes part in the logs: everything about the child is reloaded.
    onSuccess: () => qc.invalidateQueries({ queryKey: portalKeys.all, predicate: (q) => q.queryKey[1] !== 'me' }),
  });
}
