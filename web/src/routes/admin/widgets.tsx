// Small widgets the admin pages need that the shared components do not have (yet):
// a DKFDS accordion item, a select with option groups, a radio group, badges and a
// dialog footer. All DKFDS markup; no inline styles (CSP).
import type { ReactNode, SelectHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { describedBy, FieldFrame } from '../../components/FormField.tsx';
import { Icon } from '../../components/Icon.tsx';

// ---- accordion -------------------------------------------------------------------------------

export interface AccordionItemProps {
  id: string;
  title: ReactNode;
  /** Shown after the title inside the button (counts, type). */
  meta?: ReactNode;
  expanded: boolean;
  onToggle: (expanded: boolean) => void;
  headingLevel?: 3 | 4 | 5;
  children: ReactNode;
}

/** One <li> of a DKFDS `ul.accordion`. The content is rendered only while open. */
export function AccordionItem({ id, title, meta, expanded, onToggle, headingLevel = 3, children }: AccordionItemProps) {
  const H = `h${headingLevel}` as 'h3';
  const contentId = `${id}-content`;
  return (
    <li>
      <H>
        <button type="button" className="accordion-button" id={`${id}-button`} aria-expanded={expanded} aria-controls={contentId} onClick={() => onToggle(!expanded)}>
          <span className="accordion-title">
            {title}
            {meta ? <span className="tidlig-admin-accordion-meta">{meta}</span> : null}
          </span>
        </button>
      </H>
      <div id={contentId} className="accordion-content" aria-hidden={!expanded}>
        {expanded ? children : null}
      </div>
    </li>
  );
}

// ---- select with option groups ---------------------------------------------------------------

export interface OptionGroup {
  label: string;
  options: { value: string; label: string }[];
}

export interface GroupedSelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  groups: OptionGroup[];
  placeholder?: string;
}

export function GroupedSelectField({ id, label, hint, error, groups, placeholder, className, ...rest }: GroupedSelectFieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <select
        id={id}
        className={`form-select${className ? ` ${className}` : ''}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...rest}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {groups.map((g) =>
          g.options.length ? (
            <optgroup key={g.label} label={g.label}>
              {g.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          ) : null,
        )}
      </select>
    </FieldFrame>
  );
}

// ---- radio group -----------------------------------------------------------------------------

export interface RadioGroupProps {
  id: string;
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  options: { value: string; label: string }[];
  value: string;
  onChange: (value: string) => void;
  inline?: boolean;
}

/** DKFDS radio buttons in a fieldset; the first radio carries `id` (the summary links to it). */
export function RadioGroup({ id, name, legend, hint, error, options, value, onChange, inline }: RadioGroupProps) {
  const { t } = useTranslation();
  return (
    <div className={`form-group${error ? ' form-error' : ''}`}>
      <fieldset aria-describedby={describedBy(id, hint, error)}>
        <legend className="form-label">{legend}</legend>
        {hint ? (
          <span className="form-hint" id={`${id}-hint`}>
            {hint}
          </span>
        ) : null}
        {error ? (
          <span className="form-error-message" id={`${id}-error`}>
            <span className="sr-only">{t('common.errorPrefix')} </span>
            {error}
          </span>
        ) : null}
        <div className={inline ? 'tidlig-admin-radio-inline' : undefined}>
          {options.map((o, i) => (
            <div className="form-group-radio" key={o.value}>
              <input
                type="radio"
                className="form-radio"
                id={i === 0 ? id : `${id}-${o.value}`}
                name={name}
                value={o.value}
                checked={value === o.value}
                onChange={() => onChange(o.value)}
              />
              <label htmlFor={i === 0 ? id : `${id}-${o.value}`}>{o.label}</label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

// ---- checkbox ---------------------------------------------------------------------------------

/** The shared DKFDS checkbox, under the name the admin pages use. */
export { CheckboxField as Checkbox } from '../../components/FormField.tsx';

export function Badge({ variant, children }: { variant?: 'info' | 'success' | 'warning' | 'error'; children: ReactNode }) {
  return <span className={`badge${variant ? ` badge-${variant}` : ''} tidlig-admin-badge`}>{children}</span>;
}

// ---- buttons ---------------------------------------------------------------------------------

/** A compact secondary button whose accessible name says what it acts on ("Ret" + hidden "Solsikken"). */
export function RowButton({ label, target, onClick, icon }: { label: string; target: string; onClick: () => void; icon?: string }) {
  return (
    <button type="button" className="button button-tertiary tidlig-admin-row-button" onClick={onClick}>
      {icon ? <Icon name={icon} /> : null}
      {label}
      <span className="sr-only"> {target}</span>
    </button>
  );
}

/** Submit + cancel for a form inside a Dialog's footer. */
export function DialogButtons({ formId, submit, busy, onCancel }: { formId: string; submit: string; busy?: boolean; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <button type="submit" form={formId} className="button button-primary" disabled={busy} aria-disabled={busy || undefined}>
        {submit}
      </button>
      <button type="button" className="button button-secondary" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </>
  );
}
