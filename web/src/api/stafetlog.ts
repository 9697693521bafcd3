// The stafetlog and consent pages' view of the API (src/modules/stafetlog, src/modules/consent):
// types inferred from the server's zod schemas (type-only imports: nothing from src/ reaches the
// bundle through this file), query keys and the queries several pages share.
import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type * as cs from '../../../src/modules/consent/schema.ts';
import type * as ss from '../../../src/modules/stafetlog/schema.ts';
import type { ConsentPurpose, InformationType, LegalBasisCode } from '../../../src/domain/consent.ts';
import { api } from './client.ts';

export type LogView = z.infer<typeof ss.logView>;
export type LogParticipant = LogView['participants'][number];
export type LogLevel = LogView['levels'][number];
export type LogGoal = LogView['goals'][number];
export type LogAction = LogView['actions'][number];
export type LogEvaluation = LogView['evaluations'][number];
export type LogEntry = LogView['entries'][number];
export type LogDocument = LogView['documents'][number];
export type LogRelay = LogView['relays'][number];
export type LogTransfer = LogView['transfers'][number];
export type MineView = z.infer<typeof ss.mineOut>;
export type ChildStafetlog = z.infer<typeof ss.childLogOut>;
export type DirectoryPerson = z.infer<typeof ss.directoryOut>[number];
export type StafetlogSettings = z.infer<typeof ss.settingsOut>;
export type OpenLogBody = z.input<typeof ss.openLog>;
export type RelayBody = z.input<typeof ss.relayCreate>;
export type TransferBody = z.input<typeof ss.transferCreate>;

export type ConsentRecipient = z.infer<typeof cs.recipient>;
export type RecipientInput = z.input<typeof cs.recipientInput>;
export type ConsentView = z.infer<typeof cs.consentView>;
export type ChildConsents = z.infer<typeof cs.childConsentsOut>;
export type PaperConsentInput = z.input<typeof cs.paperConsentCreate>;
export type ConsentSettings = z.infer<typeof cs.consentSettingsOut>;
export type ConsentSettingsBody = z.input<typeof cs.consentSettingsPut>;

// The same lists as src/domain/consent.ts (kept here as values so no server code is bundled;
// `satisfies` makes the compiler refuse a code the server does not know).
export const CONSENT_PURPOSES = ['stafetlog', 'overgang', 'trivselsdeling', 'tvaerfagligt_moede'] as const satisfies readonly ConsentPurpose[];
export const INFORMATION_TYPES = ['stafetlog', 'trivselsvurderinger', 'udviklingsbeskrivelse', 'helbred', 'skole', 'familieforhold'] as const satisfies readonly InformationType[];
/** src/domain/consent.ts LEGAL_BASES: the codes a disclosure may rely on instead of consent. */
export const LEGAL_BASIS_CODES = ['BL133'] as const satisfies readonly LegalBasisCode[];

export const stafetlogKeys = {
  all: ['stafetlog'] as const,
  log: (id: string) => ['stafetlog', 'log', id] as const,
  mine: ['stafetlog', 'mine'] as const,
  child: (childId: string) => ['stafetlog', 'child', childId] as const,
  consents: (childId: string) => ['consents', 'child', childId] as const,
  directory: (q: string) => ['stafetlog', 'directory', q] as const,
  settings: ['stafetlog', 'settings'] as const,
  consentSettings: ['consents', 'settings'] as const,
};

export const logQuery = (id: string) =>
  queryOptions({ queryKey: stafetlogKeys.log(id), queryFn: ({ signal }) => api.get<LogView>(`/api/stafetlogs/${id}`, { signal }), staleTime: 0 });

export const mineQuery = queryOptions({
  queryKey: stafetlogKeys.mine,
  queryFn: ({ signal }) => api.get<MineView>('/api/stafetlogs/mine', { signal }),
  staleTime: 0,
});

export const childStafetlogQuery = (childId: string) =>
  queryOptions({
    queryKey: stafetlogKeys.child(childId),
    queryFn: ({ signal }) => api.get<ChildStafetlog>(`/api/children/${childId}/stafetlog`, { signal }),
    staleTime: 0,
  });

export const childConsentsQuery = (childId: string) =>
  queryOptions({
    queryKey: stafetlogKeys.consents(childId),
    queryFn: ({ signal }) => api.get<ChildConsents>(`/api/children/${childId}/consents`, { signal }),
    staleTime: 0,
  });

export const directoryQuery = (q: string) =>
  queryOptions({
    queryKey: stafetlogKeys.directory(q),
    queryFn: ({ signal }) => api.get<DirectoryPerson[]>('/api/stafetlogs/directory', { signal, query: { q } }),
    staleTime: 30_000,
    enabled: q.trim().length >= 2,
  });

/** A write's answer is the whole log for most stafetlog endpoints. */
export function isLogView(v: unknown): v is LogView {
  return typeof v === 'object' && v !== null && 'participants' in v && 'version' in v && 'concernLabels' in v;
}
