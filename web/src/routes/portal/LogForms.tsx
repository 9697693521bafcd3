// What a parent writes in a stafetlog: their own words, their own level of concern, a goal
// they propose. Each is an append (no If-Match): nothing another person wrote is changed.
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLogWrite, type LogView } from '../../api/portal.ts';
import { TextareaField } from '../../components/FormField.tsx';
import { Notice } from '../../components/Notice.tsx';
import { errorText } from '../../i18n/index.ts';
import { Choices } from './Choices.tsx';

interface FormProps {
  log: LogView;
}

/** The frame every write form shares: heading, status message, submit button. */
function WriteForm({ id, heading, intro, submit, busy, message, error, onSubmit, children }: {
  id: string;
  heading: string;
  intro?: string;
  submit: string;
  busy: boolean;
  message: string | null;
  error: unknown;
  onSubmit: () => Promise<boolean>;
  children: ReactNode;
}) {
  const { t } = useTranslation('portal');
  const [sent, setSent] = useState(false);
  const handle = async (e: FormEvent) => {
    e.preventDefault();
    setSent(await onSubmit());
  };
  return (
    <form onSubmit={(e) => void handle(e)} noValidate className="tidlig-portal-form" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} className="h4">
        {heading}
      </h3>
      {intro ? <p>{intro}</p> : null}
      <div aria-live="polite">{sent && message ? <Notice variant="success">{message}</Notice> : null}</div>
      {error ? (
        <Notice variant="error" live="assertive">
          {errorText(error)}
        </Notice>
      ) : null}
      {children}
      <button type="submit" className="button button-primary mt-4" disabled={busy}>
        {busy ? t('log.sending') : submit}
      </button>
    </form>
  );
}

export function OwnWordsForm({ log }: FormProps) {
  const { t } = useTranslation('portal');
  const write = useLogWrite(log.id, log.child.id);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <WriteForm
      id="own-words"
      heading={t('log.wordsHeading')}
      intro={t('log.wordsIntro')}
      submit={t('log.wordsSubmit')}
      busy={write.isPending}
      message={t('log.wordsSaved')}
      error={write.error}
      onSubmit={async () => {
        if (!body.trim()) {
          setError(t('log.wordsRequired'));
          return false;
        }
        setError(null);
        try {
          await write.mutateAsync({ kind: 'entry', body: body.trim() });
          setBody('');
          return true;
        } catch {
          return false;
        }
      }}
    >
      <TextareaField id="own-words-body" label={t('log.wordsLabel')} rows={5} maxLength={8000} value={body} onChange={(e) => setBody(e.target.value)} error={error} />
    </WriteForm>
  );
}

export function LevelForm({ log, current }: FormProps & { current: number | null }) {
  const { t } = useTranslation('portal');
  const write = useLogWrite(log.id, log.child.id);
  const [level, setLevel] = useState<string[]>(current === null ? [] : [String(current)]);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <WriteForm
      id="own-level"
      heading={t('log.levelHeading')}
      intro={t('log.levelIntro')}
      submit={t('log.levelSubmit')}
      busy={write.isPending}
      message={t('log.levelSaved')}
      error={write.error}
      onSubmit={async () => {
        if (!level.length) {
          setError(t('log.levelRequired'));
          return false;
        }
        setError(null);
        try {
          await write.mutateAsync({ kind: 'level', level: Number(level[0]), comment: comment.trim() || undefined });
          setComment('');
          return true;
        } catch {
          return false;
        }
      }}
    >
      <Choices
        id="own-level-value"
        type="radio"
        legend={t('log.levelLegend')}
        options={log.concernLabels.map((label, n) => ({ value: String(n), label: `${n} – ${label}` }))}
        value={level}
        onChange={setLevel}
        error={error}
      />
      <TextareaField id="own-level-comment" label={t('log.levelComment')} hint={t('log.levelCommentHint')} rows={3} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />
    </WriteForm>
  );
}

export function GoalForm({ log }: FormProps) {
  const { t } = useTranslation('portal');
  const write = useLogWrite(log.id, log.child.id);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <WriteForm
      id="own-goal"
      heading={t('log.goalHeading')}
      intro={t('log.goalIntro')}
      submit={t('log.goalSubmit')}
      busy={write.isPending}
      message={t('log.goalSaved')}
      error={write.error}
      onSubmit={async () => {
        if (!text.trim()) {
          setError(t('log.goalRequired'));
          return false;
        }
        setError(null);
        try {
          await write.mutateAsync({ kind: 'goal', text: text.trim() });
          setText('');
          return true;
        } catch {
          return false;
        }
      }}
    >
      <TextareaField id="own-goal-text" label={t('log.goalLabel')} hint={t('log.goalHint')} rows={3} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} error={error} />
    </WriteForm>
  );
}
