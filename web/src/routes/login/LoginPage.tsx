// /login — municipality, username, password; SSO buttons for the chosen municipality.
// A failed log-in shows the server's one message whatever went wrong (no user enumeration);
// ?error=<code> shows the message of an SSO failure; ?notice= says why the user is here.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';
import { meQuery } from '../../api/session.ts';
import type { Me, MunicipalityPublic } from '../../api/types.ts';
import { ErrorSummary, type SummaryError } from '../../components/ErrorSummary.tsx';
import { SelectField, TextField } from '../../components/FormField.tsx';
import { landingPath } from '../../components/nav.ts';
import { Notice } from '../../components/Notice.tsx';
import { Loading } from '../../components/Spinner.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { errorText } from '../../i18n/index.ts';

export interface LoginSearch {
  error?: string;
  notice?: 'session_expired' | 'logged_out';
  redirect?: string;
}

export function validateLoginSearch(search: Record<string, unknown>): LoginSearch {
  const str = (v: unknown) => (typeof v === 'string' && v.length <= 200 ? v : undefined);
  const notice = search.notice === 'session_expired' || search.notice === 'logged_out' ? search.notice : undefined;
  const redirect = str(search.redirect);
  return {
    error: str(search.error),
    notice,
    // Only paths inside the app (no //host, no scheme).
    redirect: redirect && /^\/(?!\/)/.test(redirect) ? redirect : undefined,
  };
}

export const municipalitiesQuery = {
  queryKey: ['public', 'municipalities'] as const,
  queryFn: ({ signal }: { signal: AbortSignal }) => api.get<MunicipalityPublic[]>('/api/public/municipalities', { signal }),
  staleTime: 5 * 60_000,
};

type Field = 'municipality' | 'username' | 'password';

export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('login.title'));
  const search = useSearch({ from: '/public/login' });
  const navigate = useNavigate();
  const qc = useQueryClient();
  const municipalities = useQuery(municipalitiesQuery);

  const [municipalityId, setMunicipalityId] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [serverError, setServerError] = useState<string | null>(() =>
    search.error ? errorText({ code: search.error.startsWith('auth.') ? search.error : 'auth.sso_failed' }) : null,
  );
  const [submitting, setSubmitting] = useState(false);

  const list = municipalities.data ?? [];
  useEffect(() => {
    if (list.length === 1 && !municipalityId) setMunicipalityId(list[0]!.id);
  }, [list, municipalityId]);
  const chosen = list.find((m) => m.id === municipalityId);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const errors: Partial<Record<Field, string>> = {};
    if (!municipalityId) errors.municipality = t('login.municipalityRequired');
    if (!username.trim()) errors.username = t('login.usernameRequired');
    if (!password) errors.password = t('login.passwordRequired');
    setFieldErrors(errors);
    setServerError(null);
    if (Object.keys(errors).length) return;
    setSubmitting(true);
    try {
      const me = await api.post<Me>('/api/auth/login', { municipalityId, username: username.trim(), password }, { quiet401: true });
      // A new user in this tab: nothing cached from before may be shown.
      qc.clear();
      qc.setQueryData(meQuery.queryKey, me);
      await navigate({ to: search.redirect ?? landingPath(me) ?? '/', replace: true });
    } catch (err) {
      setPassword('');
      setServerError(err instanceof ApiError ? errorText(err) : errorText({ code: 'internal' }));
    } finally {
      setSubmitting(false);
    }
  };

  const summary: SummaryError[] = [
    ...(serverError ? [{ message: serverError }] : []),
    ...(fieldErrors.municipality ? [{ fieldId: 'login-municipality', message: fieldErrors.municipality }] : []),
    ...(fieldErrors.username ? [{ fieldId: 'login-username', message: fieldErrors.username }] : []),
    ...(fieldErrors.password ? [{ fieldId: 'login-password', message: fieldErrors.password }] : []),
  ];

  return (
    <div className="row">
      <div className="col-12 col-md-10 col-lg-7">
        <h1>{t('login.title')}</h1>
        {search.notice === 'session_expired' ? (
          <Notice variant="warning" heading={t('login.sessionExpiredHeading')} live="polite">
            {t('errors.auth.session_expired')}
          </Notice>
        ) : null}
        {search.notice === 'logged_out' ? (
          <Notice variant="success" heading={t('login.loggedOutHeading')} live="polite">
            {t('app.loggedOut')}
          </Notice>
        ) : null}

        <ErrorSummary errors={summary} />

        <p className="font-lead">{t('login.intro')}</p>

        {municipalities.isPending ? <Loading /> : null}
        {municipalities.isError ? <Notice variant="error">{errorText(municipalities.error)}</Notice> : null}
        {municipalities.isSuccess && list.length === 0 ? <Notice variant="info">{t('login.noMunicipalities')}</Notice> : null}

        {list.length ? (
          <form onSubmit={onSubmit} noValidate aria-label={t('login.title')}>
            <SelectField
              id="login-municipality"
              label={t('login.municipality')}
              placeholder={list.length > 1 ? t('login.chooseMunicipality') : undefined}
              options={list.map((m) => ({ value: m.id, label: m.name }))}
              value={municipalityId}
              onChange={(e) => setMunicipalityId(e.target.value)}
              error={fieldErrors.municipality}
              required
            />

            {chosen && chosen.sso.length ? (
              <section className="mt-6" aria-labelledby="login-sso-heading">
                <h2 id="login-sso-heading" className="h3">
                  {t('login.ssoHeading')}
                </h2>
                <p>{t('login.ssoIntro')}</p>
                <ul className="unstyled-list">
                  {chosen.sso.map((p) => (
                    <li key={p.url} className="mb-3">
                      <a className="button button-secondary" href={p.url}>
                        {p.label}
                      </a>
                    </li>
                  ))}
                </ul>
                <h2 className="h3 mt-6">{t('login.orPassword')}</h2>
              </section>
            ) : null}

            <TextField
              id="login-username"
              label={t('login.username')}
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              error={fieldErrors.username}
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              width="l"
              required
            />
            <TextField
              id="login-password"
              type="password"
              label={t('login.password')}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={fieldErrors.password}
              autoComplete="current-password"
              width="l"
              required
            />
            <button type="submit" className="button button-primary mt-6" disabled={submitting}>
              {submitting ? t('login.submitting') : t('login.submit')}
            </button>
          </form>
        ) : null}

        <p className="mt-8">
          {t('login.parentQuestion')} <a href="/borger/log-ind">{t('login.parentLink')}</a>
        </p>
        <p className="mt-8 form-hint">{t('login.privacyNote')}</p>
      </div>
    </div>
  );
}
