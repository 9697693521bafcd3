// /admin/medarbejdere/$userId — one staff member: edit the details (If-Match), the roles
// over time (memberships with from/to), add a role in a unit that fits it (ROLE_UNITS),
// end a role on a day, unblock after failed log-ins, deactivate or reactivate.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../api/client.ts';
import { DataTable, type Column } from '../../../components/DataTable.tsx';
import { Dialog } from '../../../components/Dialog.tsx';
import { ErrorSummary } from '../../../components/ErrorSummary.tsx';
import { SelectField, TextField } from '../../../components/FormField.tsx';
import { formatDayShort, todayInCopenhagen } from '../../../components/format.ts';
import { Icon } from '../../../components/Icon.tsx';
import { Notice } from '../../../components/Notice.tsx';
import { NotFoundPage } from '../../../components/PageStates.tsx';
import { Loading } from '../../../components/Spinner.tsx';
import { usePageTitle } from '../../../components/usePageTitle.ts';
import { errorText } from '../../../i18n/index.ts';
import { adminKeys, type Created, type StaffDetail, type StaffMembership, type StaffUpdate } from '../api.ts';
import { takeFlash } from '../flash.ts';
import { check, MIN_PASSWORD_LENGTH, useFormErrors, type FieldErrors } from '../forms.ts';
import { useLabels } from '../labels.ts';
import { Badge, RowButton } from '../widgets.tsx';
import { AddRoleForm } from './AddRoleForm.tsx';
import { EndPeriodDialog } from '../EndPeriodDialog.tsx';
import { StaffStatusBadges } from './StaffListPage.tsx';

export function StaffDetailPage() {
  const { userId } = useParams({ strict: false }) as { userId: string };
  return <StaffDetail key={userId} userId={userId} />;
}

function StaffDetail({ userId }: { userId: string }) {
  const { t } = useTranslation('admin');
  const qc = useQueryClient();
  const [notice, setNotice] = useState<string | null>(() => takeFlash(`staff:${userId}`));
  const [stale, setStale] = useState(false);
  const query = useQuery({
    queryKey: adminKeys.staff(userId),
    queryFn: ({ signal }) => api.get<StaffDetail>(`/api/staff/${userId}`, { signal }),
    staleTime: 0,
  });
  usePageTitle(query.data?.displayName ?? t('staff.detailTitle'));

  const refresh = async () => {
    await Promise.all([qc.invalidateQueries({ queryKey: adminKeys.staff(userId) }), qc.invalidateQueries({ queryKey: adminKeys.staffLists })]);
  };
  const done = async (message: string) => {
    setStale(false);
    setNotice(message);
    await refresh();
  };
  const onVersionMismatch = () => {
    setNotice(null);
    setStale(true);
    void refresh();
  };

  if (query.isPending) return <Loading text={t('staff.loading')} />;
  if (query.isError) {
    if (query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 400)) {
      return <NotFoundPage title={t('staff.notFoundTitle')} text={t('staff.notFoundText')} />;
    }
    return (
      <>
        <h1>{t('staff.detailTitle')}</h1>
        <Notice variant="error" live="assertive">
          {errorText(query.error)}
        </Notice>
      </>
    );
  }
  const member = query.data;
  return (
    <>
      <p className="d-print-none">
        <Link to="/admin/medarbejdere" className="back-link">
          {t('staff.backToList')}
        </Link>
      </p>
      <h1>
        {member.displayName}{' '}
        {member.blocked || member.deactivated ? (
          <span className="tidlig-admin-h1-badges">
            <StaffStatusBadges member={member} hideActive />
          </span>
        ) : null}
      </h1>
      <div aria-live="polite" aria-atomic="true">
        {notice ? <Notice variant="success">{notice}</Notice> : null}
      </div>
      <div aria-live="assertive" aria-atomic="true">
        {stale ? <Notice variant="warning">{t('common.versionMismatch')}</Notice> : null}
      </div>

      {member.blocked ? <BlockedNotice member={member} onDone={done} /> : null}

      <section className="tidlig-section" aria-labelledby="staff-details-heading">
        <h2 id="staff-details-heading">{t('staff.detailsHeading')}</h2>
        <EditStaffForm key={member.version} member={member} onDone={done} onVersionMismatch={onVersionMismatch} />
      </section>

      <section className="tidlig-section" aria-labelledby="staff-roles-heading">
        <h2 id="staff-roles-heading">{t('staff.rolesHeading')}</h2>
        <p>{t('staff.rolesIntro')}</p>
        <MembershipTable member={member} onDone={done} />
      </section>

      <section className="tidlig-section" aria-labelledby="staff-add-role-heading">
        <h2 id="staff-add-role-heading">{t('staff.addRoleHeading')}</h2>
        <AddRoleForm userId={member.id} onDone={done} />
      </section>

      <section className="tidlig-section" aria-labelledby="staff-access-heading">
        <h2 id="staff-access-heading">{t('staff.accessHeading')}</h2>
        <DeactivateBlock member={member} onDone={done} onVersionMismatch={onVersionMismatch} />
      </section>
    </>
  );
}

