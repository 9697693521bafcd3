// /admin/opbevaring — how long the municipality keeps screening ratings, stafetlogs, consents,
// children without a tie to the municipality and the audit trail (retention.manage: the
// administrator and the DPO). The form, a live preview of what a run today would remove with
// the values in the form, "Kør nu" and the latest runs.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../../components/Notice.tsx';
import { Loading } from '../../../components/Spinner.tsx';
import { usePageTitle } from '../../../components/usePageTitle.ts';
import { errorText } from '../../../i18n/index.ts';
import { RETENTION_KEYS, retentionKeys, settingsQuery, validValues, type RetentionSettings } from './api.ts';
import { PreviewSection } from './Preview.tsx';
import { RunsSection } from './Runs.tsx';
import { draftOf, SettingsForm, type Draft } from './SettingsForm.tsx';
import './retention.css';

export function RetentionPage() {
  const { t } = useTranslation();
  usePageTitle(t('retention.title'));
  const qc = useQueryClient();
  const query = useQuery(settingsQuery);
  // The settings the form was filled from (its If-Match version) and what is typed now.
  const [base, setBase] = useState<RetentionSettings | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  useEffect(() => {
    const data = query.data;
    if (!data) return;
    if (!base) {
      setBase(data);
      setDraft(draftOf(data.settings));
      return;
    }
    // A refetch after a run brings the new runs. Should it also bring settings someone else
    // saved meanwhile, the form keeps the version it was filled from, so saving over them
    // still answers 412 instead of silently overwriting.
    setBase((b) => (b && b.version !== data.version ? { ...data, version: b.version, settings: b.settings } : data));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query.data]);

  const saved = (fresh: RetentionSettings) => {
    setBase(fresh);
    setDraft(draftOf(fresh.settings));
    qc.setQueryData(retentionKeys.settings, fresh);
  };

  const reload = async () => {
    const fresh = await qc.fetchQuery({ ...settingsQuery, staleTime: 0 });
    qc.setQueryData(retentionKeys.settings, fresh);
    setBase(fresh);
    setDraft(draftOf(fresh.settings));
  };

  return (
    <>
      <h1>{t('retention.title')}</h1>
      <p className="font-lead">{t('retention.intro')}</p>
      <p>{t('retention.introRuns')}</p>
      {query.isError && !base ? (
        <Notice variant="error" live="assertive">
          <p>{errorText(query.error)}</p>
          <button type="button" className="button button-secondary mt-3" onClick={() => void query.refetch()}>
            {t('common.retry')}
          </button>
        </Notice>
      ) : null}
      {!base || !draft ? (
        query.isError ? null : <Loading text={t('retention.loading')} />
      ) : (
        <>
          <div className="row">
            <div className="col-12 col-lg-6">
              <SettingsForm base={base} draft={draft} onDraft={setDraft} onSaved={saved} onReload={reload} />
            </div>
            <div className="col-12 col-lg-6">
              <PreviewSection values={validValues(draft, base.bounds)} />
            </div>
          </div>
          <RunsSection base={base} unsaved={!sameAs(draft, base)} />
        </>
      )}
    </>
  );
}

function sameAs(draft: Draft, base: RetentionSettings): boolean {
  return RETENTION_KEYS.every((k) => draft[k].trim() === String(base.settings[k]));
}
