// Danish (or English) names of the domain's codes, in one place for the admin pages.
// Roles, professions, relations and unit kinds come from the shell's `translation`
// namespace (shared with the rest of the app); institution types, team kinds and import
// statuses from the `admin` namespace.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { INSTITUTION_TYPES, PROFESSIONS, ROLES } from '../../../../src/domain/roles.ts';
import type { SelectOption } from '../../components/FormField.tsx';
import { TEAM_KINDS } from './api.ts';

export const RELATIONS = ['mor', 'far', 'plejeforaelder', 'vaerge', 'anden'] as const;

export function useLabels() {
  const { t, i18n } = useTranslation('admin');
  return useMemo(() => {
    const role = (r: string) => t(`translation:roles.${r}`, { defaultValue: r });
    const profession = (p: string) => t(`translation:professions.${p}`, { defaultValue: p });
    const relation = (r: string) => t(`translation:relations.${r}`, { defaultValue: r });
    const unitKind = (k: string) => t(`translation:unitKinds.${k}`, { defaultValue: k });
    const institutionType = (ty: string) => t(`institutionTypes.${ty}`, { defaultValue: ty });
    const teamKind = (k: string) => t(`teamKinds.${k}`, { defaultValue: k });
    const sorted = (opts: SelectOption[]) => opts.sort((a, b) => a.label.localeCompare(b.label, i18n.language));
    return {
      role,
      profession,
      relation,
      unitKind,
      institutionType,
      teamKind,
      roleOptions: ROLES.map((r) => ({ value: r, label: role(r) })) as SelectOption[],
      professionOptions: sorted(PROFESSIONS.map((p) => ({ value: p, label: profession(p) }))),
      institutionTypeOptions: INSTITUTION_TYPES.map((ty) => ({ value: ty, label: institutionType(ty) })) as SelectOption[],
      teamKindOptions: TEAM_KINDS.map((k) => ({ value: k, label: teamKind(k) })) as SelectOption[],
      relationOptions: RELATIONS.map((r) => ({ value: r, label: relation(r) })) as SelectOption[],
    };
  }, [t, i18n.language]);
}