type Done = (message: string) => Promise<void>;

function BlockedNotice({ member, onDone }: { member: StaffDetail; onDone: Done }) {
  const { t } = useTranslation('admin');
  const unblock = useMutation({
    mutationFn: () => api.post<Created>(`/api/staff/${member.id}/unblock`),
    onSuccess: () => onDone(t('staff.unblockedNotice', { name: member.displayName })),
  });
  return (
    <Notice variant="warning" heading={t('staff.blockedHeading')} className="mt-5">
      <p>{t('staff.blockedText')}</p>
      {unblock.isError ? <p className="form-error-message">{errorText(unblock.error)}</p> : null}
      <button type="button" className="button button-secondary mt-3" onClick={() => unblock.mutate()} disabled={unblock.isPending}>
        {t('staff.unblock')}
      </button>
    </Notice>
  );
}

type EditValues = { displayName: string; email: string; profession: string; ssoSubject: string; password: string };

function EditStaffForm({ member, onDone, onVersionMismatch }: { member: StaffDetail; onDone: Done; onVersionMismatch: () => void }) {
  const { t } = useTranslation('admin');
  const labels = useLabels();
  const formId = 'staff-edit';
  const errors = useFormErrors(formId);
  const initial: EditValues = { displayName: member.displayName, email: member.email ?? '', profession: member.profession, ssoSubject: member.ssoSubject ?? '', password: '' };
  const [v, setV] = useState<EditValues>(initial);
  const set = (k: keyof EditValues, value: string) => setV((prev) => ({ ...prev, [k]: value }));

  const save = useMutation({
    mutationFn: (body: StaffUpdate) => api.patch<Created>(`/api/staff/${member.id}`, body, { version: member.version }),
    onSuccess: () => onDone(t('staff.savedNotice')),
    onError: (e) => {
      if (errors.fromApi(e) === 'version.mismatch') onVersionMismatch();
    },
  });

  const validate = (): FieldErrors => {
    const e: FieldErrors = {};
    if (!check.required(v.displayName)) e.displayName = t('validation.displayName');
    if (v.email.trim() && !check.email(v.email)) e.email = t('validation.email');
    if (v.password && v.password.length < MIN_PASSWORD_LENGTH) e.password = t('validation.password', { min: MIN_PASSWORD_LENGTH });
    return e;
  };

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (errors.setFieldErrors(validate())) return;
    const body: StaffUpdate = {};
    if (v.displayName.trim() !== initial.displayName) body.displayName = v.displayName.trim();
    if (v.email.trim() !== initial.email) body.email = v.email.trim() || null;
    if (v.profession !== initial.profession) body.profession = v.profession as StaffUpdate['profession'];
    if (v.ssoSubject.trim() !== initial.ssoSubject) body.ssoSubject = v.ssoSubject.trim() || null;
    if (v.password) body.password = v.password;
    if (Object.keys(body).length === 0) {
      errors.setFieldErrors({});
      void onDone(t('staff.nothingChanged'));
      return;
    }
    save.mutate(body);
  };

  return (
    <form id={formId} onSubmit={onSubmit} noValidate className="tidlig-admin-form">
      <ErrorSummary errors={errors.summary} />
      <dl className="tidlig-facts">
        <dt>{t('staff.username')}</dt>
        <dd>{member.username}</dd>
        <dt>{t('staff.passwordState')}</dt>
        <dd>{member.hasPassword ? t('staff.hasPassword') : t('staff.noPassword')}</dd>
      </dl>
      <TextField id={errors.id('displayName')} label={t('staff.name')} value={v.displayName} onChange={(e) => set('displayName', e.target.value)} error={errors.error('displayName')} autoComplete="off" maxLength={200} required />
      <TextField id={errors.id('email')} type="email" label={t('staff.emailOptional')} value={v.email} onChange={(e) => set('email', e.target.value)} error={errors.error('email')} autoComplete="off" maxLength={200} />
      <SelectField
        id={errors.id('profession')}
        label={t('staff.profession')}
        options={labels.professionOptions}
        value={v.profession}
        onChange={(e) => set('profession', e.target.value)}
        error={errors.error('profession')}
      />
      <TextField
        id={errors.id('ssoSubject')}
        label={t('staff.ssoOptional')}
        hint={t('staff.ssoHint')}
        value={v.ssoSubject}
        onChange={(e) => set('ssoSubject', e.target.value)}
        error={errors.error('ssoSubject')}
        autoComplete="off"
        spellCheck={false}
        maxLength={200}
      />
      <TextField
        id={errors.id('password')}
        type="password"
        label={t('staff.newPassword')}
        hint={t('staff.newPasswordHint', { min: MIN_PASSWORD_LENGTH })}
        value={v.password}
        onChange={(e) => set('password', e.target.value)}
        error={errors.error('password')}
        autoComplete="new-password"
        maxLength={200}
      />
      <button type="submit" className="button button-primary mt-5" disabled={save.isPending}>
        {t('common.save')}
      </button>
    </form>
  );
}

function membershipState(m: StaffMembership, today: string): 'current' | 'future' | 'ended' {
  if (m.current) return 'current';
  return m.validFrom > today ? 'future' : 'ended';
}

