// The child's consents on the child's page: what each covers (who, what, how long), who has
// signed, "Skriv under" for the second custody holder, "Træk tilbage" with a confirmation,
// and the form to give a new one (GiveConsentForm).
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePortalMe, useConsentWrite, type ConsentView, type PortalChildDetail } from '../../api/portal.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { TextareaField } from '../../components/FormField.tsx';
import { formatDateTime, formatDay } from '../../components/format.ts';
import { Notice } from '../../components/Notice.tsx';
import { errorText } from '../../i18n/index.ts';
import { GiveConsentForm } from './GiveConsentForm.tsx';
import { joinNames, usePortalLabels } from './labels.ts';

const ORDER: Record<ConsentView['status'], number> = { pending: 0, active: 1, not_yet_valid: 2, expired: 3, withdrawn: 4 };

function WithdrawDialog({ consent, childId, onDone, onClose }: { consent: ConsentView; childId: string; onDone: () => void; onClose: () => void }) {
  const { t } = useTranslation('portal');
  const labels = usePortalLabels();
  const write = useConsentWrite(childId);
  const [reason, setReason] = useState('');
  const confirm = async () => {
    try {
      await write.mutateAsync({ kind: 'withdraw', consentId: consent.id, reason: reason.trim() || undefined });
      onDone();
    } catch {
      // shown below from write.error
    }
  };
  return (
    <Dialog
      open
      onClose={onClose}
      title={t('consent.withdrawTitle')}
      id="portal-withdraw"
      footer={
        <>
          <button type="button" className="button button-primary" onClick={() => void confirm()} disabled={write.isPending}>
            {t('consent.withdrawConfirm')}
          </button>
          <button type="button" className="button button-secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </>
      }
    >
      <p className="weight-semibold">{labels.purpose(consent.purpose)}</p>
      <p>{t('consent.withdrawText')}</p>
      {write.isError ? (
        <Notice variant="error" live="assertive">
          {errorText(write.error)}
        </Notice>
      ) : null}
      <TextareaField id="withdraw-reason" label={t('consent.withdrawReason')} hint={t('consent.withdrawReasonHint')} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} />
    </Dialog>
  );
}

function ConsentCard({ consent, myId, childId, onMessage }: { consent: ConsentView; myId: string; childId: string; onMessage: (m: string) => void }) {
  const { t } = useTranslation('portal');
  const labels = usePortalLabels();
  const write = useConsentWrite(childId);
  const [withdrawing, setWithdrawing] = useState(false);
  const mayWithdraw = consent.status !== 'withdrawn' && consent.status !== 'expired';
  const maySign = consent.status === 'pending' && consent.missingSigners.some((s) => s.custodyHolderId === myId);
  const headingId = `consent-${consent.id}-heading`;
  const sign = async () => {
    try {
      await write.mutateAsync({ kind: 'sign', consentId: consent.id });
      onMessage(t('consent.signed'));
    } catch {
      // shown below
    }
  };
  return (
    <li className={`tidlig-portal-card tidlig-portal-consent is-${consent.status}`}>
      <h3 id={headingId} className="h4 mt-0 mb-2">
        {labels.purpose(consent.purpose)}
      </h3>
      <p className="m-0">
        <span className={`tidlig-portal-status is-${consent.status}`}>{labels.consentStatus(consent.status)}</span>
      </p>
      {consent.purposeText ? <p>{consent.purposeText}</p> : null}
      <dl className="tidlig-facts tidlig-portal-facts">
        <dt>{t('consent.recipients')}</dt>
        <dd>{consent.recipients.map(labels.recipient).join(', ')}</dd>
        <dt>{t('consent.informationTypes')}</dt>
        <dd>{consent.informationTypes.map(labels.informationType).join(', ')}</dd>
        <dt>{t('consent.period')}</dt>
        <dd>{t('consent.periodValue', { from: formatDay(consent.validFrom), to: formatDay(consent.validTo) })}</dd>
        <dt>{t('consent.signedBy')}</dt>
        <dd>
          {consent.signatures.length
            ? consent.signatures.map((s) => t('consent.signature', { name: s.name, method: t(`consent.methods.${s.method}`, { defaultValue: s.method }), date: formatDay(s.signedAt.slice(0, 10)) })).join('; ')
            : t('consent.noSignatures')}
        </dd>
        {consent.missingSigners.length && consent.status === 'pending' ? (
          <>
            <dt>{t('consent.missing')}</dt>
            <dd>{joinNames(consent.missingSigners.map((s) => s.name), t('common.and'))}</dd>
          </>
        ) : null}
        {consent.childView ? (
          <>
            <dt>{t('consent.childView')}</dt>
            <dd>{consent.childView}</dd>
          </>
        ) : null}
        {consent.form === 'paper' ? (
          <>
            <dt>{t('consent.form')}</dt>
            <dd>{t('consent.paper', { name: consent.registeredBy.name })}</dd>
          </>
        ) : null}
        {consent.withdrawn ? (
          <>
            <dt>{t('consent.withdrawnAt')}</dt>
            <dd>
              {t('consent.withdrawnBy', { date: formatDateTime(consent.withdrawn.at), name: consent.withdrawn.byName })}
              {consent.withdrawn.reason ? ` – ${consent.withdrawn.reason}` : ''}
            </dd>
          </>
        ) : null}
      </dl>
      {write.isError ? (
        <Notice variant="error" live="assertive">
          {errorText(write.error)}
        </Notice>
      ) : null}
      {maySign || mayWithdraw ? (
        <div className="tidlig-portal-actions">
          {maySign ? (
            <button type="button" className="button button-primary" onClick={() => void sign()} disabled={write.isPending}>
              {t('consent.sign')}
            </button>
          ) : null}
          {mayWithdraw ? (
            <button type="button" className="button button-secondary" onClick={() => setWithdrawing(true)} aria-describedby={headingId}>
              {t('consent.withdraw')}
            </button>
          ) : null}
        </div>
      ) : null}
      {withdrawing ? (
        <WithdrawDialog
          consent={consent}
          childId={childId}
          onClose={() => setWithdrawing(false)}
          onDone={() => {
            setWithdrawing(false);
            onMessage(t('consent.withdrawn'));
          }}
        />
      ) : null}
    </li>
  );
}

