// /admin/medarbejdere — staff, searched and paged on the server (name or username), with
// profession and blocked/deactivated badges; "Opret medarbejder" opens the create form.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { DataTable, type Column } from '../../../components/DataTable.tsx';
import { Dialog } from '../../../components/Dialog.tsx';
import { ErrorSummary } from '../../../components/ErrorSummary.tsx';
import { SelectField, TextField } from '../../../components/FormField.tsx';
import { Icon } from '../../../components/Icon.tsx';
import { Notice } from '../../../components/Notice.tsx';
import { Pagination } from '../../../components/Pagination.tsx';
import { usePageTitle } from '../../../components/usePageTitle.ts';
import { errorText } from '../../../i18n/index.ts';
import { adminKeys, type Created, type StaffCreate, type StaffMember, type StaffPage } from '../api.ts';
import { setFlash } from '../flash.ts';
import { check, MIN_PASSWORD_LENGTH, useFormErrors, type FieldErrors } from '../forms.ts';
import { useLabels } from '../labels.ts';
import { Badge, DialogButtons } from '../widgets.tsx';

const PAGE_SIZE = 25;

export function StaffStatusBadges({ member, hideActive }: { member: Pick<StaffMember, 'blocked' | 'deactivated'>; hideActive?: boolean }) {
  const { t } = useTranslation('admin');
  return (
    <>
      {member.blocked ? <Badge variant="warning">{t('staff.blockedBadge')}</Badge> : null}
      {member.deactivated ? <Badge variant="error">{t('staff.deactivatedBadge')}</Badge> : null}
      {!member.blocked && !member.deactivated && !hideActive ? t('staff.activeStatus') : null}
    </>
  );
}

export function StaffListPage() {
  const { t } = useTranslation('admin');
  usePageTitle(t('staff.title'));
  const labels = useLabels();
  const [input, setInput] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);

  const query = useQuery({
    queryKey: adminKeys.staffList(q, page),
    queryFn: ({ signal }) => api.get<StaffPage>('/api/staff', { signal, query: { q: q || undefined, page, pageSize: PAGE_SIZE } }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });

  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    setQ(input.trim());
    setPage(1);
  };

  const columns: Column<StaffMember>[] = [
    {
      key: 'name',
      header: t('staff.name'),
      rowHeader: true,
      cell: (m) => (
        <Link to="/admin/medarbejdere/$userId" params={{ userId: m.id }}>
          {m.displayName}
        </Link>
      ),
    },
    { key: 'username', header: t('staff.username'), cell: (m) => m.username },
    { key: 'profession', header: t('staff.profession'), cell: (m) => labels.profession(m.profession) },
    { key: 'status', header: t('staff.status'), cell: (m) => <StaffStatusBadges member={m} /> },
  ];

  const data = query.data;
  return (
    <>
      <h1>{t('staff.title')}</h1>
      <p className="font-lead">{t('staff.intro')}</p>
      <div className="tidlig-admin-actions">
        <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
          <Icon name="person-add" />
          {t('staff.create')}
        </button>
      </div>

      <form onSubmit={onSearch} role="search" aria-label={t('staff.searchLabel')} className="tidlig-inline-actions mt-5" noValidate>
        <TextField
          id="staff-search"
          type="search"
          label={t('staff.searchLabel')}
          hint={t('staff.searchHint')}
          value={input}
          onChange={(e) => setInput(e.target.value)}
          autoComplete="off"
          maxLength={100}
          width="l"
        />
        <div className="tidlig-filter-buttons">
          <button type="submit" className="button button-secondary">
            {t('staff.search')}
          </button>
          {q ? (
            <button
              type="button"
              className="button button-tertiary"
              onClick={() => {
                setInput('');
                setQ('');
                setPage(1);
              }}
            >
              {t('staff.clearSearch')}
            </button>
          ) : null}
        </div>
      </form>

      <div className="mt-6">
        {query.isError ? (
          <Notice variant="error" live="assertive">
            {errorText(query.error)}
          </Notice>
        ) : null}
        {data ? (
          <p aria-live="polite" className="mb-3">
            {q ? t('staff.countSearch', { count: data.total, q }) : t('staff.count', { count: data.total })}
          </p>
        ) : null}
        <DataTable
          caption={t('staff.caption')}
          captionHidden
          columns={columns}
          rows={data?.items}
          rowKey={(m) => m.id}
          loading={query.isPending || (query.isFetching && query.isPlaceholderData)}
          empty={query.isSuccess ? t('staff.empty') : undefined}
        />
        {data ? <Pagination page={data.page} pageSize={data.pageSize} total={data.total} onPageChange={setPage} label={t('staff.pagination')} /> : null}
      </div>
      {creating ? <CreateStaffDialog onClose={() => setCreating(false)} /> : null}
    </>
  );
}

