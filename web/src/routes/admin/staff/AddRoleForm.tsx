// "Tilføj rolle": role → the unit kinds that role may be held in (ROLE_UNITS, the same
// table the server checks) → a unit of that kind from the organisation tree → from/to.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLE_UNITS, type Role } from '../../../../../src/domain/roles.ts';
import { api } from '../../../api/client.ts';
import { useMe } from '../../../api/session.ts';
import { ErrorSummary } from '../../../components/ErrorSummary.tsx';
import { SelectField, TextField } from '../../../components/FormField.tsx';
import { formatDayShort, todayInCopenhagen } from '../../../components/format.ts';
import { allInstitutions, orgTreeQuery, type Created, type MembershipCreate, type OrgTree, type UnitKind } from '../api.ts';
import { check, useFormErrors, type FieldErrors } from '../forms.ts';
import { useLabels } from '../labels.ts';
import { GroupedSelectField, type OptionGroup } from '../widgets.tsx';

type Values = { role: string; unitKind: string; unitId: string; validFrom: string; validTo: string };

/** The units of a kind, grouped for the select (archived units are left out). */
function unitGroups(tree: OrgTree | undefined, kind: UnitKind | '', municipality: { id: string; name: string }, t: (k: string) => string, teamKind: (k: string) => string): OptionGroup[] {
  if (!tree || !kind) return [];
  switch (kind) {
    case 'municipality':
      return [{ label: t('org.wholeMunicipality'), options: [{ value: municipality.id, label: municipality.name }] }];
    case 'district':
      return [{ label: t('org.districts'), options: tree.districts.filter((d) => !d.archived).map((d) => ({ value: d.id, label: d.name })) }];
    case 'institution':
      return [
        ...tree.districts.map((d) => ({ label: d.name, options: d.institutions.filter((i) => !i.archived).map((i) => ({ value: i.id, label: i.name })) })),
        { label: t('org.noDistrict'), options: tree.unassigned.filter((i) => !i.archived).map((i) => ({ value: i.id, label: i.name })) },
      ];
    case 'group':
      return allInstitutions(tree)
        .filter((i) => !i.archived)
        .map((i) => ({ label: i.name, options: i.groups.filter((g) => !g.archived).map((g) => ({ value: g.id, label: `${g.name} (${i.name})` })) }));
    case 'team':
      return [{ label: t('org.teamsHeading'), options: tree.teams.filter((x) => !x.archived).map((x) => ({ value: x.id, label: `${x.name} (${teamKind(x.kind)})` })) }];
  }
}

