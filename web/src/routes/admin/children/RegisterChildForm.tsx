// "Registrér nyt barn": CPR, names, birth date, up to two custody holders (relation and
// forældremyndighed ja/nej) and an optional first enrolment — one POST /api/children.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isValidCpr, normaliseCpr, parseCpr } from '../../../../../src/domain/cpr.ts';
import { api } from '../../../api/client.ts';
import { ErrorSummary } from '../../../components/ErrorSummary.tsx';
import { SelectField, TextField } from '../../../components/FormField.tsx';
import { todayInCopenhagen } from '../../../components/format.ts';
import { Icon } from '../../../components/Icon.tsx';
import { orgTreeQuery, type ChildCreate, type Created, type CustodyHolderInput } from '../api.ts';
import { check, useFormErrors, type FieldErrors } from '../forms.ts';
import { useLabels } from '../labels.ts';
import { Checkbox, RadioGroup } from '../widgets.tsx';
import { EnrolmentFields, type EnrolmentValues } from './EnrolmentFields.tsx';

const MAX_HOLDERS = 2;

type Holder = { key: number; cpr: string; firstName: string; lastName: string; relation: string; hasCustody: '' | 'yes' | 'no'; phone: string; email: string };
type Values = { cpr: string; firstName: string; lastName: string; birthDate: string; holders: Holder[]; enrol: boolean; enrolment: EnrolmentValues };

let holderKey = 0;
const newHolder = (): Holder => ({ key: ++holderKey, cpr: '', firstName: '', lastName: '', relation: '', hasCustody: '', phone: '', email: '' });

/**
 * The birth date a CPR number carries (CPR-kontoret's century rule on the 7th digit),
 * for fictitious (month + 20) and replacement (day + 60) numbers too.
 */
export function birthDateFromCpr(input: string): string | null {
  const parts = parseCpr(input);
  const n = normaliseCpr(input);
  if (!parts || !n) return null;
  const d7 = Number(n[6]);
  const yy = parts.year;
  let century: number;
  if (d7 <= 3) century = 1900;
  else if (d7 === 4 || d7 === 9) century = yy <= 36 ? 2000 : 1900;
  else century = yy <= 57 ? 2000 : 1800;
  const pad = (x: number) => String(x).padStart(2, '0');
  const day = `${century + yy}-${pad(parts.month)}-${pad(parts.day)}`;
  return check.day(day) ? day : null;
}

