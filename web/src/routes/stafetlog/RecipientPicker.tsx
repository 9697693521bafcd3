// Choose a consent's recipients (S14: "to which parties"): named professionals (directory
// search), institutions or teams (from the organisation), everyone holding a role, or another
// municipality (by its three-digit code and name: a move, where the parents' consent must name
// the municipality). The chosen recipients are listed with a "Fjern" button each; the server
// looks up the names itself (a municipality's name is kept as given).
//   <RecipientPicker id="paper-recipients" value={recipients} onChange={setRecipients} error={…} />
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { api } from '../../api/client.ts';
import type { DirectoryPerson, RecipientInput } from '../../api/stafetlog.ts';
import { SelectField, TextField } from '../../components/FormField.tsx';
import type * as org from '../../../../src/modules/organisation/schema.ts';
import type { Role } from '../../../../src/domain/roles.ts';
import { RadioGroup, RowButton } from '../admin/widgets.tsx';
import { useStafetlogLabels } from './labels.ts';
import { PersonSearch } from './PersonSearch.tsx';

type OrgTree = z.infer<typeof org.orgTree>;
type Kind = 'user' | 'institution' | 'team' | 'role' | 'municipality';
/** A chosen recipient with the name to show (the server stores the name it looks up). */
export type PickedRecipient = RecipientInput & { name: string };

/** Roles that work with children: the ones a consent may name as receivers. */
const CHILD_ROLES = ['fagperson', 'leder', 'myndighedsraadgiver', 'teamleder', 'myndighedsleder', 'forebyggende_raadgiver', 'familiebehandler'] as const satisfies readonly Role[];

const keyOf = (r: RecipientInput) => (r.kind === 'role' ? `role:${r.role}` : r.kind === 'municipality' ? `municipality:${r.code}` : `${r.kind}:${r.id}`);

export interface RecipientPickerProps {
  id: string;
  value: PickedRecipient[];
  onChange: (value: PickedRecipient[]) => void;
  error?: string | null;
}

