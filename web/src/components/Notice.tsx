// DKFDS alert. For status messages that appear after an action, pass live="polite" (or
// "assertive" for errors) so screen readers announce them.
//   <Notice variant="info" heading="…">text</Notice>
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from './Icon.tsx';

export type NoticeVariant = 'info' | 'success' | 'warning' | 'error';

const ICONS: Record<NoticeVariant, string> = { info: 'info', success: 'success', warning: 'warning', error: 'error' };
const LABELS: Record<NoticeVariant, string> = { info: 'common.information', success: 'common.success', warning: 'common.warning', error: 'common.error' };

export interface NoticeProps {
  variant?: NoticeVariant;
  /** Optional heading inside the alert; rendered as <h2> unless headingLevel says otherwise. */
  heading?: ReactNode;
  headingLevel?: 2 | 3 | 4;
  children?: ReactNode;
  /** Announce to screen readers: role="status" (polite) or role="alert" (assertive). */
  live?: 'polite' | 'assertive';
  className?: string;
  id?: string;
}

export function Notice({ variant = 'info', heading, headingLevel = 2, children, live, className, id }: NoticeProps) {
  const { t } = useTranslation();
  const H = `h${headingLevel}` as 'h2';
  const role = live === 'assertive' ? 'alert' : live === 'polite' ? 'status' : undefined;
  return (
    <div id={id} className={`alert alert-${variant}${className ? ` ${className}` : ''}`} role={role}>
      <Icon name={ICONS[variant]} label={t(LABELS[variant])} className="alert-icon" />
      <div className="alert-body">
        {heading ? <H className="alert-heading">{heading}</H> : null}
        {typeof children === 'string' ? <p className="alert-text">{children}</p> : children ? <div className="alert-text">{children}</div> : null}
      </div>
    </div>
  );
}