export function ConsentSection({ detail }: { detail: PortalChildDetail }) {
  const { t } = useTranslation('portal');
  const me = usePortalMe().data;
  const [message, setMessage] = useState<string | null>(null);
  const [giving, setGiving] = useState(false);
  const giveButton = useRef<HTMLButtonElement>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  // After a withdrawal or a signature the button that was pressed is gone: focus the answer.
  useEffect(() => {
    if (message) messageRef.current?.focus();
  }, [message]);
  const consents = [...detail.consents].sort((a, b) => ORDER[a.status] - ORDER[b.status] || b.createdAt.localeCompare(a.createdAt));
  const childId = detail.child.id;
  return (
    <section className="tidlig-section" aria-labelledby="child-consents-heading">
      <h2 id="child-consents-heading">{t('consent.heading')}</h2>
      <p>{t('consent.intro', { name: detail.child.firstName })}</p>
      <div aria-live="polite" ref={messageRef} tabIndex={-1} className="tidlig-portal-message">
        {message ? <Notice variant="success">{message}</Notice> : null}
      </div>
      {consents.length === 0 ? (
        <p>{t('consent.none')}</p>
      ) : (
        <ul className="unstyled-list tidlig-portal-cards">
          {consents.map((c) => (
            <ConsentCard key={c.id} consent={c} myId={me?.citizen.id ?? ''} childId={childId} onMessage={setMessage} />
          ))}
        </ul>
      )}
      {giving ? (
        <GiveConsentForm
          detail={detail}
          onCancel={() => {
            setGiving(false);
            window.setTimeout(() => giveButton.current?.focus(), 0);
          }}
          onGiven={(c) => {
            setGiving(false);
            setMessage(c.status === 'pending' ? t('consent.givenPending', { names: joinNames(c.missingSigners.map((s) => s.name), t('common.and')) }) : t('consent.given'));
          }}
        />
      ) : (
        <p>
          <button
            ref={giveButton}
            type="button"
            className="button button-secondary tidlig-portal-wide"
            onClick={() => {
              setMessage(null);
              setGiving(true);
            }}
          >
            {t('consent.give')}
          </button>
        </p>
      )}
    </section>
  );
}
