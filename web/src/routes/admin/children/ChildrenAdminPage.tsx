// /admin/boern — "Børn og indskrivning": administrators find a child by CPR (sent in a POST
// body, never in the URL), see the name, the masked CPR and the enrolment history, enrol
// ("Indskriv") and end enrolments ("Udskriv"), and register new children with their
// custody holders. Administrators register; they do not read children's case records.
// The CPR lives only in component state: nothing is cached under a key or put in history.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { isValidCpr } from '../../../../../src/domain/cpr.ts';
import { api, ApiError } from '../../../api/client.ts';
import { DataTable, type Column } from '../../../components/DataTable.tsx';
import { ErrorSummary } from '../../../components/ErrorSummary.tsx';
import { TextField } from '../../../components/FormField.tsx';
import { formatDay, formatDayShort, todayInCopenhagen } from '../../../components/format.ts';
import { Icon } from '../../../components/Icon.tsx';
import { Notice } from '../../../components/Notice.tsx';
import { usePageTitle } from '../../../components/usePageTitle.ts';
import { errorText } from '../../../i18n/index.ts';
import { orgTreeQuery, type ChildAdminView, type Created, type EnrolmentCreate, type Placement } from '../api.ts';
import { check, useFormErrors } from '../forms.ts';
import { useLabels } from '../labels.ts';
import { Badge, RowButton } from '../widgets.tsx';
import { EnrolmentFields, type EnrolmentValues } from './EnrolmentFields.tsx';
import { RegisterChildForm } from './RegisterChildForm.tsx';
import { EndPeriodDialog } from '../EndPeriodDialog.tsx';

type LookupResult = { cpr: string; child: ChildAdminView | null };

export function ChildrenAdminPage() {
  const { t } = useTranslation('admin');
  usePageTitle(t('children.title'));
  const [cprInput, setCprInput] = useState('');
  const [cprError, setCprError] = useState<string | null>(null);
  const [result, setResult] = useState<LookupResult | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [registering, setRegistering] = useState(false);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  // Focus the result after a lookup the user asked for, not after a refresh following a change.
  const focusResult = useRef(false);

  const lookup = useMutation({
    // Do not keep the CPR (the mutation's variables) in the cache after use.
    gcTime: 0,
    mutationFn: async (cpr: string): Promise<LookupResult> => {
      try {
        return { cpr, child: await api.post<ChildAdminView>('/api/children/lookup', { cpr }) };
      } catch (e) {
        if (e instanceof ApiError && e.code === 'child.not_found') return { cpr, child: null };
        throw e;
      }
    },
    onSuccess: (r) => {
      setResult(r);
      if (focusResult.current) requestAnimationFrame(() => resultHeading.current?.focus());
      focusResult.current = false;
    },
  });

  const onLookup = (e: FormEvent) => {
    e.preventDefault();
    const cpr = cprInput.trim();
    if (!isValidCpr(cpr)) {
      setCprError(t('validation.cpr'));
      return;
    }
    setCprError(null);
    setNotice(null);
    focusResult.current = true;
    lookup.mutate(cpr);
  };

  /** After a change: show what was done and fetch the child again (same CPR, POST body). */
  const afterChange = (message: string, cpr?: string) => {
    setNotice(message);
    const again = cpr ?? result?.cpr;
    if (cpr) focusResult.current = true;
    if (again) lookup.mutate(again);
  };

  return (
    <>
      <h1>{t('children.title')}</h1>
      <Notice variant="info" heading={t('children.roleHeading')} headingLevel={2}>
        <p>{t('children.roleText')}</p>
      </Notice>

      <section className="tidlig-section" aria-labelledby="children-lookup-heading">
        <h2 id="children-lookup-heading">{t('children.lookupHeading')}</h2>
        <form onSubmit={onLookup} className="tidlig-inline-actions" noValidate aria-labelledby="children-lookup-heading">
          <TextField
            id="children-lookup-cpr"
            label={t('children.cpr')}
            hint={t('children.cprHint')}
            value={cprInput}
            onChange={(e) => setCprInput(e.target.value)}
            error={cprError}
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            maxLength={11}
            width="s"
          />
          <div className="tidlig-filter-buttons">
            <button type="submit" className="button button-primary" disabled={lookup.isPending}>
              {t('children.lookup')}
            </button>
          </div>
        </form>
        {lookup.isError ? (
          <Notice variant="error" live="assertive" className="mt-5">
            {errorText(lookup.error)}
          </Notice>
        ) : null}
        <div aria-live="polite" aria-atomic="true">
          {notice ? (
            <Notice variant="success" className="mt-5">
              {notice}
            </Notice>
          ) : null}
        </div>
        {result ? (
          result.child ? (
            <ChildCard key={result.child.id} child={result.child} headingRef={resultHeading} onChanged={afterChange} />
          ) : (
            <div className="mt-5">
              <h3 ref={resultHeading} tabIndex={-1} className="tidlig-admin-focus-target">
                {t('children.notFoundHeading')}
              </h3>
              <p role="status">{t('children.notFound')}</p>
            </div>
          )
        ) : null}
      </section>

      <section className="tidlig-section" aria-labelledby="children-register-heading">
        <h2 id="children-register-heading">{t('children.registerHeading')}</h2>
        <p>{t('children.registerIntro')}</p>
        <button type="button" className="button button-secondary" aria-expanded={registering} aria-controls="children-register" onClick={() => setRegistering((r) => !r)}>
          <Icon name={registering ? 'minus' : 'plus'} />
          {t('children.registerToggle')}
        </button>
        <div id="children-register">
          {registering ? (
            <RegisterChildForm
              onRegistered={(cpr, name) => {
                setRegistering(false);
                setCprInput(cpr);
                afterChange(t('children.registeredNotice', { name }), cpr);
              }}
            />
          ) : null}
        </div>
      </section>
    </>
  );
}

