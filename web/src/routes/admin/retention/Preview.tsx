// The live preview: what a run today would delete and anonymise with the values in the form
// (saved or not). Asked for a moment after the last keystroke, and only when every value is
// valid; the sentence above the table is announced politely, the table is not (it would
// repeat the same).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../../components/Notice.tsx';
import { Loading } from '../../../components/Spinner.tsx';
import { errorText } from '../../../i18n/index.ts';
import { previewQuery, type RetentionPreview, type RetentionValues } from './api.ts';
import { CountsTable, useCountsSentence } from './Counts.tsx';
import { formatAsOf } from './format.ts';

const DEBOUNCE_MS = 400;

function useDebounced<T>(value: T, key: string, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setV(value), ms);
    return () => window.clearTimeout(timer);
    // `key` stands for `value` (a fresh object each render)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, ms]);
  return v;
}

export function usePreview(values: RetentionValues | null) {
  const key = values ? JSON.stringify(values) : '';
  const debounced = useDebounced(values, key, DEBOUNCE_MS);
  const settled = (debounced ? JSON.stringify(debounced) : '') === key;
  const query = useQuery({
    ...previewQuery(debounced ?? ({} as RetentionValues)),
    enabled: debounced !== null,
    placeholderData: keepPreviousData,
  });
  return { query, settled };
}

export function PreviewSection({ values }: { values: RetentionValues | null }) {
  const { t } = useTranslation();
  const { query, settled } = usePreview(values);
  const sentence = useCountsSentence();
  const data: RetentionPreview | undefined = values ? query.data : undefined;
  const updating = values !== null && (!settled || query.isFetching);

  return (
    <section className="tidlig-section tidlig-retention-preview" aria-labelledby="retention-preview-heading" aria-busy={updating || undefined}>
      <h2 id="retention-preview-heading">{t('retention.preview.heading')}</h2>
      <p>{t('retention.preview.intro')}</p>
      <div role="status" aria-live="polite" aria-atomic="true" id="retention-preview-summary">
        {values === null ? (
          <p>{t('retention.preview.invalid')}</p>
        ) : data ? (
          <p>
            <strong>{t('retention.preview.lead', { date: formatAsOf(data.asOf) })}</strong> {sentence(data.counts)}.
          </p>
        ) : null}
      </div>
      {values !== null && query.isPending ? <Loading text={t('retention.preview.loading')} /> : null}
      {values !== null && query.isError && !data ? (
        <Notice variant="error" live="assertive">
          {errorText(query.error)}
        </Notice>
      ) : null}
      {data ? <CountsTable id="retention-preview-table" caption={t('retention.preview.caption', { date: formatAsOf(data.asOf) })} counts={data.counts} /> : null}
      {updating && data ? <p className="tidlig-admin-muted">{t('retention.preview.updating')}</p> : null}
    </section>
  );
}