export function RecipientPicker({ id, value, onChange, error }: RecipientPickerProps) {
  const { t } = useTranslation('stafetlog');
  const labels = useStafetlogLabels();
  const [kind, setKind] = useState<Kind>('user');
  const [person, setPerson] = useState<DirectoryPerson | null>(null);
  const [unitId, setUnitId] = useState('');
  const [role, setRole] = useState('');
  const [municipality, setMunicipality] = useState({ code: '', name: '' });
  const [pickError, setPickError] = useState<string | null>(null);
  const tree = useQuery({
    queryKey: ['org', 'tree'],
    queryFn: ({ signal }) => api.get<OrgTree>('/api/org/tree', { signal }),
    staleTime: 60_000,
    enabled: kind === 'institution' || kind === 'team',
  });
  const institutions = tree.data ? [...tree.data.districts.flatMap((d) => d.institutions), ...tree.data.unassigned] : [];
  const units =
    kind === 'institution'
      ? institutions.map((i) => ({ value: i.id, label: i.name }))
      : kind === 'team'
        ? (tree.data?.teams ?? []).map((tm) => ({ value: tm.id, label: tm.name }))
        : [];
  units.sort((a, b) => a.label.localeCompare(b.label, 'da'));

  const add = () => {
    let next: PickedRecipient | null = null;
    if (kind === 'user' && person) next = { kind: 'user', id: person.userId, name: person.name };
    if ((kind === 'institution' || kind === 'team') && unitId) next = { kind, id: unitId, name: units.find((u) => u.value === unitId)?.label ?? '' };
    if (kind === 'role' && role) next = { kind: 'role', role: role as Role, name: labels.role(role) };
    const code = municipality.code.trim();
    const name = municipality.name.trim();
    if (kind === 'municipality' && /^[0-9]{3}$/.test(code) && name) next = { kind: 'municipality', code, name };
    if (!next) {
      const codeBad = kind === 'municipality' && !/^[0-9]{3}$/.test(code);
      setPickError(kind !== 'municipality' ? t('consent.form.pickRecipient') : codeBad ? t('transfer.codeInvalid') : t('transfer.nameRequired'));
      document.getElementById(kind === 'municipality' ? `${id}-municipality${codeBad ? '' : '-name'}` : `${id}-${kind}`)?.focus();
      return;
    }
    setPickError(null);
    if (!value.some((r) => keyOf(r) === keyOf(next))) onChange([...value, next]);
    setPerson(null);
    setUnitId('');
    setRole('');
    setMunicipality({ code: '', name: '' });
  };

  return (
    <div className={`form-group${error ? ' form-error' : ''}`}>
      <fieldset className="tidlig-stafetlog-fieldset" aria-describedby={error ? `${id}-error` : undefined}>
        <legend className="form-label">{t('consent.form.recipients')}</legend>
        {error ? (
          <span className="form-error-message" id={`${id}-error`}>
            <span className="sr-only">{t('translation:common.errorPrefix')} </span>
            {error}
          </span>
        ) : null}
        {value.length ? (
          <ul className="nobullet-list tidlig-stafetlog-chosen" aria-label={t('consent.form.chosenRecipients')}>
            {value.map((r) => (
              <li key={keyOf(r)}>
                {r.kind === 'role' ? t('consent.recipientRole', { name: r.name }) : r.kind === 'municipality' ? t('consent.recipientMunicipality', { name: r.name, code: r.code }) : r.name}{' '}
                <span className="tidlig-stafetlog-muted">({t(`consent.recipientKinds.${r.kind}`)})</span>{' '}
                <RowButton label={t('consent.form.removeRecipient')} target={r.name} onClick={() => onChange(value.filter((x) => keyOf(x) !== keyOf(r)))} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="tidlig-stafetlog-muted" id={id} tabIndex={-1}>
            {t('consent.form.noRecipients')}
          </p>
        )}
        <RadioGroup
          id={`${id}-kind`}
          name={`${id}-kind`}
          legend={t('consent.form.recipientKind')}
          options={(['user', 'institution', 'team', 'role', 'municipality'] as const).map((k) => ({ value: k, label: t(`consent.recipientKinds.${k}`) }))}
          value={kind}
          onChange={(v) => {
            setKind(v as Kind);
            setPickError(null);
          }}
          inline
        />
        {kind === 'user' ? (
          <PersonSearch id={`${id}-user`} value={person} onChange={setPerson} exclude={value.filter((r) => r.kind === 'user').map((r) => (r as { id: string }).id)} error={pickError} />
        ) : kind === 'municipality' ? (
          <div className="tidlig-admin-row">
            <TextField
              id={`${id}-municipality`}
              label={t('transfer.code')}
              hint={t('consent.form.municipalityHint')}
              value={municipality.code}
              onChange={(e) => setMunicipality({ ...municipality, code: e.target.value })}
              error={pickError && !/^[0-9]{3}$/.test(municipality.code.trim()) ? pickError : null}
              inputMode="numeric"
              autoComplete="off"
              maxLength={3}
              width="xs"
            />
            <TextField
              id={`${id}-municipality-name`}
              label={t('transfer.name')}
              hint={t('transfer.nameHint')}
              value={municipality.name}
              onChange={(e) => setMunicipality({ ...municipality, name: e.target.value })}
              error={pickError && /^[0-9]{3}$/.test(municipality.code.trim()) ? pickError : null}
              maxLength={200}
            />
          </div>
        ) : kind === 'role' ? (
          <SelectField
            id={`${id}-role`}
            label={t('consent.form.role')}
            hint={t('consent.form.roleHint')}
            placeholder={t('consent.form.chooseRole')}
            options={CHILD_ROLES.map((r) => ({ value: r, label: labels.role(r) }))}
            value={role}
            onChange={(e) => setRole(e.target.value)}
            error={pickError}
          />
        ) : (
          <SelectField
            id={`${id}-${kind}`}
            label={kind === 'institution' ? t('consent.form.institution') : t('consent.form.team')}
            placeholder={tree.isPending ? t('translation:common.loading') : kind === 'institution' ? t('consent.form.chooseInstitution') : t('consent.form.chooseTeam')}
            options={units}
            value={unitId}
            onChange={(e) => setUnitId(e.target.value)}
            error={pickError}
          />
        )}
        <button type="button" className="button button-secondary mt-4" onClick={add}>
          {t('consent.form.addRecipient')}
        </button>
      </fieldset>
    </div>
  );
}
