// Create and edit dialogs for districts, institutions, groups and teams. One component
// handles both: with `existing` it PATCHes only what changed, with If-Match: "<version>";
// without it POSTs a new unit. Field errors come from the client check first, then from the
// server's 400 details or 409 name.taken; 412 means someone else changed the unit: the tree
// is fetched again and the user is told to check and save again.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { Dialog } from '../../../components/Dialog.tsx';
import { ErrorSummary } from '../../../components/ErrorSummary.tsx';
import { SelectField, TextField } from '../../../components/FormField.tsx';
import { adminKeys, allInstitutions, type Created, type District, type Group, type Institution, type OrgTree, type Team } from '../api.ts';
import { check, useFormErrors, type FieldErrors } from '../forms.ts';
import { useLabels } from '../labels.ts';
import { Checkbox, DialogButtons, GroupedSelectField } from '../widgets.tsx';

export type OrgDialogState =
  | { kind: 'district'; existing?: District }
  | { kind: 'institution'; existing?: Institution; districtId?: string | null }
  | { kind: 'group'; existing?: Group; institutionId?: string }
  | { kind: 'team'; existing?: Team };

export interface OrgSaved {
  kind: OrgDialogState['kind'];
  id: string;
  name: string;
  created: boolean;
  /** For a new group/institution: where it sits, so the tree can open it. */
  parentIds: string[];
}

interface Props {
  state: OrgDialogState;
  tree: OrgTree;
  onClose: () => void;
  onSaved: (saved: OrgSaved) => void;
}

const ENDPOINT: Record<OrgDialogState['kind'], string> = {
  district: '/api/org/districts',
  institution: '/api/org/institutions',
  group: '/api/org/groups',
  team: '/api/org/teams',
};

type Values = { name: string; type: string; districtId: string; institutionId: string; teamKind: string; archived: boolean };

function initialValues(state: OrgDialogState): Values {
  const v: Values = { name: '', type: '', districtId: '', institutionId: '', teamKind: '', archived: false };
  switch (state.kind) {
    case 'district':
      return { ...v, name: state.existing?.name ?? '', archived: state.existing?.archived ?? false };
    case 'institution':
      return {
        ...v,
        name: state.existing?.name ?? '',
        type: state.existing?.type ?? '',
        districtId: (state.existing ? state.existing.districtId : state.districtId) ?? '',
        archived: state.existing?.archived ?? false,
      };
    case 'group':
      return { ...v, name: state.existing?.name ?? '', institutionId: state.existing?.institutionId ?? state.institutionId ?? '', archived: state.existing?.archived ?? false };
    case 'team':
      return {
        ...v,
        name: state.existing?.name ?? '',
        teamKind: state.existing?.kind ?? '',
        districtId: state.existing?.districtId ?? '',
        institutionId: state.existing?.institutionId ?? '',
        archived: state.existing?.archived ?? false,
      };
  }
}

function latest(tree: OrgTree, kind: OrgDialogState['kind'], id: string): { id: string; version: number } | undefined {
  switch (kind) {
    case 'district':
      return tree.districts.find((d) => d.id === id);
    case 'institution':
      return allInstitutions(tree).find((i) => i.id === id);
    case 'group':
      return allInstitutions(tree)
        .flatMap((i) => i.groups)
        .find((g) => g.id === id);
    case 'team':
      return tree.teams.find((x) => x.id === id);
  }
}

