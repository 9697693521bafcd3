// /logning — the data-protection officer's view of the audit trail (S14): filter events,
// page back in time ("Vis flere", keyset on seq), an access report for one child found by
// CPR (the CPR goes in a POST body, never the URL) with a CSV download, and verification of
// the hash chain. Filters other than the CPR live in the URL so a view can be linked.
import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isValidCpr } from '../../../../src/domain/cpr.ts';
import { api } from '../../api/client.ts';
import type { AuditChildLookup, AuditEvent, AuditExtract, EventsPage, VerifyResult } from '../../api/types.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { ErrorSummary, type SummaryError } from '../../components/ErrorSummary.tsx';
import { formatDateTime } from '../../components/format.ts';
import { SelectField, TextField } from '../../components/FormField.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Notice } from '../../components/Notice.tsx';
import { RequirePermission } from '../../components/RequirePermission.tsx';
import { Loading } from '../../components/Spinner.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import i18n, { errorText } from '../../i18n/index.ts';

export const AUDIT_ACTIONS = [
  'read',
  'list',
  'search',
  'create',
  'update',
  'delete',
  'reveal_cpr',
  'import',
  'export',
  'login',
  'logout',
  'login_failed',
  'account_blocked',
  'account_unblocked',
  'access_denied',
] as const;

const PAGE = 50;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AuditSearch {
  from?: string;
  to?: string;
  action?: string;
  userId?: string;
  childId?: string;
}

export function validateAuditSearch(search: Record<string, unknown>): AuditSearch {
  const pick = (v: unknown, re: RegExp) => (typeof v === 'string' && re.test(v) ? v : undefined);
  return {
    from: pick(search.from, DAY),
    to: pick(search.to, DAY),
    action: typeof search.action === 'string' && (AUDIT_ACTIONS as readonly string[]).includes(search.action) ? search.action : undefined,
    userId: pick(search.userId, UUID),
    childId: pick(search.childId, UUID),
  };
}

function actionText(e: Pick<AuditEvent, 'action' | 'resourceType'>): string {
  const action = i18n.t(`audit.actions.${e.action}`, { defaultValue: e.action });
  const resource = i18n.t(`audit.resourceTypes.${e.resourceType}`, { defaultValue: e.resourceType });
  return `${action} (${resource})`;
}

function actorText(e: AuditEvent): string {
  const roles = (e.actorRole ?? '')
    .split(',')
    .filter(Boolean)
    .map((r) => i18n.t(`roles.${r}`, { defaultValue: r }))
    .join(', ');
  const name = e.actorName ?? i18n.t('roles.system');
  return roles ? `${name} (${roles})` : name;
}

