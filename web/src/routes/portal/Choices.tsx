// A group of radio buttons or checkboxes in DKFDS markup: a fieldset with its legend, an
// optional hint, the error text linked with aria-describedby, and each option's own hint.
//   <Choices id="purpose" type="radio" legend="Hvad skal samtykket bruges til?" value={[purpose]}
//            options={[{ value, label, hint }]} onChange={(values) => …} error={errors.purpose} />
// The id of the first input is `${id}-0`: the anchor an ErrorSummary links to.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface Choice {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
}

export interface ChoicesProps {
  id: string;
  type: 'radio' | 'checkbox';
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  options: Choice[];
  value: string[];
  onChange: (value: string[]) => void;
  disabled?: boolean;
}

export function Choices({ id, type, legend, hint, error, options, value, onChange, disabled }: ChoicesProps) {
  const { t } = useTranslation();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const toggle = (v: string, checked: boolean) => {
    if (type === 'radio') onChange([v]);
    else onChange(checked ? [...value.filter((x) => x !== v), v] : value.filter((x) => x !== v));
  };
  return (
    <div className={`form-group${error ? ' form-error' : ''}`}>
      <fieldset aria-describedby={describedBy}>
        <legend className="form-label">{legend}</legend>
        {hint ? (
          <span className="form-hint tidlig-portal-legend-hint" id={`${id}-hint`}>
            {hint}
          </span>
        ) : null}
        {error ? (
          <span className="form-error-message" id={`${id}-error`}>
            <span className="sr-only">{t('common.errorPrefix')} </span>
            {error}
          </span>
        ) : null}
        {options.map((o, i) => {
          const inputId = `${id}-${i}`;
          return (
            <div key={o.value} className={type === 'radio' ? 'form-group-radio' : 'form-group-checkbox'}>
              <input
                id={inputId}
                type={type}
                name={id}
                value={o.value}
                className={type === 'radio' ? 'form-radio' : 'form-checkbox'}
                checked={value.includes(o.value)}
                onChange={(e) => toggle(o.value, e.target.checked)}
                aria-describedby={o.hint ? `${inputId}-hint` : undefined}
                disabled={disabled}
              />
              <label className="form-label" htmlFor={inputId}>
                {o.label}
              </label>
              {o.hint ? (
                <span className="form-hint" id={`${inputId}-hint`}>
                  {o.hint}
                </span>
              ) : null}
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}
