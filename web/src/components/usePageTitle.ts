// document.title per route: "<page> – Tidlig" (WCAG 2.4.2). Call once at the top of a page.
import { useEffect } from 'react';

export function usePageTitle(title: string | null | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} – Tidlig` : 'Tidlig';
  }, [title]);
}