function ChildCard({
  child,
  headingRef,
  onChanged,
}: {
  child: ChildAdminView;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onChanged: (message: string) => void;
}) {
  const { t } = useTranslation('admin');
  const labels = useLabels();
  const [ending, setEnding] = useState<Placement | null>(null);
  const columns: Column<Placement>[] = [
    { key: 'institution', header: t('children.institution'), rowHeader: true, cell: (p) => p.institutionName },
    { key: 'type', header: t('children.type'), cell: (p) => labels.institutionType(p.institutionType) },
    { key: 'group', header: t('children.group'), cell: (p) => p.groupName ?? '–' },
    { key: 'from', header: t('children.from'), cell: (p) => formatDayShort(p.validFrom), className: 'tidlig-nowrap' },
    { key: 'to', header: t('children.to'), cell: (p) => (p.validTo ? formatDayShort(p.validTo) : t('children.open')), className: 'tidlig-nowrap' },
    { key: 'state', header: t('children.state'), cell: (p) => (p.current ? <Badge variant="success">{t('children.current')}</Badge> : p.validFrom > todayInCopenhagen() ? t('children.future') : t('children.ended')) },
    {
      key: 'actions',
      header: <span className="sr-only">{t('org.actions')}</span>,
      cell: (p) => (p.validTo === null || p.validTo >= todayInCopenhagen() ? <RowButton label={t('children.unenrol')} target={p.institutionName} onClick={() => setEnding(p)} /> : null),
    },
  ];
  const name = `${child.firstName} ${child.lastName}`;
  return (
    <div className="tidlig-admin-card mt-5">
      <h3 ref={headingRef} tabIndex={-1} className="tidlig-admin-focus-target">
        {name}
      </h3>
      <dl className="tidlig-facts">
        <dt>{t('children.cpr')}</dt>
        <dd className="tidlig-cpr">{child.cprMasked}</dd>
        <dt>{t('children.birthDate')}</dt>
        <dd>{formatDay(child.birthDate)}</dd>
      </dl>
      <DataTable caption={t('children.historyCaption', { name })} columns={columns} rows={child.enrolments} rowKey={(p) => p.enrolmentId} empty={t('children.noEnrolments')} />
      <EnrolForm child={child} onDone={onChanged} />
      {ending ? <EndEnrolmentDialog child={child} placement={ending} onClose={() => setEnding(null)} onDone={onChanged} /> : null}
    </div>
  );
}

function EnrolForm({ child, onDone }: { child: ChildAdminView; onDone: (message: string) => void }) {
  const { t } = useTranslation('admin');
  const tree = useQuery(orgTreeQuery);
  const formId = 'children-enrol';
  const errors = useFormErrors(formId, { 'institution.not_found': 'institutionId', 'group.not_found': 'groupId', 'enrolment.overlap': 'validFrom' });
  const [v, setV] = useState<EnrolmentValues>({ institutionId: '', groupId: '', validFrom: todayInCopenhagen() });
  const enrol = useMutation({
    mutationFn: (body: EnrolmentCreate) => api.post<Created>(`/api/children/${child.id}/enrolments`, body),
    onSuccess: () => {
      const inst = tree.data ? [...tree.data.districts.flatMap((d) => d.institutions), ...tree.data.unassigned].find((i) => i.id === v.institutionId) : undefined;
      onDone(t('children.enrolledNotice', { name: `${child.firstName} ${child.lastName}`, institution: inst?.name ?? '', day: formatDayShort(v.validFrom) }));
    },
    onError: (e) => errors.fromApi(e),
  });
  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    const e: Record<string, string> = {};
    if (!v.institutionId) e.institutionId = t('validation.institutionId');
    if (!check.day(v.validFrom)) e.validFrom = t('validation.validFrom');
    if (errors.setFieldErrors(e)) return;
    enrol.mutate({ institutionId: v.institutionId, groupId: v.groupId || null, validFrom: v.validFrom });
  };
  return (
    <form id={formId} onSubmit={onSubmit} noValidate className="tidlig-admin-form mt-6" aria-labelledby={`${formId}-heading`}>
      <h4 id={`${formId}-heading`}>{t('children.enrolHeading')}</h4>
      <ErrorSummary errors={errors.summary} />
      <EnrolmentFields tree={tree.data} values={v} onChange={setV} errors={errors} current={child.enrolments} />
      <button type="submit" className="button button-primary mt-5" disabled={enrol.isPending}>
        {t('children.enrolSubmit')}
      </button>
    </form>
  );
}

function EndEnrolmentDialog({ child, placement, onClose, onDone }: { child: ChildAdminView; placement: Placement; onClose: () => void; onDone: (message: string) => void }) {
  const { t } = useTranslation('admin');
  const name = `${child.firstName} ${child.lastName}`;
  return (
    <EndPeriodDialog
      formId="children-unenrol"
      title={t('children.unenrolTitle')}
      intro={t('children.unenrolIntro', { name, institution: placement.institutionName })}
      submitLabel={t('children.unenrolSubmit')}
      dateLabel={t('children.lastDay')}
      dateHint={t('children.lastDayHint')}
      validFrom={placement.validFrom}
      endpoint={`/api/children/${child.id}/enrolments/${placement.enrolmentId}/end`}
      doneMessage={(validTo) => t('children.unenrolledNotice', { name, institution: placement.institutionName, day: formatDayShort(validTo) })}
      onClose={onClose}
      onDone={onDone}
    />
  );
}
