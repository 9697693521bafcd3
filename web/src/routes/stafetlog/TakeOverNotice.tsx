// A log whose stafetholder has gone (their participation ended — consent withdrawn or expired,
// removed — or their user is deactivated) has nobody to hand it on, add participants or close
// it. The page says so to everyone who reads it; an active participant may take the stafet over
// (POST /api/stafetlogs/:id/take-over, If-Match on the log). While the holder is still in the
// log, the server answers 409 stafetlog.holder_active, and this notice is not shown.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { Notice } from '../../components/Notice.tsx';
import { useLogPage, useLogWrite, useWriteErrorText } from './logWrite.tsx';

export function TakeOverNotice() {
  const { t } = useTranslation('stafetlog');
  const { log } = useLogPage();
  const [confirming, setConfirming] = useState(false);
  if (log.status !== 'open' || log.holderActive) return null;
  // An active participant (staff); the part is 'stafetholder' only for the holder themselves.
  const mayTakeOver = log.me.part === 'deltager' || log.me.part === 'stafetholder';
  return (
    <>
      <Notice variant="warning" heading={t('takeOver.heading')}>
        <p className="mt-0">{t('takeOver.text', { name: log.holder.name })}</p>
        <p>{mayTakeOver ? t('takeOver.textParticipant') : t('takeOver.textReader')}</p>
        {mayTakeOver ? (
          <p>
            <button type="button" className="button button-secondary" onClick={() => setConfirming(true)} aria-haspopup="dialog">
              {t('takeOver.button')}
            </button>
          </p>
        ) : null}
      </Notice>
      {confirming ? <TakeOverDialog onClose={() => setConfirming(false)} /> : null}
    </>
  );
}

function TakeOverDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('stafetlog');
  const { log } = useLogPage();
  const writeError = useWriteErrorText();
  const take = useLogWrite((l) => api.post(`/api/stafetlogs/${l.id}/take-over`, undefined, { version: l.version }), {
    done: t('takeOver.done'),
    onSuccess: onClose,
    focusFallback: 'log-title',
  });
  return (
    <Dialog
      open
      onClose={onClose}
      title={t('takeOver.dialogTitle')}
      footer={
        <>
          <button type="button" className="button button-primary" onClick={() => take.mutate(undefined)} disabled={take.isPending}>
            {t('takeOver.submit')}
          </button>
          <button type="button" className="button button-secondary" onClick={onClose}>
            {t('translation:common.cancel')}
          </button>
        </>
      }
    >
      {take.isError ? <ErrorSummary errors={[{ message: writeError(take.error) }]} /> : null}
      <p className="mt-0">{t('takeOver.dialogText', { name: `${log.child.firstName} ${log.child.lastName}` })}</p>
    </Dialog>
  );
}
