// Words a parent reads for the server's codes: purposes, information types, statuses, the
// access log's actions. Unknown codes fall back to a readable default, never to a raw key.
import { useTranslation } from 'react-i18next';
import type { AccessLogRow, ConsentView, LogView } from '../../api/portal.ts';
import { todayInCopenhagen } from '../../components/format.ts';

export const PURPOSES = ['stafetlog', 'overgang', 'trivselsdeling', 'tvaerfagligt_moede'] as const;
export const INFORMATION_TYPES = ['stafetlog', 'trivselsvurderinger', 'udviklingsbeskrivelse', 'helbred', 'skole', 'familieforhold'] as const;

export function usePortalLabels() {
  const { t } = useTranslation('portal');
  const { t: tt } = useTranslation();
  const or = (key: string, fallback: string) => t(key, { defaultValue: fallback });
  return {
    purpose: (p: string) => or(`purposes.${p}.label`, p),
    purposeHelp: (p: string) => or(`purposes.${p}.help`, ''),
    informationType: (i: string) => or(`informationTypes.${i}`, i),
    consentStatus: (s: ConsentView['status']) => or(`consent.status.${s}`, s),
    recipient: (r: ConsentView['recipients'][number]) => r.name,
    profession: (p: string | null | undefined) => (p ? tt(`professions.${p}`, { defaultValue: tt(`institutionTypes.${p}`, { defaultValue: p }) }) : ''),
    role: (r: string | null | undefined) => (r ? tt(`roles.${r}`, { defaultValue: r }) : ''),
    relation: (r: string) => tt(`relations.${r}`, { defaultValue: r }),
    entryKind: (k: LogView['entries'][number]['kind']) => or(`log.entryKinds.${k}`, k),
    goalStatus: (s: LogView['goals'][number]['status']) => or(`log.goalStatus.${s}`, s),
    actionStatus: (s: LogView['actions'][number]['status']) => or(`log.actionStatus.${s}`, s),
    part: (p: string | null) => (p ? or(`log.parts.${p}`, p) : ''),
    leftReason: (r: string | null) => (r ? or(`log.leftReasons.${r}`, r) : ''),
    action: (a: AccessLogRow['action']) => or(`access.actions.${a}`, tt(`audit.actions.${a}`, { defaultValue: a })),
    resourceType: (r: string) => or(`access.resources.${r}`, tt(`audit.resourceTypes.${r}`, { defaultValue: r })),
  };
}

/** Whole years between a birth date and today (Copenhagen). */
export function ageInYears(birthDate: string, today: string = todayInCopenhagen()): number {
  const [by, bm, bd] = birthDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** 'YYYY-MM-DD' plus whole years (29 February becomes 28 February in a common year). */
export function addYears(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const target = y + years;
  const last = new Date(Date.UTC(target, m, 0)).getUTCDate();
  return `${target}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** A list in plain Danish: "A", "A og B", "A, B og C". */
export function joinNames(names: string[], and: string): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} ${and} ${names[names.length - 1]}`;
}
