// Progress of long work (import, export): a native <progress> with a visible label and
// percentage, announced politely. DKFDS has no progress bar; styled in styles/app.css.
//   <ProgressBar id="import-progress" label="Importerer børn" value={120} max={400} />
//   value undefined → indeterminate.
export interface ProgressBarProps {
  id: string;
  label: string;
  value?: number;
  max?: number;
  /** Text after the bar; defaults to "n af max (p %)". */
  valueText?: string;
}

export function ProgressBar({ id, label, value, max = 100, valueText }: ProgressBarProps) {
  const pct = value === undefined || max <= 0 ? undefined : Math.min(100, Math.round((value / max) * 100));
  const text = valueText ?? (value === undefined ? '' : `${value} / ${max} (${pct} %)`);
  return (
    <div className="tidlig-progress form-group">
      <label className="form-label" htmlFor={id}>
        {label}
      </label>
      <progress id={id} className="tidlig-progress-bar" max={max} value={value} aria-describedby={`${id}-text`}>
        {pct !== undefined ? `${pct} %` : null}
      </progress>
      <span id={`${id}-text`} className="form-hint" role="status">
        {text}
      </span>
    </div>
  );
}
