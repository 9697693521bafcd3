// Find a professional in the municipality's directory (GET /api/stafetlogs/directory?q=, at
// least 2 characters) and pick one: a search field, a polite count of the hits and the hits as
// radio buttons (name, profession and units), so it works with the keyboard and a screen reader
// without a custom combobox. Enter in the search field does not submit the surrounding form.
//   <PersonSearch id="add-participant" value={picked} onChange={setPicked} exclude={userIds} error={…} />
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { directoryQuery, type DirectoryPerson } from '../../api/stafetlog.ts';
import { TextField } from '../../components/FormField.tsx';
import { errorText } from '../../i18n/index.ts';
import { useStafetlogLabels } from './labels.ts';

export interface PersonSearchProps {
  id: string;
  label?: string;
  value: DirectoryPerson | null;
  onChange: (person: DirectoryPerson | null) => void;
  /** User ids that cannot be picked (already participants, myself). */
  exclude?: readonly string[];
  error?: string | null;
}

function useDebounced(value: string, ms: number): string {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setV(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return v;
}

export function PersonSearch({ id, label, value, onChange, exclude = [], error }: PersonSearchProps) {
  const { t } = useTranslation('stafetlog');
  const labels = useStafetlogLabels();
  const [q, setQ] = useState('');
  const debounced = useDebounced(q.trim(), 250);
  const search = useQuery(directoryQuery(debounced));
  const hits = (search.data ?? []).filter((p) => !exclude.includes(p.userId));
  const searched = debounced.length >= 2 && search.isSuccess;
  const describe = (p: DirectoryPerson) =>
    [labels.profession(p.profession), ...p.units.map((u) => `${u.unitName} (${labels.role(u.role)})`)].filter(Boolean).join(' · ');
  const resultsId = `${id}-results`;

  return (
    <div className="tidlig-stafetlog-person-search">
      <TextField
        id={id}
        type="search"
        label={label ?? t('search.label')}
        hint={t('search.hint')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.preventDefault();
        }}
        error={error}
        autoComplete="off"
        width="l"
      />
      <p className="tidlig-stafetlog-muted mt-2" role="status" aria-live="polite">
        {search.isError ? errorText(search.error) : searched ? t('search.count', { count: hits.length }) : ''}
      </p>
      {hits.length ? (
        <div className="form-group mt-2">
          <fieldset id={resultsId}>
            <legend className="form-label">{t('search.pick')}</legend>
            {hits.map((p) => (
              <div className="form-group-radio" key={p.userId}>
                <input
                  type="radio"
                  className="form-radio"
                  id={`${resultsId}-${p.userId}`}
                  name={resultsId}
                  checked={value?.userId === p.userId}
                  onChange={() => onChange(p)}
                  aria-describedby={`${resultsId}-${p.userId}-hint`}
                />
                <label htmlFor={`${resultsId}-${p.userId}`}>{p.name}</label>
                <span className="form-hint" id={`${resultsId}-${p.userId}-hint`}>
                  {describe(p)}
                </span>
              </div>
            ))}
          </fieldset>
        </div>
      ) : null}
      {value && !hits.some((p) => p.userId === value.userId) ? (
        <p className="mt-3">
          {t('search.picked', { name: value.name })}{' '}
          <button type="button" className="button button-tertiary" onClick={() => onChange(null)}>
            {t('search.clear')}
          </button>
        </p>
      ) : null}
    </div>
  );
}
