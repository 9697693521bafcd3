// The /guide URL's search params: the query, a kind, and the municipality (anonymous visitors).
import { isGuideKind } from './labels.ts';
import type { GuideKind } from './api.ts';

export interface GuideSearch {
  q?: string;
  type?: GuideKind;
  kommune?: string;
}

export function validateGuideSearch(search: Record<string, unknown>): GuideSearch {
  // TanStack Router parses values as JSON: ?q=133 arrives as a number
  const q = typeof search.q === 'string' ? search.q.slice(0, 200) : typeof search.q === 'number' ? String(search.q) : undefined;
  const kommune = typeof search.kommune === 'string' && /^[0-9]{3}$/.test(search.kommune) ? search.kommune : undefined;
  const kommuneNum = typeof search.kommune === 'number' ? String(search.kommune).padStart(3, '0') : undefined;
  return {
    q: q && q.trim() ? q : undefined,
    type: isGuideKind(search.type) ? search.type : undefined,
    kommune: kommune ?? (kommuneNum && /^[0-9]{3}$/.test(kommuneNum) ? kommuneNum : undefined),
  };
}

export function validateEntrySearch(search: Record<string, unknown>): Pick<GuideSearch, 'kommune'> {
  return { kommune: validateGuideSearch(search).kommune };
}