export function RegisterChildForm({ onRegistered }: { onRegistered: (cpr: string, name: string) => void }) {
  const { t } = useTranslation('admin');
  const labels = useLabels();
  const tree = useQuery(orgTreeQuery);
  const formId = 'children-new';
  const errors = useFormErrors(formId, {
    'child.cpr_taken': 'cpr',
    'institution.not_found': 'enrolment.institutionId',
    'group.not_found': 'enrolment.groupId',
  });
  const [v, setV] = useState<Values>(() => ({
    cpr: '',
    firstName: '',
    lastName: '',
    birthDate: '',
    holders: [newHolder()],
    enrol: false,
    enrolment: { institutionId: '', groupId: '', validFrom: todayInCopenhagen() },
  }));
  const setHolder = (i: number, patch: Partial<Holder>) => setV((prev) => ({ ...prev, holders: prev.holders.map((h, j) => (j === i ? { ...h, ...patch } : h)) }));

  const register = useMutation({
    mutationFn: (body: ChildCreate) => api.post<Created>('/api/children', body),
    onSuccess: (_res, body) => onRegistered(body.cpr, `${body.firstName} ${body.lastName}`),
    onError: (e) => errors.fromApi(e),
  });

  const validate = (): FieldErrors => {
    const e: FieldErrors = {};
    if (!isValidCpr(v.cpr)) e.cpr = t('validation.childCpr');
    if (!check.required(v.firstName)) e.firstName = t('validation.childFirstName');
    if (!check.required(v.lastName)) e.lastName = t('validation.childLastName');
    if (!check.day(v.birthDate)) e.birthDate = t('validation.birthDate');
    else if (isValidCpr(v.cpr) && birthDateFromCpr(v.cpr) && birthDateFromCpr(v.cpr)!.slice(2) !== v.birthDate.slice(2)) e.birthDate = t('validation.birthDateCpr');
    v.holders.forEach((h, i) => {
      const p = `custodyHolders.${i}`;
      const n = { n: i + 1 };
      if (!isValidCpr(h.cpr)) e[`${p}.cpr`] = t('validation.custodyHolders.cpr', n);
      if (!check.required(h.firstName)) e[`${p}.firstName`] = t('validation.custodyHolders.firstName', n);
      if (!check.required(h.lastName)) e[`${p}.lastName`] = t('validation.custodyHolders.lastName', n);
      if (!h.relation) e[`${p}.relation`] = t('validation.custodyHolders.relation', n);
      if (!h.hasCustody) e[`${p}.hasCustody`] = t('validation.custodyHolders.hasCustody', n);
      if (h.email.trim() && !check.email(h.email)) e[`${p}.email`] = t('validation.custodyHolders.email', n);
    });
    if (v.enrol) {
      if (!v.enrolment.institutionId) e['enrolment.institutionId'] = t('validation.institutionId');
      if (!check.day(v.enrolment.validFrom)) e['enrolment.validFrom'] = t('validation.validFrom');
    }
    return e;
  };

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (errors.setFieldErrors(validate())) return;
    const custodyHolders: CustodyHolderInput[] = v.holders.map((h) => ({
      cpr: normaliseCpr(h.cpr)!,
      firstName: h.firstName.trim(),
      lastName: h.lastName.trim(),
      relation: h.relation as CustodyHolderInput['relation'],
      hasCustody: h.hasCustody === 'yes',
      phone: h.phone.trim() || null,
      email: h.email.trim() || null,
    }));
    register.mutate({
      cpr: normaliseCpr(v.cpr)!,
      firstName: v.firstName.trim(),
      lastName: v.lastName.trim(),
      birthDate: v.birthDate,
      custodyHolders,
      enrolment: v.enrol ? { institutionId: v.enrolment.institutionId, groupId: v.enrolment.groupId || null, validFrom: v.enrolment.validFrom } : undefined,
    });
  };

  return (
    <form id={formId} onSubmit={onSubmit} noValidate className="tidlig-admin-form mt-5">
      <ErrorSummary errors={errors.summary} />
      <fieldset>
        <legend className="h3">{t('children.childLegend')}</legend>
        <TextField
          id={errors.id('cpr')}
          label={t('children.cpr')}
          hint={t('children.cprHint')}
          value={v.cpr}
          onChange={(e) => {
            const cpr = e.target.value;
            const birth = birthDateFromCpr(cpr);
            setV((prev) => ({ ...prev, cpr, birthDate: prev.birthDate || !birth ? prev.birthDate : birth }));
          }}
          error={errors.error('cpr')}
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          maxLength={11}
          width="s"
          required
        />
        <TextField id={errors.id('firstName')} label={t('children.firstName')} value={v.firstName} onChange={(e) => setV((p) => ({ ...p, firstName: e.target.value }))} error={errors.error('firstName')} autoComplete="off" maxLength={200} required />
        <TextField id={errors.id('lastName')} label={t('children.lastName')} value={v.lastName} onChange={(e) => setV((p) => ({ ...p, lastName: e.target.value }))} error={errors.error('lastName')} autoComplete="off" maxLength={200} required />
        <TextField
          id={errors.id('birthDate')}
          type="date"
          label={t('children.birthDate')}
          hint={t('children.birthDateHint')}
          value={v.birthDate}
          onChange={(e) => setV((p) => ({ ...p, birthDate: e.target.value }))}
          error={errors.error('birthDate')}
          required
        />
      </fieldset>

      {v.holders.map((h, i) => {
        const p = `custodyHolders.${i}`;
        return (
          <fieldset key={h.key} className="tidlig-admin-fieldset">
            <legend className="h3">{t('children.holderLegend', { n: i + 1 })}</legend>
            <TextField id={errors.id(`${p}.cpr`)} label={t('children.holderCpr')} value={h.cpr} onChange={(e) => setHolder(i, { cpr: e.target.value })} error={errors.error(`${p}.cpr`)} inputMode="numeric" autoComplete="off" spellCheck={false} maxLength={11} width="s" required />
            <TextField id={errors.id(`${p}.firstName`)} label={t('children.firstName')} value={h.firstName} onChange={(e) => setHolder(i, { firstName: e.target.value })} error={errors.error(`${p}.firstName`)} autoComplete="off" maxLength={200} required />
            <TextField id={errors.id(`${p}.lastName`)} label={t('children.lastName')} value={h.lastName} onChange={(e) => setHolder(i, { lastName: e.target.value })} error={errors.error(`${p}.lastName`)} autoComplete="off" maxLength={200} required />
            <SelectField
              id={errors.id(`${p}.relation`)}
              label={t('children.relation')}
              placeholder={t('children.chooseRelation')}
              options={labels.relationOptions}
              value={h.relation}
              onChange={(e) => setHolder(i, { relation: e.target.value })}
              error={errors.error(`${p}.relation`)}
              required
            />
            <RadioGroup
              id={errors.id(`${p}.hasCustody`)}
              name={`${formId}-holder-${h.key}-custody`}
              legend={t('children.hasCustody')}
              options={[
                { value: 'yes', label: t('translation:common.yes') },
                { value: 'no', label: t('translation:common.no') },
              ]}
              value={h.hasCustody}
              onChange={(value) => setHolder(i, { hasCustody: value as Holder['hasCustody'] })}
              error={errors.error(`${p}.hasCustody`)}
              inline
            />
            <TextField id={errors.id(`${p}.phone`)} type="tel" label={t('children.phoneOptional')} value={h.phone} onChange={(e) => setHolder(i, { phone: e.target.value })} error={errors.error(`${p}.phone`)} autoComplete="off" maxLength={40} width="m" />
            <TextField id={errors.id(`${p}.email`)} type="email" label={t('children.emailOptional')} value={h.email} onChange={(e) => setHolder(i, { email: e.target.value })} error={errors.error(`${p}.email`)} autoComplete="off" maxLength={200} />
            <button type="button" className="button button-tertiary mt-3" onClick={() => setV((prev) => ({ ...prev, holders: prev.holders.filter((_, j) => j !== i) }))}>
              <Icon name="minus" />
              {t('children.removeHolder', { n: i + 1 })}
            </button>
          </fieldset>
        );
      })}
      {v.holders.length < MAX_HOLDERS ? (
        <button type="button" className="button button-secondary mt-5" onClick={() => setV((prev) => ({ ...prev, holders: [...prev.holders, newHolder()] }))}>
          <Icon name="plus" />
          {t('children.addHolder')}
        </button>
      ) : null}

      <fieldset className="tidlig-admin-fieldset">
        <legend className="h3">{t('children.firstEnrolmentLegend')}</legend>
        <Checkbox id={`${formId}-enrol`} label={t('children.enrolNow')} checked={v.enrol} onChange={(e) => setV((p) => ({ ...p, enrol: e.target.checked }))} />
        {v.enrol ? <EnrolmentFields tree={tree.data} values={v.enrolment} onChange={(enrolment) => setV((p) => ({ ...p, enrolment }))} errors={errors} prefix="enrolment." /> : null}
      </fieldset>

      <button type="submit" className="button button-primary mt-6" disabled={register.isPending}>
        {t('children.registerSubmit')}
      </button>
    </form>
  );
}