function MembershipTable({ member, onDone }: { member: StaffDetail; onDone: Done }) {
  const { t } = useTranslation('admin');
  const labels = useLabels();
  const today = todayInCopenhagen();
  const [ending, setEnding] = useState<StaffMembership | null>(null);
  const columns: Column<StaffMembership>[] = [
    { key: 'role', header: t('staff.role'), rowHeader: true, cell: (m) => labels.role(m.role) },
    {
      key: 'unit',
      header: t('staff.unit'),
      cell: (m) => (
        <>
          {m.unitName || t('staff.unknownUnit')} <span className="tidlig-admin-muted">({labels.unitKind(m.unitKind)})</span>
        </>
      ),
    },
    { key: 'from', header: t('staff.from'), cell: (m) => formatDayShort(m.validFrom), className: 'tidlig-nowrap' },
    { key: 'to', header: t('staff.to'), cell: (m) => (m.validTo ? formatDayShort(m.validTo) : t('staff.noEnd')), className: 'tidlig-nowrap' },
    {
      key: 'state',
      header: t('staff.roleState'),
      cell: (m) => {
        const s = membershipState(m, today);
        return s === 'current' ? <Badge variant="success">{t('staff.current')}</Badge> : s === 'future' ? <Badge variant="info">{t('staff.future')}</Badge> : t('staff.ended');
      },
    },
    {
      key: 'actions',
      header: <span className="sr-only">{t('org.actions')}</span>,
      cell: (m) =>
        m.validTo === null || m.validTo >= today ? (
          <RowButton label={t('staff.endRole')} target={`${labels.role(m.role)}, ${m.unitName}`} onClick={() => setEnding(m)} />
        ) : null,
    },
  ];
  return (
    <>
      <DataTable caption={t('staff.rolesCaption', { name: member.displayName })} columns={columns} rows={member.memberships} rowKey={(m) => m.id} empty={t('staff.noRoles')} />
      {ending ? <EndRoleDialog member={member} membership={ending} onClose={() => setEnding(null)} onDone={onDone} /> : null}
    </>
  );
}

function EndRoleDialog({ member, membership, onClose, onDone }: { member: StaffDetail; membership: StaffMembership; onClose: () => void; onDone: Done }) {
  const { t } = useTranslation('admin');
  const labels = useLabels();
  const role = labels.role(membership.role);
  return (
    <EndPeriodDialog
      formId="staff-end-role"
      title={t('staff.endRoleTitle')}
      intro={t('staff.endRoleIntro', { name: member.displayName, role, unit: membership.unitName })}
      submitLabel={t('staff.endRoleSubmit')}
      dateLabel={t('staff.endDate')}
      dateHint={t('staff.endDateHint')}
      validFrom={membership.validFrom}
      endpoint={`/api/staff/${member.id}/memberships/${membership.id}/end`}
      doneMessage={(validTo) => t('staff.roleEndedNotice', { role, unit: membership.unitName, day: formatDayShort(validTo) })}
      onClose={onClose}
      onDone={onDone}
    />
  );
}

function DeactivateBlock({ member, onDone, onVersionMismatch }: { member: StaffDetail; onDone: Done; onVersionMismatch: () => void }) {
  const { t } = useTranslation('admin');
  const [confirming, setConfirming] = useState(false);
  const toggle = useMutation({
    mutationFn: (deactivated: boolean) => api.patch<Created>(`/api/staff/${member.id}`, { deactivated }, { version: member.version }),
    onSuccess: async (_res, deactivated) => {
      setConfirming(false);
      await onDone(t(deactivated ? 'staff.deactivatedNotice' : 'staff.reactivatedNotice', { name: member.displayName }));
    },
    onError: (e) => {
      if (e instanceof ApiError && e.code === 'version.mismatch') {
        setConfirming(false);
        onVersionMismatch();
      }
    },
  });
  if (member.deactivated) {
    return (
      <>
        <p>{t('staff.deactivatedText')}</p>
        {toggle.isError ? <p className="form-error-message">{errorText(toggle.error)}</p> : null}
        <button type="button" className="button button-secondary" onClick={() => toggle.mutate(false)} disabled={toggle.isPending}>
          {t('staff.reactivate')}
        </button>
      </>
    );
  }
  return (
    <>
      <p>{t('staff.deactivateIntro')}</p>
      <button type="button" className="button button-secondary" onClick={() => setConfirming(true)}>
        <Icon name="person-remove" />
        {t('staff.deactivate')}
      </button>
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={t('staff.deactivateTitle', { name: member.displayName })}
        role="alertdialog"
        footer={
          <>
            <button type="button" className="button button-primary" onClick={() => toggle.mutate(true)} disabled={toggle.isPending}>
              {t('staff.deactivateConfirm')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
              {t('translation:common.cancel')}
            </button>
          </>
        }
      >
        <p>{t('staff.deactivateText')}</p>
        {toggle.isError ? (
          <Notice variant="error" live="assertive">
            {errorText(toggle.error)}
          </Notice>
        ) : null}
      </Dialog>
    </>
  );
}
