// The log's text (S4, S15): notes, the child's own words and the parents' own words, newest
// first, with who wrote them and when. Nothing is edited or hidden: a correction is a new entry
// that points at the one it corrects, and both stay visible (the parents see everything).
import { useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { LogEntry } from '../../api/stafetlog.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { formatDateTime } from '../../components/format.ts';
import { TextareaField } from '../../components/FormField.tsx';
import { RadioGroup, RowButton } from '../admin/widgets.tsx';
import { useStafetlogLabels } from './labels.ts';
import { useLogPage, useLogWrite, useWriteErrorText } from './logWrite.tsx';

const KINDS = ['note', 'child_words', 'parent_words'] as const;

export function EntriesSection() {
  const { t } = useTranslation('stafetlog');
  const labels = useStafetlogLabels();
  const { log } = useLogPage();
  const canWrite = log.status === 'open' && log.me.canWrite;
  const [correcting, setCorrecting] = useState<LogEntry | null>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const entries = [...log.entries].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const byId = new Map(log.entries.map((e) => [e.id, e]));
  const corrected = new Set(log.entries.map((e) => e.correctsId).filter(Boolean));

  return (
    <section className="tidlig-section" aria-labelledby="log-entries-heading">
      <h2 id="log-entries-heading" tabIndex={-1}>
        {t('entries.heading')}
      </h2>
      <p>{t('entries.intro')}</p>
      {canWrite ? <EntryForm correcting={correcting} onDoneCorrecting={() => setCorrecting(null)} bodyRef={bodyRef} /> : null}
      {entries.length ? (
        <ol className="tidlig-stafetlog-entries nobullet-list" aria-labelledby="log-entries-heading">
          {entries.map((e) => {
            const target = e.correctsId ? byId.get(e.correctsId) : undefined;
            return (
              <li key={e.id} className="tidlig-stafetlog-entry">
                <h3 className="h5 mt-0 mb-2">
                  {labels.entryKind(e.kind)}
                  <span className="tidlig-stafetlog-muted"> · {e.authorKind === 'citizen' ? t('entries.byParent', { name: e.authorName }) : e.authorName}</span>
                  <span className="tidlig-stafetlog-muted"> · {formatDateTime(e.createdAt)}</span>
                </h3>
                {target ? <p className="tidlig-stafetlog-muted mt-0">{t('entries.corrects', { at: formatDateTime(target.createdAt), author: target.authorName })}</p> : null}
                {corrected.has(e.id) ? <p className="tidlig-stafetlog-muted mt-0">{t('entries.correctedLater')}</p> : null}
                <p className="tidlig-stafetlog-pre mt-0">{e.body}</p>
                {canWrite && e.kind !== 'evaluation' ? (
                  <RowButton
                    label={t('entries.correct')}
                    target={t('entries.correctTarget', { kind: labels.entryKind(e.kind), at: formatDateTime(e.createdAt) })}
                    onClick={() => {
                      setCorrecting(e);
                      window.setTimeout(() => bodyRef.current?.focus(), 0);
                    }}
                  />
                ) : null}
              </li>
            );
          })}
        </ol>
      ) : (
        <p>{t('entries.empty')}</p>
      )}
    </section>
  );
}

function EntryForm({ correcting, onDoneCorrecting, bodyRef }: { correcting: LogEntry | null; onDoneCorrecting: () => void; bodyRef: RefObject<HTMLTextAreaElement | null> }) {
  const { t } = useTranslation('stafetlog');
  const labels = useStafetlogLabels();
  const writeError = useWriteErrorText();
  const [kind, setKind] = useState<string>('note');
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = useLogWrite((l, input: { kind: string; body: string; correctsId?: string }) => api.post(`/api/stafetlogs/${l.id}/entries`, input), {
    done: (input) => t('entries.added', { kind: labels.entryKind(input.kind) }),
    onSuccess: () => {
      setBody('');
      onDoneCorrecting();
    },
  });
  const effectiveKind = correcting ? correcting.kind : kind;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) {
      setError(t('entries.bodyRequired'));
      bodyRef.current?.focus();
      return;
    }
    setError(null);
    add.mutate({ kind: effectiveKind, body: body.trim(), ...(correcting ? { correctsId: correcting.id } : {}) });
  };
  return (
    <form className="tidlig-stafetlog-form mb-6" onSubmit={submit} noValidate aria-labelledby="new-entry-heading">
      <h3 id="new-entry-heading">{correcting ? t('entries.correctHeading') : t('entries.new')}</h3>
      {add.isError ? <ErrorSummary errors={[{ message: writeError(add.error) }]} /> : null}
      {correcting ? (
        <p>
          {t('entries.correctingText', { kind: labels.entryKind(correcting.kind), at: formatDateTime(correcting.createdAt), author: correcting.authorName })}{' '}
          <button type="button" className="button button-tertiary" onClick={onDoneCorrecting}>
            {t('entries.stopCorrecting')}
          </button>
        </p>
      ) : (
        <RadioGroup id="new-entry-kind" name="new-entry-kind" legend={t('entries.kind')} options={KINDS.map((k) => ({ value: k, label: labels.entryKind(k) }))} value={kind} onChange={setKind} inline />
      )}
      <TextareaField
        ref={bodyRef}
        id="new-entry-body"
        label={t('entries.body')}
        hint={effectiveKind === 'child_words' ? t('entries.childWordsHint') : effectiveKind === 'parent_words' ? t('entries.parentWordsHint') : t('entries.noteHint')}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        error={error}
        maxLength={8000}
        rows={4}
      />
      <button type="submit" className="button button-secondary mt-4" disabled={add.isPending}>
        {correcting ? t('entries.correctSubmit') : t('entries.addSubmit')}
      </button>
    </form>
  );
}
