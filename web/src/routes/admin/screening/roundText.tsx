// How a round's window and phase read on the set-up pages (the phase in words, never colour alone).
import { useTranslation } from 'react-i18next';
import { formatDay } from '../../../components/format.ts';
import { Badge } from '../widgets.tsx';
import type { Round } from './api.ts';

const PHASE_VARIANT = { planned: 'info', open: 'success', closed: undefined } as const;

export function PhaseBadge({ phase }: { phase: Round['phase'] }) {
  const { t } = useTranslation('admin');
  return <Badge variant={PHASE_VARIANT[phase]}>{t(`screeningAdmin.phase.${phase}`)}</Badge>;
}

export function RoundPeriod({ round }: { round: Pick<Round, 'opensOn' | 'closesOn'> }) {
  const { t } = useTranslation('admin');
  return <>{t('screeningAdmin.period', { from: formatDay(round.opensOn), to: formatDay(round.closesOn) })}</>;
}

/** 0.4 → '40 %' (Danish) / '40%' (English). */
export function formatShare(ratio: number, language: string): string {
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'da-DK', { style: 'percent', maximumFractionDigits: 0 }).format(ratio);
}

/** 4748 → '4.748' (Danish) / '4,748' (English). */
export function formatCount(n: number, language: string): string {
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'da-DK').format(n);
}
