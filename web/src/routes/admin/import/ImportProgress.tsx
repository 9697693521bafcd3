// The progress of a running import: an ARIA progressbar (role, aria-valuenow/min/max and a
// value text "x af y rækker") drawn with a native <progress> (no inline styles under the
// CSP), the same text visible beside it, and a polite status line for screen readers that
// speaks the phase and every quarter — not every 500 ms poll, which would drown the reader.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface ImportProgressProps {
  id: string;
  phase: string | null;
  processed: number;
  total: number;
}

export function ImportProgress({ id, phase, processed, total }: ImportProgressProps) {
  const { t } = useTranslation('admin');
  const known = total > 0;
  const value = known ? Math.min(processed, total) : 0;
  const phaseText = phase ? t(`import.phases.${phase}`, { defaultValue: phase }) : t('import.phases.starting');
  const valueText = known ? t('import.progressText', { processed: value, total }) : t('import.progressUnknown');
  const pct = known ? Math.floor((value / total) * 100) : 0;

  // What the status line says: changes on a new phase and at 25/50/75/100 %.
  const [spoken, setSpoken] = useState(`${phaseText}. ${valueText}`);
  const last = useRef({ phase, quarter: -1 });
  useEffect(() => {
    const quarter = Math.floor(pct / 25);
    if (phase !== last.current.phase || quarter !== last.current.quarter) {
      last.current = { phase, quarter };
      setSpoken(`${phaseText}. ${valueText}`);
    }
  }, [phase, pct, phaseText, valueText]);

  return (
    <div className="tidlig-admin-progress">
      <p className="form-label" id={`${id}-label`}>
        {t('import.progressLabel')}: {phaseText}
      </p>
      <div
        id={id}
        role="progressbar"
        aria-labelledby={`${id}-label`}
        aria-valuemin={0}
        aria-valuemax={known ? total : 100}
        aria-valuenow={known ? value : undefined}
        aria-valuetext={valueText}
        className="tidlig-admin-progress-track"
      >
        <progress className="tidlig-admin-progress-bar" max={known ? total : undefined} value={known ? value : undefined} aria-hidden="true" />
      </div>
      <p className="tidlig-admin-progress-text" aria-hidden="true">
        {valueText}
        {known ? ` (${pct} %)` : ''}
      </p>
      <p className="sr-only" role="status">
        {spoken}
      </p>
    </div>
  );
}
