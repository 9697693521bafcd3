// Small pieces of the screening overviews: a count as published (shown, "<5", hidden), a
// position with its colour AND its label, the CSS bar (an image whose text is the table row
// beside it), the round picker and the note on small numbers.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/FormField.tsx';
import { formatDay } from '../../components/format.ts';
import { Notice } from '../../components/Notice.tsx';
import type { Distribution, OverviewRound } from './OverviewTypes.ts';
import type { ScreeningPosition } from './types.ts';
import { Swatch } from '../../components/Swatch.tsx';

type Cell = Distribution['cells'][number];

/** A published count: the number, "<5" (1–4), or "–" (hidden so that a small count cannot be worked out). */
export function OverviewCount({ cell, threshold }: { cell: Cell | undefined; threshold: number }) {
  const { t } = useTranslation();
  if (!cell) return <span>–</span>;
  if (cell.status === 'shown') return <span>{cell.value}</span>;
  if (cell.status === 'small') {
    return (
      <>
        <span aria-hidden="true">{t('screening.overview.smallShort', { threshold })}</span>
        <span className="sr-only">{t('screening.overview.small', { threshold })}</span>
      </>
    );
  }
  return (
    <>
      <span aria-hidden="true">–</span>
      <span className="sr-only">{t('screening.overview.hidden')}</span>
    </>
  );
}

/** A position: a swatch (decoration) and always its label in text. */
export function OverviewPosition({ position }: { position: Pick<ScreeningPosition, 'label' | 'colour'> }) {
  return (
    <span className="tidlig-nowrap">
      <Swatch colour={position.colour} />
      {position.label}
    </span>
  );
}

/** How a count reads aloud in the bar's text. */
function countText(cell: Cell, threshold: number, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (cell.status === 'shown') return String(cell.value);
  if (cell.status === 'small') return t('screening.overview.small', { threshold });
  return t('screening.overview.hidden');
}

/**
 * The distribution as a stacked bar: shown counts in the positions' colours, everything
 * suppressed as one hatched part. role="img" with the same numbers as text.
 */
export function OverviewBar({ distribution, positions, threshold }: { distribution: Distribution; positions: readonly ScreeningPosition[]; threshold: number }) {
  const { t } = useTranslation();
  const { total, cells } = distribution;
  if (total === 0) return <span>–</span>;
  const byOrdinal = new Map(positions.map((p) => [p.ordinal, p]));
  const shown = cells.filter((c) => c.status === 'shown' && (c.value ?? 0) > 0);
  const rest = total - shown.reduce((n, c) => n + c.value!, 0);
  const label = distribution.withheld
    ? t('screening.overview.withheld')
    : cells.map((c) => `${byOrdinal.get(c.ordinal)?.label ?? c.ordinal} ${countText(c, threshold, t)}`).join(', ');
  return (
    <span className="tidlig-overview-bar" role="img" aria-label={t('screening.overview.barLabel', { parts: label, total })}>
      {shown.map((c) => (
        <span key={c.ordinal} className="tidlig-overview-bar-part" style={{ width: `${(100 * c.value!) / total}%`, backgroundColor: byOrdinal.get(c.ordinal)?.colour }} />
      ))}
      {rest > 0 ? <span className="tidlig-overview-bar-part tidlig-overview-bar-hidden" style={{ width: `${(100 * rest) / total}%` }} /> : null}
    </span>
  );
}

/** The legend under the tables: every position's colour and label, and the hatched "hidden" part. */
export function OverviewLegend({ positions }: { positions: readonly ScreeningPosition[] }) {
  const { t } = useTranslation();
  return (
    <ul className="tidlig-overview-legend" aria-label={t('screening.overview.legend')}>
      {positions.map((p) => (
        <li key={p.id}>
          <OverviewPosition position={p} />
          {p.meaning ? <span className="tidlig-overview-meaning"> ({p.meaning})</span> : null}
        </li>
      ))}
      <li>
        <span className="tidlig-swatch tidlig-overview-bar-hidden" aria-hidden="true" />
        {t('screening.overview.legendHidden')}
      </li>
    </ul>
  );
}

/** Pick a round: a select and a button (changing the select alone does not reload the page). */
export function OverviewRoundPicker({ rounds, value, onChoose }: { rounds: readonly OverviewRound[]; value: string | undefined; onChoose: (id: string) => void }) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState(value ?? '');
  if (rounds.length === 0) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (choice) onChoose(choice);
  };
  return (
    <form className="tidlig-overview-picker" onSubmit={submit} aria-label={t('screening.overview.pickRound')}>
      <SelectField
        id="overview-round"
        label={t('screening.overview.roundLabel')}
        value={choice}
        onChange={(e) => setChoice(e.target.value)}
        options={rounds.map((r) => ({ value: r.id, label: `${r.name} (${formatDay(r.opensOn)} – ${formatDay(r.closesOn)})` }))}
      />
      <button type="submit" className="button button-secondary">
        {t('screening.overview.show')}
      </button>
    </form>
  );
}

/** Which round, compared with which, and why some numbers are not shown. */
export function OverviewRoundNotes({ round, previous, comparable, threshold }: { round: OverviewRound; previous: { name: string; opensOn: string; closesOn: string } | null; comparable: boolean; threshold: number }) {
  const { t } = useTranslation();
  return (
    <>
      <p>
        {t('screening.overview.roundInfo', { name: round.name, from: formatDay(round.opensOn), to: formatDay(round.closesOn), phase: t(`screening.phase.${round.phase}`) })}{' '}
        {previous ? t('screening.overview.comparedWith', { name: previous.name, from: formatDay(previous.opensOn), to: formatDay(previous.closesOn) }) : t('screening.overview.noPrevious')}
        {previous && !comparable ? ` ${t('screening.overview.notComparable')}` : ''}
      </p>
      <Notice variant="info" heading={t('screening.overview.suppressionHeading')} headingLevel={2}>
        {t('screening.overview.suppressionText', { threshold, max: threshold - 1 })}
      </Notice>
    </>
  );
}
