// Where the guide pages read from. A logged-in staff member reads the whole guide of their own
// municipality (/api/guide/…, internal entries too); anyone else reads the public part of the
// municipality chosen like on the log-in page (/api/public/guide/<code>/…): with one
// municipality it is implicit, with several the page asks (?kommune=<code>).
import { useQuery } from '@tanstack/react-query';
import { meQuery } from '../../api/session.ts';
import type { MunicipalityPublic } from '../../api/types.ts';
import { municipalitiesQuery } from '../login/LoginPage.tsx';

export type GuideSource =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'choose'; municipalities: MunicipalityPublic[] }
  | { status: 'ready'; mode: 'staff'; key: string; municipalityName: string; canEdit: boolean }
  | { status: 'ready'; mode: 'public'; key: string; code: string; municipalityName: string; municipalities: MunicipalityPublic[] };

export function useGuideSource(kommune: string | undefined): GuideSource {
  const me = useQuery({ ...meQuery, retry: false });
  const anonymous = me.isError;
  const municipalities = useQuery({ ...municipalitiesQuery, enabled: anonymous });
  if (me.isPending) return { status: 'loading' };
  if (me.data) {
    return { status: 'ready', mode: 'staff', key: 'staff', municipalityName: me.data.municipality.name, canEdit: me.data.permissions.includes('guide.edit') };
  }
  if (municipalities.isPending) return { status: 'loading' };
  if (municipalities.isError) return { status: 'error', error: municipalities.error };
  const list = municipalities.data;
  const chosen = list.find((m) => m.code === kommune) ?? (list.length === 1 ? list[0] : undefined);
  if (!chosen) return { status: 'choose', municipalities: list };
  return { status: 'ready', mode: 'public', key: `public-${chosen.code}`, code: chosen.code, municipalityName: chosen.name, municipalities: list };
}

/** The ?kommune= to carry on links: only when the visitor had to choose among several. */
export function kommuneParam(source: GuideSource): string | undefined {
  return source.status === 'ready' && source.mode === 'public' && source.municipalities.length > 1 ? source.code : undefined;
}
