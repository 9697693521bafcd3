// "Gå til indhold" (WCAG 2.4.1): the first focusable element; moves focus to <main>.
import { useTranslation } from 'react-i18next';

export const MAIN_ID = 'main-content';

export function focusMain(): void {
  const main = document.getElementById(MAIN_ID);
  if (main) {
    main.focus();
    main.scrollIntoView();
  }
}

export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a
      href={`#${MAIN_ID}`}
      className="skipnav"
      onClick={(e) => {
        e.preventDefault();
        focusMain();
      }}
    >
      {t('app.skipLink')}
    </a>
  );
}
