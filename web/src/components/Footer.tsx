// DKFDS footer with the public samarbejdsguide (for citizens too) and the link to the accessibility statement (required by the Danish web
// accessibility act, lov nr. 692 af 08/06/2018).
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

export function Footer() {
  const { t } = useTranslation();
  return (
    <footer>
      <div className="footer">
        <div className="container">
          <h2 className="sr-only">{t('app.footerHeading')}</h2>
          <ul className="align-text-left unstyled-list inline-list">
            <li>
              <strong className="weight-semibold">{t('app.footerText')}</strong>
            </li>
            <li className="d-print-none">
              <Link to="/guide" className="function-link">
                {t('app.guideLink')}
              </Link>
            </li>
            <li className="d-print-none">
              <Link to="/tilgaengelighed" className="function-link">
                {t('app.accessibilityStatement')}
              </Link>
            </li>
          </ul>
        </div>
      </div>
    </footer>
  );
}
