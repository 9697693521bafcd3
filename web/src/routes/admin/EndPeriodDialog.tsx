// Ends something that runs for a period (an enrolment, a role) on a chosen last day.
// The last day may not be before the start; the server checks the same (period.invalid).
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { TextField } from '../../components/FormField.tsx';
import { formatDayShort, todayInCopenhagen } from '../../components/format.ts';
import type { Created } from './api.ts';
import { check, useFormErrors } from './forms.ts';
import { DialogButtons } from './widgets.tsx';

export interface EndPeriodDialogProps {
  formId: string;
  title: string;
  intro: ReactNode;
  submitLabel: string;
  dateLabel: string;
  dateHint: string;
  /** First day of the period: the earliest allowed last day. */
  validFrom: string;
  /** POST endpoint that takes `{ validTo }`. */
  endpoint: string;
  /** The notice shown after success, for the chosen last day. */
  doneMessage: (validTo: string) => string;
  onClose: () => void;
  onDone: (message: string) => void | Promise<void>;
}

export function EndPeriodDialog(p: EndPeriodDialogProps) {
  const { t } = useTranslation('admin');
  const errors = useFormErrors(p.formId, { 'period.invalid': 'validTo' });
  const today = todayInCopenhagen();
  const [validTo, setValidTo] = useState(p.validFrom > today ? p.validFrom : today);
  const end = useMutation({
    mutationFn: () => api.post<Created>(p.endpoint, { validTo }),
    onSuccess: async () => {
      p.onClose();
      await p.onDone(p.doneMessage(validTo));
    },
    onError: (e) => errors.fromApi(e),
  });
  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!check.day(validTo)) {
      errors.setFieldErrors({ validTo: t('validation.validTo') });
      return;
    }
    if (validTo < p.validFrom) {
      errors.setFieldErrors({ validTo: t('validation.endBeforeStart', { day: formatDayShort(p.validFrom) }) });
      return;
    }
    errors.clear();
    end.mutate();
  };
  return (
    <Dialog open onClose={p.onClose} title={p.title} footer={<DialogButtons formId={p.formId} submit={p.submitLabel} busy={end.isPending} onCancel={p.onClose} />}>
      <form id={p.formId} onSubmit={onSubmit} noValidate>
        <ErrorSummary errors={errors.summary} />
        <p>{p.intro}</p>
        <TextField
          id={errors.id('validTo')}
          type="date"
          label={p.dateLabel}
          hint={p.dateHint}
          value={validTo}
          min={p.validFrom}
          onChange={(e) => setValidTo(e.target.value)}
          error={errors.error('validTo')}
          required
        />
      </form>
    </Dialog>
  );
}
