// DKFDS error summary ("Der er problemer"): shown above a form after a failed submit,
// focused so keyboard and screen-reader users land on it; each item links to its field.
//   <ErrorSummary errors={[{ fieldId: 'username', message: 'Indtast dit brugernavn' }, { message: serverText }]} />
// Render it only when there are errors; it takes focus when the list changes.
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from './Icon.tsx';

export interface SummaryError {
  /** id of the input to jump to; leave out for errors not tied to a field (e.g. server messages). */
  fieldId?: string;
  message: string;
}

export interface ErrorSummaryProps {
  errors: SummaryError[];
  heading?: string;
  /** Take focus when shown (default true). */
  autoFocus?: boolean;
}

export function ErrorSummary({ errors, heading, autoFocus = true }: ErrorSummaryProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const signature = errors.map((e) => `${e.fieldId ?? ''}:${e.message}`).join('|');
  useEffect(() => {
    if (autoFocus && errors.length) ref.current?.focus();
  }, [signature, autoFocus, errors.length]);
  if (!errors.length) return null;
  return (
    <nav aria-labelledby={headingId}>
      <div className="alert alert-error mt-0 mb-6" role="alert" tabIndex={-1} ref={ref}>
        <Icon name="error" label={t('common.error')} className="alert-icon" />
        <div className="alert-body">
          <h2 className="alert-heading" id={headingId}>
            {heading ?? t('common.errorSummaryHeading')}
          </h2>
          <ul className="alert-text nobullet-list">
            {errors.map((e, i) => (
              <li key={`${e.fieldId ?? 'x'}-${i}`}>
                {e.fieldId ? (
                  <a
                    className="function-link"
                    href={`#${e.fieldId}`}
                    onClick={(ev) => {
                      const el = document.getElementById(e.fieldId!);
                      if (el) {
                        ev.preventDefault();
                        el.focus();
                        el.scrollIntoView({ block: 'center' });
                      }
                    }}
                  >
                    {e.message}
                  </a>
                ) : (
                  e.message
                )}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </nav>
  );
}
