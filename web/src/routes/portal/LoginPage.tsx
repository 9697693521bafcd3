// /borger/log-ind — what the portal is, the municipality, "Log ind med MitID" (when NemLog-in
// is set up), and in demo installations a clearly marked list of demo parents. ?fejl=<code>
// shows why a MitID log-in failed; ?besked= says why the parent is here (logged out, expired).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { demoLogin, portalKeys, samlStartUrl, useDemoCitizens, usePortalConfig, type DemoCitizen } from '../../api/portal.ts';
import { ErrorSummary, type SummaryError } from '../../components/ErrorSummary.tsx';
import { SelectField, TextField } from '../../components/FormField.tsx';
import { Notice } from '../../components/Notice.tsx';
import { Loading } from '../../components/Spinner.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import i18n, { errorText } from '../../i18n/index.ts';
import { municipalitiesQuery } from '../login/LoginPage.tsx';
import { joinNames } from './labels.ts';

export interface PortalLoginSearch {
  fejl?: string;
  besked?: 'logget-ud' | 'udloebet';
}

export function validatePortalLoginSearch(search: Record<string, unknown>): PortalLoginSearch {
  const fejl = typeof search.fejl === 'string' && /^[a-z_.]{1,60}$/.test(search.fejl) ? search.fejl : undefined;
  const besked = search.besked === 'logget-ud' || search.besked === 'udloebet' ? search.besked : undefined;
  return { fejl, besked };
}

/** The Danish text for a failed log-in's code; an unknown code gets the general MitID message. */
function loginErrorText(code: string): string {
  return i18n.exists(`errors.${code}`) ? errorText({ code }) : errorText({ code: 'portal.login_failed' });
}

