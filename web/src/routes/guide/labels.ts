// Names of the guide's codes (kinds and their fields) in the current language.
import { useTranslation } from 'react-i18next';
import { GUIDE_KINDS, KIND_FIELDS } from '../../../../src/domain/guide-entry.ts';
import type { GuideKind } from './api.ts';

export { GUIDE_KINDS, KIND_FIELDS };

export function useGuideLabels() {
  const { t } = useTranslation('guide');
  return {
    kind: (k: GuideKind) => t(`kinds.${k}.one`),
    kindPlural: (k: GuideKind) => t(`kinds.${k}.other`),
    field: (k: GuideKind, f: string) => t(`fields.${k}.${f}`, { defaultValue: f }),
    kindOptions: GUIDE_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}.one`) })),
  };
}

export function isGuideKind(v: unknown): v is GuideKind {
  return typeof v === 'string' && (GUIDE_KINDS as readonly string[]).includes(v);
}
