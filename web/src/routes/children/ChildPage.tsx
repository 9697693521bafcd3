// /boern/$childId — the child's basic data, custody holders, enrolment history (newest
// first, with the path dagpleje → børnehave → skole) and why the user may see the child.
// Every read is audited by the server; the page says so. The full CPR number is shown only
// after the user states a purpose, which is audited with it.
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';
import type { ChildDetail, CustodyHolder, Placement } from '../../api/types.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { formatDay, formatDayShort } from '../../components/format.ts';
import { TextareaField } from '../../components/FormField.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Notice } from '../../components/Notice.tsx';
import { ErrorPage, NotFoundPage } from '../../components/PageStates.tsx';
import { RequirePermission } from '../../components/RequirePermission.tsx';
import { Loading } from '../../components/Spinner.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { errorText } from '../../i18n/index.ts';
import { ScreeningTimeline } from './ScreeningTimeline.tsx';
import { ConsentPanel } from '../stafetlog/ConsentPanel.tsx';
import { StafetlogPanel } from '../stafetlog/StafetlogPanel.tsx';

const KNOWN_REASONS = ['enrolment_group', 'enrolment_institution', 'relation_case', 'relation_course', 'relation_stafetlog', 'relation_team_meeting', 'team_lead_case'];

/** Enrolments newest first (current before ended when they start the same day). */
export function newestFirst(enrolments: Placement[]): Placement[] {
  return [...enrolments].sort((a, b) => b.validFrom.localeCompare(a.validFrom) || Number(b.current) - Number(a.current));
}