function DemoLogin({ municipalityId }: { municipalityId: string }) {
  const { t } = useTranslation('portal');
  const navigate = useNavigate();
  const qc = useQueryClient();
  const citizens = useDemoCitizens(municipalityId, true);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const all = citizens.data ?? [];
  const q = filter.trim().toLocaleLowerCase('da');
  const shown = q ? all.filter((c) => [c.name, ...c.children.map((ch) => ch.firstName)].some((n) => n.toLocaleLowerCase('da').includes(q))) : all;

  const choose = async (c: DemoCitizen) => {
    setBusy(c.id);
    setError(null);
    try {
      const me = await demoLogin(municipalityId, c.id);
      // A new person in this tab: nothing cached from before may be shown.
      qc.clear();
      qc.setQueryData(portalKeys.me, me);
      await navigate({ to: '/borger', replace: true });
    } catch (e) {
      setError(errorText(e));
      setBusy(null);
    }
  };

  return (
    <section className="tidlig-portal-demo mt-8" aria-labelledby="portal-demo-heading">
      <h2 id="portal-demo-heading">{t('login.demoHeading')}</h2>
      <Notice variant="warning" heading={t('login.demoWarningHeading')} headingLevel={3}>
        {t('login.demoWarning')}
      </Notice>
      {error ? (
        <Notice variant="error" live="assertive">
          {error}
        </Notice>
      ) : null}
      {citizens.isPending ? <Loading /> : null}
      {citizens.isError ? <Notice variant="error">{errorText(citizens.error)}</Notice> : null}
      {citizens.data && citizens.data.length === 0 ? <p>{t('login.demoNone')}</p> : null}
      {all.length > 8 ? (
        <TextField
          id="portal-demo-filter"
          type="search"
          label={t('login.demoFilter')}
          hint={t('login.demoFilterHint')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          autoComplete="off"
          width="l"
        />
      ) : null}
      {all.length ? (
        <p className="mt-4" aria-live="polite">
          {t('login.demoShown', { count: shown.length })}
        </p>
      ) : null}
      {shown.length ? (
        <ul className="unstyled-list tidlig-portal-choices">
          {shown.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                className="button button-secondary tidlig-portal-choice"
                disabled={busy !== null}
                onClick={() => void choose(c)}
              >
                <span className="tidlig-portal-choice-name">{t('login.demoAs', { name: c.name })}</span>
                <span className="tidlig-portal-choice-detail">
                  {t('login.demoParentOf', { names: joinNames(c.children.map((ch) => ch.firstName), t('common.and')) })}
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

export function PortalLoginPage() {
  const { t } = useTranslation('portal');
  usePageTitle(t('login.title'));
  const search = useSearch({ strict: false }) as PortalLoginSearch;
  const config = usePortalConfig();
  const municipalities = useQuery(municipalitiesQuery);
  const [municipalityId, setMunicipalityId] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);

  const list = municipalities.data ?? [];
  useEffect(() => {
    if (list.length === 1 && !municipalityId) setMunicipalityId(list[0]!.id);
  }, [list, municipalityId]);

  const onMitId = (e: FormEvent) => {
    e.preventDefault();
    if (!municipalityId) {
      setFieldError(t('login.municipalityRequired'));
      return;
    }
    window.location.assign(samlStartUrl(municipalityId));
  };

  const summary: SummaryError[] = fieldError ? [{ fieldId: 'portal-municipality', message: fieldError }] : [];
  const saml = config.data?.samlEnabled === true;
  const demo = config.data?.demoLogin === true;

  return (
    <div className="row">
      <div className="col-12 col-md-10 col-lg-8">
        <h1>{t('login.title')}</h1>
        {search.besked === 'logget-ud' ? (
          <Notice variant="success" heading={t('login.loggedOutHeading')} live="polite">
            {t('login.loggedOut')}
          </Notice>
        ) : null}
        {search.besked === 'udloebet' ? (
          <Notice variant="warning" heading={t('login.expiredHeading')} live="polite">
            {t('login.expired')}
          </Notice>
        ) : null}
        {search.fejl ? (
          <Notice variant="error" heading={t('login.failedHeading')} live="assertive">
            {loginErrorText(search.fejl)}
          </Notice>
        ) : null}
        <ErrorSummary errors={summary} />

        <p className="font-lead">{t('login.lead')}</p>
        <ul className="tidlig-portal-can">
          <li>{t('login.can1')}</li>
          <li>{t('login.can2')}</li>
          <li>{t('login.can3')}</li>
          <li>{t('login.can4')}</li>
        </ul>

        {municipalities.isPending || config.isPending ? <Loading /> : null}
        {municipalities.isError ? <Notice variant="error">{errorText(municipalities.error)}</Notice> : null}
        {config.isError ? <Notice variant="error">{errorText(config.error)}</Notice> : null}

        {list.length && config.data ? (
          <form onSubmit={onMitId} noValidate aria-labelledby="portal-login-heading" className="mt-6">
            <h2 id="portal-login-heading">{t('login.formHeading')}</h2>
            <SelectField
              id="portal-municipality"
              label={t('login.municipality')}
              hint={t('login.municipalityHint')}
              placeholder={list.length > 1 ? t('login.chooseMunicipality') : undefined}
              options={list.map((m) => ({ value: m.id, label: m.name }))}
              value={municipalityId}
              onChange={(e) => {
                setMunicipalityId(e.target.value);
                setFieldError(null);
              }}
              error={fieldError}
              required
            />
            {saml ? (
              <button type="submit" className="button button-primary tidlig-portal-wide mt-4">
                {t('login.mitid')}
              </button>
            ) : (
              <Notice variant="info" className="mt-4">
                {t('login.mitidOff')}
              </Notice>
            )}
          </form>
        ) : null}

        {demo && municipalityId ? <DemoLogin key={municipalityId} municipalityId={municipalityId} /> : null}

        <h2 className="mt-8">{t('login.privacyHeading')}</h2>
        <p>{t('login.privacy')}</p>
      </div>
    </div>
  );
}
