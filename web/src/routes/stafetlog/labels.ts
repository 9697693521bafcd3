// Danish (and English) words for the codes the stafetlog and consent API answers with.
import { useTranslation } from 'react-i18next';
import type { ConsentRecipient, LogParticipant } from '../../api/stafetlog.ts';

export function useStafetlogLabels() {
  const { t } = useTranslation('stafetlog');
  return {
    /** '2 – Bekymring' with the municipality's own label for the level. */
    level: (level: number, labels: readonly string[]) => t('levels.value', { level, label: labels[level] ?? '' }),
    profession: (p: string | null | undefined) => (p ? t(`translation:professions.${p}`, { defaultValue: p }) : ''),
    role: (r: string) => t(`translation:roles.${r}`, { defaultValue: r }),
    unitKind: (k: string) => t(`translation:unitKinds.${k}`, { defaultValue: k }),
    relation: (r: string) => t(`translation:relations.${r}`, { defaultValue: r }),
    part: (p: string | null | undefined) => (p ? t(`parts.${p}`, { defaultValue: p }) : ''),
    leftReason: (r: string | null) => t(`participants.left.${r ?? 'left'}`, { defaultValue: r ?? '' }),
    legalBasis: (code: string) => t(`legalBases.${code}`, { defaultValue: code }),
    basis: (p: Pick<LogParticipant, 'basis'>) =>
      p.basis.consentId ? t('participants.basisConsent') : p.basis.legalBasis ? t('participants.basisLegal', { basis: t(`legalBases.${p.basis.legalBasis}`, { defaultValue: p.basis.legalBasis }) }) : t('participants.basisOwn'),
    entryKind: (k: string) => t(`entries.kinds.${k}`, { defaultValue: k }),
    goalStatus: (s: string) => t(`goals.status.${s}`, { defaultValue: s }),
    actionStatus: (s: string) => t(`actions.status.${s}`, { defaultValue: s }),
    relayStatus: (s: string) => t(`relay.status.${s}`, { defaultValue: s }),
    purpose: (p: string) => t(`consent.purposes.${p}`, { defaultValue: p }),
    informationType: (i: string) => t(`consent.informationTypes.${i}`, { defaultValue: i }),
    consentStatus: (s: string) => t(`consent.status.${s}`, { defaultValue: s }),
    recipient: (r: ConsentRecipient) =>
      r.kind === 'role'
        ? t('consent.recipientRole', { name: r.name || t(`translation:roles.${r.role}`, { defaultValue: r.role }) })
        : r.kind === 'municipality'
          ? t('consent.recipientMunicipality', { name: r.name, code: r.code })
          : r.name,
  };
}

export type StafetlogLabels = ReturnType<typeof useStafetlogLabels>;

/** '1,2 MB' / '830 kB' */
export function formatSize(bytes: number, language: string): string {
  const nf = (n: number) => new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'da-DK', { maximumFractionDigits: 1 }).format(n);
  if (bytes >= 1024 * 1024) return `${nf(bytes / (1024 * 1024))} MB`;
  return `${nf(Math.max(1, Math.round(bytes / 1024)))} kB`;
}
