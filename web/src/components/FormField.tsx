// Form fields in DKFDS markup: label, optional hint, error text linked with aria-describedby,
// aria-invalid when in error. Controlled or uncontrolled — all other props go to the element.
//   <TextField id="username" label={t('login.username')} value={v} onChange={e => set(e.target.value)}
//              error={errors.username} hint="…" autoComplete="username" />
//   <SelectField id="kommune" label="Kommune" options={[{ value, label }]} placeholder="Vælg kommune" … />
//   <TextareaField id="purpose" label="Formål" … />
// `error` is the message text (string) or undefined. The field's id is the anchor the
// ErrorSummary links to. `width` sets a DKFDS input width class (input-width-xs … input-width-xl).
import { forwardRef, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';

export interface FieldFrameProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  /** Extra classes on the form-group. */
  className?: string;
  children: ReactNode;
}

export function describedBy(id: string, hint: unknown, error: unknown, extra?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null, extra ?? null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** The label/hint/error frame around any input (use it for custom inputs). */
export function FieldFrame({ id, label, hint, error, className, children }: FieldFrameProps) {
  const { t } = useTranslation();
  return (
    <div className={`form-group${error ? ' form-error' : ''}${className ? ` ${className}` : ''}`}>
      <label className="form-label" htmlFor={id}>
        {label}
      </label>
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
      {children}
    </div>
  );
}

type Width = 'xxs' | 'xs' | 's' | 'm' | 'l' | 'xl';

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  width?: Width;
  groupClassName?: string;
}

export const TextField = forwardRef<HTMLInputElement, TextFieldProps>(function TextField(
  { id, label, hint, error, width, groupClassName, className, type = 'text', 'aria-describedby': extra, ...rest },
  ref,
) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} className={groupClassName}>
      <input
        ref={ref}
        id={id}
        type={type}
        className={`form-input${width ? ` input-width-${width}` : ''}${className ? ` ${className}` : ''}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error, extra)}
        {...rest}
      />
    </FieldFrame>
  );
});

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  options: SelectOption[];
  /** A first, empty option ("Vælg …"). */
  placeholder?: string;
  groupClassName?: string;
}

export const SelectField = forwardRef<HTMLSelectElement, SelectFieldProps>(function SelectField(
  { id, label, hint, error, options, placeholder, groupClassName, className, 'aria-describedby': extra, ...rest },
  ref,
) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} className={groupClassName}>
      <select
        ref={ref}
        id={id}
        className={`form-select${className ? ` ${className}` : ''}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error, extra)}
        {...rest}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
});

export interface TextareaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  groupClassName?: string;
}

export const TextareaField = forwardRef<HTMLTextAreaElement, TextareaFieldProps>(function TextareaField(
  { id, label, hint, error, groupClassName, className, 'aria-describedby': extra, ...rest },
  ref,
) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} className={groupClassName}>
      <textarea
        ref={ref}
        id={id}
        className={`form-input${className ? ` ${className}` : ''}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error, extra)}
        {...rest}
      />
    </FieldFrame>
  );
});

export interface CheckboxFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type'> {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
}

/** A single DKFDS checkbox with its label after the box. */
export const CheckboxField = forwardRef<HTMLInputElement, CheckboxFieldProps>(function CheckboxField(
  { id, label, hint, error, className, ...rest },
  ref,
) {
  const { t } = useTranslation();
  return (
    <div className={`form-group${error ? ' form-error' : ''}`}>
      {error ? (
        <span className="form-error-message" id={`${id}-error`}>
          <span className="sr-only">{t('common.errorPrefix')} </span>
          {error}
        </span>
      ) : null}
      <div className="form-group-checkbox">
        <input
          ref={ref}
          id={id}
          type="checkbox"
          className={`form-checkbox${className ? ` ${className}` : ''}`}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, hint, error)}
          {...rest}
        />
        <label className="form-label" htmlFor={id}>
          {label}
        </label>
        {hint ? (
          <span className="form-hint" id={`${id}-hint`}>
            {hint}
          </span>
        ) : null}
      </div>
    </div>
  );
});