type CreateValues = { username: string; displayName: string; email: string; profession: string; password: string; ssoSubject: string };

function CreateStaffDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('admin');
  const labels = useLabels();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const formId = 'staff-create';
  const errors = useFormErrors(formId, { 'username.taken': 'username' });
  const [v, setV] = useState<CreateValues>({ username: '', displayName: '', email: '', profession: '', password: '', ssoSubject: '' });
  const set = (k: keyof CreateValues, value: string) => setV((prev) => ({ ...prev, [k]: value }));

  const create = useMutation({
    mutationFn: (body: StaffCreate) => api.post<Created>('/api/staff', body),
    onSuccess: async (res) => {
      await qc.invalidateQueries({ queryKey: adminKeys.staffLists });
      setFlash(`staff:${res.id}`, t('staff.createdNotice', { name: v.displayName.trim() }));
      onClose();
      void navigate({ to: '/admin/medarbejdere/$userId', params: { userId: res.id } });
    },
    onError: (e) => errors.fromApi(e),
  });

  const validate = (): FieldErrors => {
    const e: FieldErrors = {};
    if (!check.username(v.username)) e.username = t('validation.username');
    if (!check.required(v.displayName)) e.displayName = t('validation.displayName');
    if (v.email.trim() && !check.email(v.email)) e.email = t('validation.email');
    if (!v.profession) e.profession = t('validation.profession');
    if (v.password && v.password.length < MIN_PASSWORD_LENGTH) e.password = t('validation.password', { min: MIN_PASSWORD_LENGTH });
    return e;
  };

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (errors.setFieldErrors(validate())) return;
    create.mutate({
      username: v.username.trim().toLowerCase(),
      displayName: v.displayName.trim(),
      email: v.email.trim() || null,
      profession: v.profession as StaffCreate['profession'],
      password: v.password || undefined,
      ssoSubject: v.ssoSubject.trim() || null,
    });
  };

  return (
    <Dialog open onClose={onClose} title={t('staff.createTitle')} footer={<DialogButtons formId={formId} submit={t('staff.createSubmit')} busy={create.isPending} onCancel={onClose} />}>
      <form id={formId} onSubmit={onSubmit} noValidate>
        <ErrorSummary errors={errors.summary} />
        <TextField id={errors.id('displayName')} label={t('staff.name')} value={v.displayName} onChange={(e) => set('displayName', e.target.value)} error={errors.error('displayName')} autoComplete="off" maxLength={200} required />
        <TextField
          id={errors.id('username')}
          label={t('staff.username')}
          hint={t('staff.usernameHint')}
          value={v.username}
          onChange={(e) => set('username', e.target.value)}
          error={errors.error('username')}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={100}
          required
        />
        <TextField id={errors.id('email')} type="email" label={t('staff.emailOptional')} value={v.email} onChange={(e) => set('email', e.target.value)} error={errors.error('email')} autoComplete="off" maxLength={200} />
        <SelectField
          id={errors.id('profession')}
          label={t('staff.profession')}
          placeholder={t('staff.chooseProfession')}
          options={labels.professionOptions}
          value={v.profession}
          onChange={(e) => set('profession', e.target.value)}
          error={errors.error('profession')}
          required
        />
        <TextField
          id={errors.id('password')}
          type="password"
          label={t('staff.passwordOptional')}
          hint={t('staff.passwordHint', { min: MIN_PASSWORD_LENGTH })}
          value={v.password}
          onChange={(e) => set('password', e.target.value)}
          error={errors.error('password')}
          autoComplete="new-password"
          maxLength={200}
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
      </form>
    </Dialog>
  );
}
