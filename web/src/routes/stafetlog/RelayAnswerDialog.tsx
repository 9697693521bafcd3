// Accept or decline a relay (S4 relay): the receiver — the named professional, or a leader of
// the receiving institution — answers. Accepting makes the receiver stafetholder (the sender
// stays as a participant and gets a receipt); declining needs a short reason for the sender.
// Used on "Mine stafetlogs" and on the log page.
//   <RelayAnswerDialog relayId=… answer="accept" childName="Ida" onClose=… onAnswered={(log) => …} />
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { isLogView, stafetlogKeys, type LogView } from '../../api/stafetlog.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { TextareaField } from '../../components/FormField.tsx';
import { errorText } from '../../i18n/index.ts';
import { DialogButtons } from '../admin/widgets.tsx';

export interface RelayAnswerDialogProps {
  relayId: string;
  answer: 'accept' | 'decline';
  childName: string;
  fromName: string;
  onClose: () => void;
  onAnswered: (log: LogView | null) => void;
}

export function RelayAnswerDialog({ relayId, answer, childName, fromName, onClose, onAnswered }: RelayAnswerDialogProps) {
  const { t } = useTranslation('stafetlog');
  const qc = useQueryClient();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: (body: { note?: string }) => api.post<unknown>(`/api/stafetlog-relays/${relayId}/${answer}`, body),
    onSuccess: async (result) => {
      if (isLogView(result)) qc.setQueryData(stafetlogKeys.log(result.id), result);
      await qc.invalidateQueries({ queryKey: stafetlogKeys.all });
      onAnswered(isLogView(result) ? result : null);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (answer === 'decline' && !note.trim()) {
      setError(t('relay.declineNoteRequired'));
      document.getElementById('relay-answer-note')?.focus();
      return;
    }
    setError(null);
    send.mutate(note.trim() ? { note: note.trim() } : {});
  };
  const accept = answer === 'accept';
  return (
    <Dialog
      open
      onClose={onClose}
      title={accept ? t('relay.acceptTitle', { name: childName }) : t('relay.declineTitle', { name: childName })}
      footer={<DialogButtons formId="relay-answer-form" submit={accept ? t('relay.acceptSubmit') : t('relay.declineSubmit')} busy={send.isPending} onCancel={onClose} />}
    >
      {send.isError ? <ErrorSummary errors={[{ message: errorText(send.error) }]} /> : null}
      <p className="mt-0">{accept ? t('relay.acceptText', { from: fromName, name: childName }) : t('relay.declineText', { from: fromName })}</p>
      <form id="relay-answer-form" onSubmit={submit} noValidate>
        <TextareaField
          id="relay-answer-note"
          label={accept ? t('relay.acceptNote') : t('relay.declineNote')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          error={error}
          maxLength={2000}
          rows={3}
        />
      </form>
    </Dialog>
  );
}
