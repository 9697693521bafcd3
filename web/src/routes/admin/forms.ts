// Form errors for the administration pages, the same way in every form:
//  - the client checks what it can (required, format) and shows Danish text per field;
//  - the server's 400 `request.invalid` details ([{ path, message }]) are put on the field
//    whose name is the path ("custodyHolders.0.cpr"), with our Danish text for that kind of
//    field when we have one, else the server's message;
//  - known conflict codes (name.taken, username.taken …) go on their field;
//  - anything else is a message for the whole form (shown in the error summary).
// Field ids are `${formId}-${path with dots as dashes}`, so the summary links to the input.
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import type { SummaryError } from '../../components/ErrorSummary.tsx';
import { errorText } from '../../i18n/index.ts';

export type FieldErrors = Record<string, string>;

export interface FormErrors {
  /** The input id for a field path. */
  id: (path: string) => string;
  /** The message for a field path, or undefined. */
  error: (path: string) => string | undefined;
  /** Errors for the summary, in the order they were set. */
  summary: SummaryError[];
  /** Replace all errors with these field errors (client validation); true if there were any. */
  setFieldErrors: (errors: FieldErrors) => boolean;
  /** Show an error from the API; returns the error code. */
  fromApi: (e: unknown) => string;
  clear: () => void;
}

/** Last segment of a path that is not an array index: 'custodyHolders.0.cpr' → 'cpr'. */
function fieldKind(path: string): string {
  const parts = path.split('.').filter((p) => !/^\d+$/.test(p));
  return parts[parts.length - 1] ?? path;
}

/**
 * @param formId prefix of the field ids
 * @param codeFields error codes that belong to a field, e.g. { 'name.taken': 'name' }
 */
export function useFormErrors(formId: string, codeFields: Record<string, string> = {}): FormErrors {
  const { t, i18n } = useTranslation('admin');
  const [fields, setFields] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);

  const id = useCallback((path: string) => `${formId}-${path.replace(/\./g, '-')}`, [formId]);

  const setFieldErrors = useCallback((errors: FieldErrors) => {
    setFields(errors);
    setGeneral([]);
    return Object.keys(errors).length > 0;
  }, []);

  const fromApi = useCallback(
    (e: unknown): string => {
      const code = e instanceof ApiError ? e.code : 'internal';
      if (e instanceof ApiError && e.fieldProblems.length) {
        const next: FieldErrors = {};
        const rest: string[] = [];
        for (const p of e.fieldProblems) {
          const path = p.path.replace(/^body\.?/, '');
          if (!path || p.where === 'headers' || p.where === 'params' || p.where === 'querystring') {
            rest.push(p.message);
            continue;
          }
          if (next[path]) continue;
          // Our text for this field of this form part ('custodyHolders.cpr'), else for this kind of field ('cpr').
          const specific = `validation.${path.split('.').filter((x) => !/^\d+$/.test(x)).join('.')}`;
          next[path] = i18n.exists(`admin:${specific}`) && typeof t(specific, { returnObjects: true }) === 'string' ? t(specific, { n: Number(/\.(\d+)\./.exec(path)?.[1] ?? 0) + 1 }) : t(`validation.${fieldKind(path)}`, { defaultValue: p.message });
        }
        setFields(next);
        setGeneral(Object.keys(next).length ? rest : [errorText(e)]);
        return code;
      }
      const field = codeFields[code];
      if (field) {
        setFields({ [field]: errorText(e) });
        setGeneral([]);
        return code;
      }
      setFields({});
      setGeneral([code === 'version.mismatch' ? t('common.versionMismatch') : errorText(e)]);
      return code;
    },
    // codeFields is a literal at each call site; its content does not change
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n],
  );

  const clear = useCallback(() => {
    setFields({});
    setGeneral([]);
  }, []);

  const summary = useMemo<SummaryError[]>(
    () => [...Object.entries(fields).map(([path, message]) => ({ fieldId: id(path), message })), ...general.map((message) => ({ message }))],
    [fields, general, id],
  );

  return { id, error: (path) => fields[path], summary, setFieldErrors, fromApi, clear };
}

/** Simple client checks, Danish text from the `admin` namespace. */
export const check = {
  required: (v: string | null | undefined) => (v ?? '').trim().length > 0,
  maxLength: (v: string, n: number) => v.trim().length <= n,
  email: (v: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()),
  day: (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(new Date(`${v}T00:00:00Z`).getTime()) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v,
  username: (v: string) => /^[a-z0-9._@-]{2,100}$/.test(v.trim().toLowerCase()),
};

/** Minimum password length (src/modules/auth/passwords.ts MIN_PASSWORD_LENGTH). */
export const MIN_PASSWORD_LENGTH = 10;