export function AddRoleForm({ userId, onDone }: { userId: string; onDone: (message: string) => Promise<void> }) {
  const { t } = useTranslation('admin');
  const labels = useLabels();
  const me = useMe();
  const tree = useQuery(orgTreeQuery);
  const formId = 'staff-add-role';
  const errors = useFormErrors(formId, { 'unit.invalid': 'unitId', 'period.invalid': 'validTo' });
  const empty: Values = { role: '', unitKind: '', unitId: '', validFrom: todayInCopenhagen(), validTo: '' };
  const [v, setV] = useState<Values>(empty);

  const kinds: readonly UnitKind[] = v.role ? ROLE_UNITS[v.role as Role] : [];
  const groups = unitGroups(tree.data, v.unitKind as UnitKind | '', me.municipality, t, labels.teamKind);
  const unitName = groups.flatMap((g) => g.options).find((o) => o.value === v.unitId)?.label ?? '';

  const setRole = (role: string) => {
    const allowed: readonly UnitKind[] = role ? ROLE_UNITS[role as Role] : [];
    // Keep the unit kind when it still fits; a single choice is made for the user.
    const unitKind = allowed.includes(v.unitKind as UnitKind) ? v.unitKind : allowed.length === 1 ? allowed[0]! : '';
    const unitId = unitKind === v.unitKind ? v.unitId : unitKind === 'municipality' ? me.municipality.id : '';
    setV((prev) => ({ ...prev, role, unitKind, unitId }));
  };
  const setUnitKind = (unitKind: string) => setV((prev) => ({ ...prev, unitKind, unitId: unitKind === 'municipality' ? me.municipality.id : '' }));

  const add = useMutation({
    mutationFn: (body: MembershipCreate) => api.post<Created>(`/api/staff/${userId}/memberships`, body),
    onSuccess: async () => {
      const message = t('staff.roleAddedNotice', { role: labels.role(v.role), unit: unitName, day: formatDayShort(v.validFrom) });
      setV(empty);
      errors.clear();
      await onDone(message);
    },
    onError: (e) => errors.fromApi(e),
  });

  const validate = (): FieldErrors => {
    const e: FieldErrors = {};
    if (!v.role) e.role = t('validation.role');
    if (v.role && !v.unitKind) e.unitKind = t('validation.unitKind');
    if (v.unitKind && !v.unitId) e.unitId = t('validation.unitId');
    if (!check.day(v.validFrom)) e.validFrom = t('validation.validFrom');
    if (v.validTo && !check.day(v.validTo)) e.validTo = t('validation.validTo');
    else if (v.validTo && check.day(v.validFrom) && v.validTo < v.validFrom) e.validTo = t('validation.endBeforeStart', { day: formatDayShort(v.validFrom) });
    return e;
  };

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (errors.setFieldErrors(validate())) return;
    add.mutate({ role: v.role as Role, unitKind: v.unitKind as UnitKind, unitId: v.unitId, validFrom: v.validFrom, validTo: v.validTo || null });
  };

  return (
    <form id={formId} onSubmit={onSubmit} noValidate className="tidlig-admin-form">
      <p>{t('staff.addRoleIntro')}</p>
      <ErrorSummary errors={errors.summary} />
      <SelectField
        id={errors.id('role')}
        label={t('staff.role')}
        placeholder={t('staff.chooseRole')}
        options={labels.roleOptions}
        value={v.role}
        onChange={(e) => setRole(e.target.value)}
        error={errors.error('role')}
        required
      />
      <SelectField
        id={errors.id('unitKind')}
        label={t('staff.unitKind')}
        hint={v.role ? t('staff.unitKindHint', { role: labels.role(v.role) }) : t('staff.unitKindHintNoRole')}
        placeholder={t('staff.chooseUnitKind')}
        options={kinds.map((k) => ({ value: k, label: labels.unitKind(k) }))}
        value={v.unitKind}
        onChange={(e) => setUnitKind(e.target.value)}
        error={errors.error('unitKind')}
        disabled={!v.role}
        required
      />
      <GroupedSelectField
        id={errors.id('unitId')}
        label={t('staff.unit')}
        hint={tree.isPending ? t('org.loading') : undefined}
        placeholder={t('staff.chooseUnit')}
        groups={groups}
        value={v.unitId}
        onChange={(e) => setV((prev) => ({ ...prev, unitId: e.target.value }))}
        error={errors.error('unitId')}
        disabled={!v.unitKind}
        required
      />
      <div className="tidlig-admin-row">
        <TextField
          id={errors.id('validFrom')}
          type="date"
          label={t('staff.from')}
          value={v.validFrom}
          onChange={(e) => setV((prev) => ({ ...prev, validFrom: e.target.value }))}
          error={errors.error('validFrom')}
          required
        />
        <TextField
          id={errors.id('validTo')}
          type="date"
          label={t('staff.toOptional')}
          hint={t('staff.toHint')}
          value={v.validTo}
          min={v.validFrom || undefined}
          onChange={(e) => setV((prev) => ({ ...prev, validTo: e.target.value }))}
          error={errors.error('validTo')}
        />
      </div>
      <button type="submit" className="button button-primary mt-5" disabled={add.isPending}>
        {t('staff.addRoleSubmit')}
      </button>
    </form>
  );
}