export function OrgDialog({ state, tree, onClose, onSaved }: Props) {
  const { t } = useTranslation('admin');
  const labels = useLabels();
  const qc = useQueryClient();
  const formId = `org-${state.kind}-form`;
  const errors = useFormErrors(formId, { 'name.taken': 'name', 'district.not_found': 'districtId', 'institution.not_found': 'institutionId' });
  const [values, setValues] = useState<Values>(() => initialValues(state));
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));
  // After a 412 the tree is fetched again: save against the newest version of the unit.
  const existing = state.existing ? (latest(tree, state.kind, state.existing.id) ?? state.existing) : undefined;
  const editing = existing !== undefined;

  const institutions = allInstitutions(tree);
  const districtOptions = tree.districts.filter((d) => !d.archived || d.id === values.districtId).map((d) => ({ value: d.id, label: d.name }));
  const institutionGroups = [
    ...tree.districts.map((d) => ({ label: d.name, options: d.institutions.filter((i) => !i.archived || i.id === values.institutionId).map((i) => ({ value: i.id, label: i.name })) })),
    { label: t('org.noDistrict'), options: tree.unassigned.filter((i) => !i.archived || i.id === values.institutionId).map((i) => ({ value: i.id, label: i.name })) },
  ];

  const body = (): Record<string, unknown> => {
    const b: Record<string, unknown> = {};
    const name = values.name.trim();
    switch (state.kind) {
      case 'district':
        b.name = name;
        break;
      case 'institution':
        b.name = name;
        b.type = values.type;
        b.districtId = values.districtId || null;
        break;
      case 'group':
        b.name = name;
        if (!editing) b.institutionId = values.institutionId;
        break;
      case 'team':
        b.name = name;
        if (!editing) b.kind = values.teamKind;
        b.districtId = values.districtId || null;
        b.institutionId = values.institutionId || null;
        break;
    }
    if (!editing) return b;
    b.archived = values.archived;
    // Send only what changed.
    const before = initialValues(state);
    const changed: Record<string, unknown> = {};
    const keyOf: Record<string, keyof Values> = { name: 'name', type: 'type', districtId: 'districtId', institutionId: 'institutionId', archived: 'archived' };
    for (const [k, v] of Object.entries(b)) {
      const vk = keyOf[k];
      const old = vk ? before[vk] : undefined;
      const oldNorm = old === '' ? null : typeof old === 'string' && k === 'name' ? old.trim() : old;
      if (v !== oldNorm) changed[k] = v;
    }
    return changed;
  };

  const save = useMutation({
    mutationFn: async (payload: Record<string, unknown>) =>
      existing
        ? api.patch<Created>(`${ENDPOINT[state.kind]}/${existing.id}`, payload, { version: existing.version })
        : api.post<Created>(ENDPOINT[state.kind], payload),
    onSuccess: async (res) => {
      await qc.invalidateQueries({ queryKey: adminKeys.orgTree });
      const parentIds: string[] = [];
      if (state.kind === 'institution' && values.districtId) parentIds.push(values.districtId);
      if (state.kind === 'institution' && !values.districtId) parentIds.push('unassigned');
      if (state.kind === 'group') {
        const inst = institutions.find((i) => i.id === values.institutionId);
        parentIds.push(inst?.districtId ?? 'unassigned', values.institutionId);
      }
      onSaved({ kind: state.kind, id: res.id, name: values.name.trim(), created: !editing, parentIds });
    },
    onError: (e) => {
      const code = errors.fromApi(e);
      if (code === 'version.mismatch') void qc.invalidateQueries({ queryKey: adminKeys.orgTree });
    },
  });

  const validate = (): FieldErrors => {
    const e: FieldErrors = {};
    if (!check.required(values.name)) e.name = t(`org.${state.kind}NameRequired`);
    else if (!check.maxLength(values.name, 200)) e.name = t('validation.tooLong', { max: 200 });
    if (state.kind === 'institution' && !values.type) e.type = t('validation.type');
    if (state.kind === 'group' && !editing && !values.institutionId) e.institutionId = t('validation.institutionId');
    if (state.kind === 'team' && !editing && !values.teamKind) e.kind = t('validation.kind');
    return e;
  };

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (errors.setFieldErrors(validate())) return;
    const payload = body();
    if (editing && Object.keys(payload).length === 0) {
      onClose();
      return;
    }
    save.mutate(payload);
  };

  const title = t(`org.${editing ? 'editTitle' : 'create'}.${state.kind}`);
  return (
    <Dialog open onClose={onClose} title={title} footer={<DialogButtons formId={formId} submit={t(editing ? 'common.save' : `org.createSubmit.${state.kind}`)} busy={save.isPending} onCancel={onClose} />}>
      <form id={formId} onSubmit={onSubmit} noValidate>
        <ErrorSummary errors={errors.summary} />
        <TextField
          id={errors.id('name')}
          label={t(`org.nameLabel.${state.kind}`)}
          hint={state.kind === 'group' ? t('org.groupNameHint') : undefined}
          value={values.name}
          onChange={(e) => set('name', e.target.value)}
          error={errors.error('name')}
          autoComplete="off"
          maxLength={200}
          required
        />
        {state.kind === 'institution' ? (
          <>
            <SelectField
              id={errors.id('type')}
              label={t('org.institutionType')}
              placeholder={t('org.chooseType')}
              options={labels.institutionTypeOptions}
              value={values.type}
              onChange={(e) => set('type', e.target.value)}
              error={errors.error('type')}
              required
            />
            <SelectField
              id={errors.id('districtId')}
              label={t('org.district')}
              hint={t('org.districtHint')}
              placeholder={t('org.noDistrict')}
              options={districtOptions}
              value={values.districtId}
              onChange={(e) => set('districtId', e.target.value)}
              error={errors.error('districtId')}
            />
          </>
        ) : null}
        {state.kind === 'group' && !editing ? (
          <GroupedSelectField
            id={errors.id('institutionId')}
            label={t('org.institution')}
            placeholder={t('org.chooseInstitution')}
            groups={institutionGroups}
            value={values.institutionId}
            onChange={(e) => set('institutionId', e.target.value)}
            error={errors.error('institutionId')}
            required
          />
        ) : null}
        {state.kind === 'team' ? (
          <>
            {editing ? (
              <p className="mt-5">
                <strong>{t('org.teamKind')}:</strong> {labels.teamKind(values.teamKind)}
              </p>
            ) : (
              <SelectField
                id={errors.id('kind')}
                label={t('org.teamKind')}
                hint={t('org.teamKindHint')}
                placeholder={t('org.chooseTeamKind')}
                options={labels.teamKindOptions}
                value={values.teamKind}
                onChange={(e) => set('teamKind', e.target.value)}
                error={errors.error('kind')}
                required
              />
            )}
            <SelectField
              id={errors.id('districtId')}
              label={t('org.teamDistrict')}
              placeholder={t('org.none')}
              options={districtOptions}
              value={values.districtId}
              onChange={(e) => set('districtId', e.target.value)}
              error={errors.error('districtId')}
            />
            <GroupedSelectField
              id={errors.id('institutionId')}
              label={t('org.teamInstitution')}
              hint={t('org.teamInstitutionHint')}
              placeholder={t('org.none')}
              groups={institutionGroups}
              value={values.institutionId}
              onChange={(e) => set('institutionId', e.target.value)}
              error={errors.error('institutionId')}
            />
          </>
        ) : null}
        {editing ? (
          <Checkbox
            id={errors.id('archived')}
            label={t('org.archived')}
            hint={t('org.archivedHint')}
            checked={values.archived}
            onChange={(e) => set('archived', e.target.checked)}
            error={errors.error('archived')}
          />
        ) : null}
      </form>
    </Dialog>
  );
}