function RevealCpr({ child, revealed, onRevealed }: { child: ChildDetail; revealed: string | null; onRevealed: (cpr: string, purpose: string) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [purpose, setPurpose] = useState('');
  const [error, setError] = useState<string | null>(null);
  const purposeRef = useRef<HTMLTextAreaElement>(null);
  const reveal = useMutation({
    mutationFn: (p: string) => api.post<{ cpr: string }>(`/api/children/${child.id}/reveal-cpr`, { purpose: p }),
    onSuccess: (r, p) => {
      onRevealed(r.cpr, p);
      setOpen(false);
      setPurpose('');
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = purpose.trim();
    if (p.length < 3) {
      setError(t('child.purposeRequired'));
      purposeRef.current?.focus();
      return;
    }
    setError(null);
    reveal.mutate(p);
  };

  return (
    <>
      <span className="tidlig-cpr" id="child-cpr-value">
        {revealed ?? child.cprMasked}
      </span>
      {revealed ? null : (
        <button type="button" className="button button-tertiary ml-4" onClick={() => setOpen(true)} aria-haspopup="dialog">
          <Icon name="visibility" />
          {t('child.revealCpr')}
        </button>
      )}
      <Dialog
        open={open}
        onClose={() => {
          setOpen(false);
          setError(null);
          reveal.reset();
        }}
        title={t('child.revealTitle')}
        id="reveal-cpr-dialog"
        initialFocus={purposeRef}
        footer={
          <>
            <button type="submit" form="reveal-cpr-form" className="button button-primary" disabled={reveal.isPending}>
              {t('child.revealSubmit')}
            </button>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setOpen(false);
                setError(null);
                reveal.reset();
              }}
            >
              {t('common.cancel')}
            </button>
          </>
        }
      >
        <p>{t('child.revealIntro')}</p>
        {reveal.isError ? <ErrorSummary errors={[{ message: errorText(reveal.error) }]} autoFocus={false} /> : null}
        <form id="reveal-cpr-form" onSubmit={submit} noValidate>
          <TextareaField
            ref={purposeRef}
            id="reveal-purpose"
            label={t('child.purpose')}
            hint={t('child.purposeHint')}
            value={purpose}
            onChange={(e) => setPurpose(e.target.value)}
            error={error}
            maxLength={300}
            rows={3}
            required
          />
        </form>
      </Dialog>
    </>
  );
}

function ChildView({ childId }: { childId: string }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['child', childId],
    queryFn: ({ signal }) => api.get<ChildDetail>(`/api/children/${childId}`, { signal }),
    staleTime: 0,
  });
  const [revealed, setRevealed] = useState<{ cpr: string; purpose: string } | null>(null);
  const child = query.data;
  usePageTitle(child ? `${child.firstName} ${child.lastName}` : query.isError ? t('child.notFoundTitle') : t('child.titleFallback'));

  if (query.isPending) return <Loading />;
  if (query.isError) {
    if (query.error instanceof ApiError && (query.error.status === 404 || query.error.code === 'child.not_found')) {
      return <NotFoundPage title={t('child.notFoundTitle')} text={t('child.notFoundText')} />;
    }
    return <ErrorPage error={query.error} onRetry={() => void query.refetch()} />;
  }
  if (!child) return null;

  const enrolments = newestFirst(child.enrolments);
  const journey = [...enrolments].reverse();
  const reasons = [...new Set(child.accessReasons.map((r) => (KNOWN_REASONS.includes(r) ? r : 'generic')))];

  const enrolmentColumns: Column<Placement>[] = [
    { key: 'institution', header: t('child.institution'), rowHeader: true, cell: (p) => p.institutionName },
    { key: 'type', header: t('child.institutionType'), cell: (p) => t(`institutionTypes.${p.institutionType}`, { defaultValue: p.institutionType }) },
    { key: 'group', header: t('child.group'), cell: (p) => p.groupName ?? '–' },
    { key: 'from', header: t('child.from'), cell: (p) => formatDayShort(p.validFrom), className: 'tidlig-nowrap' },
    {
      key: 'to',
      header: t('child.to'),
      className: 'tidlig-nowrap',
      cell: (p) => (p.current ? <strong>{p.validTo ? `${formatDayShort(p.validTo)} (${t('common.now')})` : t('common.now')}</strong> : formatDayShort(p.validTo)),
    },
  ];
  const custodyColumns: Column<CustodyHolder>[] = [
    { key: 'name', header: t('child.holderName'), rowHeader: true, cell: (h) => `${h.firstName} ${h.lastName}` },
    { key: 'relation', header: t('child.relation'), cell: (h) => t(`relations.${h.relation}`, { defaultValue: h.relation }) },
    { key: 'custody', header: t('child.hasCustody'), cell: (h) => (h.hasCustody ? t('common.yes') : t('common.no')) },
    { key: 'phone', header: t('child.phone'), cell: (h) => (h.phone ? <a href={`tel:${h.phone.replace(/\s/g, '')}`}>{h.phone}</a> : t('common.notSpecified')) },
    { key: 'email', header: t('child.email'), cell: (h) => (h.email ? <a href={`mailto:${h.email}`}>{h.email}</a> : t('common.notSpecified')) },
  ];

  return (
    <>
      <p className="mt-0">
        <Link to="/boern" className="back-link" activeOptions={{ exact: true }}>
          <Icon name="chevron-left" />
          {t('child.backToList')}
        </Link>
      </p>
      <h1>
        {child.firstName} {child.lastName}
      </h1>
      <Notice variant="info" id="child-logged-notice">
        {t('child.loggedNotice')}
      </Notice>

      <section className="tidlig-section" aria-labelledby="child-basics-heading">
        <h2 id="child-basics-heading">{t('child.basics')}</h2>
        <dl className="tidlig-facts">
          <dt>{t('child.name')}</dt>
          <dd>
            {child.firstName} {child.lastName}
          </dd>
          <dt>{t('child.age')}</dt>
          <dd>{t('children.ageYears', { count: child.age })}</dd>
          <dt>{t('child.birthDate')}</dt>
          <dd>{formatDay(child.birthDate)}</dd>
          <dt>{t('child.cpr')}</dt>
          <dd>
            <RevealCpr child={child} revealed={revealed?.cpr ?? null} onRevealed={(cpr, purpose) => setRevealed({ cpr, purpose })} />
          </dd>
        </dl>
        {revealed ? (
          <Notice variant="success" live="polite">
            {t('child.revealed', { purpose: revealed.purpose })}
          </Notice>
        ) : null}
      </section>

      <section className="tidlig-section" aria-labelledby="child-custody-heading">
        <h2 id="child-custody-heading">{t('child.custodyHolders')}</h2>
        <DataTable
          caption={t('child.custodyCaption')}
          captionHidden
          columns={custodyColumns}
          rows={child.custodyHolders}
          rowKey={(h) => h.id}
          empty={t('child.noCustodyHolders')}
        />
      </section>

      <section className="tidlig-section" aria-labelledby="child-enrolments-heading">
        <h2 id="child-enrolments-heading">{t('child.enrolments')}</h2>
        <p>{t('child.enrolmentsIntro')}</p>
        {journey.length > 1 ? (
          <>
            <h3 className="h5" id="child-journey-heading">
              {t('child.journey')}
            </h3>
            <ol className="tidlig-journey" aria-labelledby="child-journey-heading">
              {journey.map((p) => (
                <li key={p.enrolmentId}>
                  <span className={`tidlig-journey-step${p.current ? ' tidlig-journey-current' : ''}`}>
                    {t(`institutionTypes.${p.institutionType}`, { defaultValue: p.institutionType })}
                    {p.current ? ` (${t('common.now')})` : ''}
                  </span>
                </li>
              ))}
            </ol>
          </>
        ) : null}
        <DataTable
          caption={t('child.enrolmentsCaption')}
          captionHidden
          columns={enrolmentColumns}
          rows={enrolments}
          rowKey={(p) => p.enrolmentId}
          empty={t('child.noEnrolments')}
          id="child-enrolments"
        />
      </section>

      <ScreeningTimeline childId={child.id} enrolments={child.enrolments} />

      <StafetlogPanel childId={child.id} childName={child.firstName} />
      <ConsentPanel childId={child.id} childName={child.firstName} />

      <section className="tidlig-section" aria-labelledby="child-access-heading">
        <h2 id="child-access-heading">{t('child.accessHeading')}</h2>
        <p>{t('child.accessIntro')}</p>
        <ul>
          {(reasons.length ? reasons : ['generic']).map((r) => (
            <li key={r}>{t(`child.reasons.${r}`)}</li>
          ))}
        </ul>
      </section>
    </>
  );
}

export function ChildPage() {
  const { childId } = useParams({ strict: false }) as { childId?: string };
  return <RequirePermission permission="children.list">{childId ? <ChildView key={childId} childId={childId} /> : <NotFoundPage />}</RequirePermission>;
}
