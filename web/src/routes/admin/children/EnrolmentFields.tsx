// Institution + optional group + start date, used by "Indskriv" and by the first enrolment
// of a new child. Explains the track rule (src/domain/enrolment.ts): an open enrolment of
// the same kind ends the day before the new one starts.
import { useTranslation } from 'react-i18next';
import { addDays } from '../../../../../src/domain/calendar.ts';
import { trackOf } from '../../../../../src/domain/enrolment.ts';
import { SelectField, TextField } from '../../../components/FormField.tsx';
import { formatDayShort } from '../../../components/format.ts';
import { allInstitutions, type OrgTree, type Placement } from '../api.ts';
import type { FormErrors } from '../forms.ts';
import { useLabels } from '../labels.ts';
import { GroupedSelectField } from '../widgets.tsx';

export interface EnrolmentValues {
  institutionId: string;
  groupId: string;
  validFrom: string;
}

interface Props {
  tree: OrgTree | undefined;
  values: EnrolmentValues;
  onChange: (v: EnrolmentValues) => void;
  errors: FormErrors;
  /** Field path prefix for server errors ('' or 'enrolment.'). */
  prefix?: string;
  /** The child's enrolments, to say which one ends. */
  current?: Placement[];
}

export function EnrolmentFields({ tree, values, onChange, errors, prefix = '', current = [] }: Props) {
  const { t } = useTranslation('admin');
  const labels = useLabels();
  const institutions = allInstitutions(tree);
  const institution = institutions.find((i) => i.id === values.institutionId);
  const groups = [
    ...(tree?.districts ?? []).map((d) => ({
      label: d.name,
      options: d.institutions.filter((i) => !i.archived).map((i) => ({ value: i.id, label: `${i.name} (${labels.institutionType(i.type)})` })),
    })),
    {
      label: t('org.noDistrict'),
      options: (tree?.unassigned ?? []).filter((i) => !i.archived).map((i) => ({ value: i.id, label: `${i.name} (${labels.institutionType(i.type)})` })),
    },
  ];
  const groupOptions = (institution?.groups ?? []).filter((g) => !g.archived).map((g) => ({ value: g.id, label: g.name }));
  const f = (name: string) => `${prefix}${name}`;

  // Which open enrolment this one would end (same track, started before the new start).
  const track = institution ? trackOf(institution.type) : null;
  const ending =
    track && track !== 'other' && /^\d{4}-\d{2}-\d{2}$/.test(values.validFrom)
      ? current.filter((p) => p.validTo === null && trackOf(p.institutionType) === track && p.validFrom < values.validFrom)
      : [];

  return (
    <>
      <GroupedSelectField
        id={errors.id(f('institutionId'))}
        label={t('children.institution')}
        placeholder={t('org.chooseInstitution')}
        groups={groups}
        value={values.institutionId}
        onChange={(e) => onChange({ ...values, institutionId: e.target.value, groupId: '' })}
        error={errors.error(f('institutionId'))}
        required
      />
      <SelectField
        id={errors.id(f('groupId'))}
        label={t('children.groupOptional')}
        hint={institution && !groupOptions.length ? t('children.noGroupsInInstitution') : undefined}
        placeholder={t('children.noGroup')}
        options={groupOptions}
        value={values.groupId}
        onChange={(e) => onChange({ ...values, groupId: e.target.value })}
        error={errors.error(f('groupId'))}
        disabled={!groupOptions.length}
      />
      <TextField
        id={errors.id(f('validFrom'))}
        type="date"
        label={t('children.enrolFrom')}
        hint={t('children.trackRule')}
        value={values.validFrom}
        onChange={(e) => onChange({ ...values, validFrom: e.target.value })}
        error={errors.error(f('validFrom'))}
        required
      />
      <div aria-live="polite">
        {ending.map((p) => (
          <p key={p.enrolmentId} className="tidlig-admin-consequence">
            {t('children.willEnd', { institution: p.institutionName, day: formatDayShort(addDays(values.validFrom, -1)) })}
          </p>
        ))}
      </div>
    </>
  );
}