/** The extract as CSV (semicolon-separated with BOM, as Danish Excel expects). */
export function extractCsv(items: AuditEvent[]): string {
  const t = i18n.t.bind(i18n);
  const header = [t('audit.at'), t('audit.actor'), t('audit.action'), t('audit.purpose'), t('audit.searchTerm'), t('audit.outcome')];
  const cell = (v: string | null | undefined) => {
    const s = v ?? '';
    return /[";\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const rows = items.map((e) =>
    [formatDateTime(e.at), actorText(e), actionText(e), e.purpose, e.searchTerm, t(`audit.outcomes.${e.outcome}`, { defaultValue: e.outcome })].map(cell).join(';'),
  );
  return `\uFEFF${[header.map(cell).join(';'), ...rows].join('\r\n')}\r\n`;
}

function downloadText(filename: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function eventColumns(withChild: boolean): Column<AuditEvent>[] {
  const t = i18n.t.bind(i18n);
  const cols: Column<AuditEvent>[] = [
    { key: 'at', header: t('audit.at'), rowHeader: true, className: 'tidlig-nowrap', cell: (e) => formatDateTime(e.at) },
    { key: 'actor', header: t('audit.actor'), cell: actorText },
    { key: 'action', header: t('audit.action'), cell: actionText },
  ];
  if (withChild) {
    cols.push({
      key: 'child',
      header: t('audit.child'),
      cell: (e) =>
        e.childId ? (
          <Link to="/logning" search={{ childId: e.childId }} aria-label={t('audit.childLinkLabel', { id: e.childId })} className="tidlig-nowrap">
            {e.childId.slice(0, 8)}…
          </Link>
        ) : (
          '–'
        ),
    });
  }
  cols.push(
    { key: 'search', header: t('audit.searchTerm'), cell: (e) => e.searchTerm ?? '–' },
    { key: 'purpose', header: t('audit.purpose'), cell: (e) => e.purpose ?? '–' },
    { key: 'outcome', header: t('audit.outcome'), cell: (e) => t(`audit.outcomes.${e.outcome}`, { defaultValue: e.outcome }) },
  );
  return cols;
}

function EventsSection() {
  const { t } = useTranslation();
  const search = useSearch({ from: '/app/logning' });
  const navigate = useNavigate({ from: '/logning' });
  const [from, setFrom] = useState(search.from ?? '');
  const [to, setTo] = useState(search.to ?? '');
  const [action, setAction] = useState(search.action ?? '');
  const [userId, setUserId] = useState(search.userId ?? '');
  const [errors, setErrors] = useState<{ from?: string; to?: string; userId?: string }>({});

  const events = useInfiniteQuery({
    queryKey: ['audit', 'events', search],
    queryFn: ({ pageParam, signal }) =>
      api.get<EventsPage>('/api/audit/events', { signal, query: { ...search, limit: PAGE, before: pageParam ?? undefined } }),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextBefore,
    staleTime: 0,
  });

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const next: typeof errors = {};
    if (from && !DAY.test(from)) next.from = t('audit.dateHint');
    if (to && !DAY.test(to)) next.to = t('audit.dateHint');
    if (userId.trim() && !UUID.test(userId.trim())) next.userId = t('audit.userIdInvalid');
    setErrors(next);
    if (Object.keys(next).length) return;
    void navigate({
      search: {
        from: from || undefined,
        to: to || undefined,
        action: action || undefined,
        userId: userId.trim() || undefined,
        childId: search.childId,
      },
    });
  };

  const reset = () => {
    setFrom('');
    setTo('');
    setAction('');
    setUserId('');
    setErrors({});
    void navigate({ search: {} });
  };

  const items = events.data?.pages.flatMap((p) => p.items) ?? [];
  const summary: SummaryError[] = [
    ...(errors.from ? [{ fieldId: 'audit-from', message: `${t('audit.from')}: ${errors.from}` }] : []),
    ...(errors.to ? [{ fieldId: 'audit-to', message: `${t('audit.to')}: ${errors.to}` }] : []),
    ...(errors.userId ? [{ fieldId: 'audit-user', message: errors.userId }] : []),
  ];

  return (
    <section aria-labelledby="audit-filters-heading">
      <h2 id="audit-filters-heading">{t('audit.filtersHeading')}</h2>
      <ErrorSummary errors={summary} />
      <form onSubmit={apply} noValidate>
        <div className="tidlig-filters">
          <TextField id="audit-from" type="date" label={t('audit.from')} value={from} onChange={(e) => setFrom(e.target.value)} error={errors.from} />
          <TextField id="audit-to" type="date" label={t('audit.to')} value={to} onChange={(e) => setTo(e.target.value)} error={errors.to} />
          <SelectField
            id="audit-action"
            label={t('audit.action')}
            placeholder={t('audit.anyAction')}
            options={AUDIT_ACTIONS.map((a) => ({ value: a, label: t(`audit.actions.${a}`) }))}
            value={action}
            onChange={(e) => setAction(e.target.value)}
          />
          <TextField
            id="audit-user"
            label={t('audit.userId')}
            hint={t('audit.userIdHint')}
            value={userId}
            onChange={(e) => setUserId(e.target.value)}
            error={errors.userId}
            spellCheck={false}
            autoComplete="off"
            width="l"
          />
        </div>
        <div className="tidlig-filters">
          <div className="tidlig-filter-buttons">
            <button type="submit" className="button button-primary">
              {t('audit.apply')}
            </button>
            <button type="button" className="button button-secondary" onClick={reset}>
              {t('audit.reset')}
            </button>
          </div>
        </div>
      </form>

      {search.childId ? (
        <div className="mt-6">
          <Notice variant="info">
            <>
              {t('audit.childFilterActive', { id: search.childId })}{' '}
              <Link to="/logning" search={{ ...search, childId: undefined }} className="function-link">
                {t('audit.removeChildFilter')}
              </Link>
            </>
          </Notice>
        </div>
      ) : null}

      <div className="mt-6">
        {events.isError ? <Notice variant="error" live="assertive">{errorText(events.error)}</Notice> : null}
        {events.isSuccess ? (
          <p aria-live="polite" className="mb-3">
            {t('audit.shownCount', { count: items.length })}
          </p>
        ) : null}
        <DataTable
          caption={t('audit.eventsCaption')}
          columns={eventColumns(true)}
          rows={items}
          rowKey={(e) => String(e.seq)}
          loading={events.isPending}
          empty={events.isSuccess ? t('audit.noEvents') : undefined}
          compact
          id="audit-events"
        />
        {events.hasNextPage ? (
          <button type="button" className="button button-secondary mt-5" onClick={() => void events.fetchNextPage()} disabled={events.isFetchingNextPage}>
            {events.isFetchingNextPage ? t('common.loading') : t('audit.loadMore')}
          </button>
        ) : events.isSuccess && items.length ? (
          <p className="mt-5">{t('audit.allLoaded')}</p>
        ) : null}
      </div>
    </section>
  );
}

function InsightSection() {
  const { t } = useTranslation();
  const [cpr, setCpr] = useState('');
  const [cprError, setCprError] = useState<string | null>(null);
  const lookup = useMutation({
    mutationFn: (value: string) => api.post<AuditChildLookup>('/api/audit/child-lookup', { cpr: value }),
  });
  const child = lookup.data;
  const extract = useQuery({
    queryKey: ['audit', 'extract', child?.id],
    queryFn: ({ signal }) => api.get<AuditExtract>(`/api/audit/children/${child!.id}/extract`, { signal }),
    enabled: !!child,
    staleTime: 0,
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const value = cpr.trim();
    if (!isValidCpr(value)) {
      setCprError(t('audit.cprInvalid'));
      return;
    }
    setCprError(null);
    lookup.mutate(value);
  };

  return (
    <section className="tidlig-section" aria-labelledby="audit-insight-heading">
      <h2 id="audit-insight-heading">{t('audit.insightHeading')}</h2>
      <p>{t('audit.insightIntro')}</p>
      <form onSubmit={submit} noValidate className="tidlig-inline-actions">
        <TextField
          id="audit-cpr"
          label={t('audit.cpr')}
          hint={t('audit.cprHint')}
          value={cpr}
          onChange={(e) => setCpr(e.target.value)}
          error={cprError}
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          width="m"
        />
        <div className="tidlig-filter-buttons">
          <button type="submit" className="button button-secondary" disabled={lookup.isPending}>
            {t('audit.find')}
          </button>
        </div>
      </form>
      {lookup.isError ? (
        <div className="mt-5">
          <Notice variant="error" live="assertive">
            {errorText(lookup.error)}
          </Notice>
        </div>
      ) : null}
      {child ? (
        <div className="mt-6">
          <h3 id="audit-extract-heading">{t('audit.extractFor', { name: `${child.firstName} ${child.lastName}`, cpr: child.cprMasked })}</h3>
          {extract.isPending ? <Loading /> : null}
          {extract.isError ? <Notice variant="error">{errorText(extract.error)}</Notice> : null}
          {extract.data ? (
            <>
              <button
                type="button"
                className="button button-secondary mb-5"
                onClick={() => downloadText(`indsigt-${child.cprMasked.slice(0, 6)}-${new Date().toISOString().slice(0, 10)}.csv`, extractCsv(extract.data.items), 'text/csv;charset=utf-8')}
              >
                <Icon name="download" />
                {t('audit.downloadCsv')}
              </button>
              <DataTable
                caption={t('audit.extractCaption')}
                columns={eventColumns(false)}
                rows={extract.data.items}
                rowKey={(e) => String(e.seq)}
                empty={t('audit.extractEmpty')}
                compact
                id="audit-extract"
              />
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function VerifySection() {
  const { t } = useTranslation();
  const verify = useMutation({ mutationFn: () => api.post<VerifyResult>('/api/audit/verify') });
  const r = verify.data;
  return (
    <section className="tidlig-section" aria-labelledby="audit-verify-heading">
      <h2 id="audit-verify-heading">{t('audit.verifyHeading')}</h2>
      <p>{t('audit.verifyIntro')}</p>
      <button type="button" className="button button-secondary" onClick={() => verify.mutate()} disabled={verify.isPending}>
        {verify.isPending ? t('audit.verifying') : t('audit.verify')}
      </button>
      <div className="mt-5" aria-live="polite">
        {r ? (
          r.ok ? (
            <Notice variant="success" id="audit-verify-result">
              {t('audit.verifyOk', { count: r.checked })}
            </Notice>
          ) : (
            <Notice variant="error" id="audit-verify-result">
              {r.brokenAtSeq !== null ? t('audit.verifyBroken', { seq: r.brokenAtSeq }) : t('audit.verifyBrokenUnknown')}
            </Notice>
          )
        ) : null}
        {verify.isError ? <Notice variant="error">{errorText(verify.error)}</Notice> : null}
      </div>
    </section>
  );
}

function Audit() {
  const { t } = useTranslation();
  usePageTitle(t('audit.title'));
  return (
    <>
      <h1>{t('audit.title')}</h1>
      <p className="font-lead">{t('audit.intro')}</p>
      <EventsSection />
      <InsightSection />
      <VerifySection />
    </>
  );
}

export function AuditPage() {
  return (
    <RequirePermission permission="audit.read">
      <Audit />
    </RequirePermission>
  );
}
