// Switches between Danish and English; the button text is in the target language (and
// marked with its lang), as DKFDS' language switcher does.
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n/index.ts';
import { Icon } from './Icon.tsx';

export function LanguageSwitch({ className }: { className?: string }) {
  const { t, i18n } = useTranslation();
  const target = i18n.language === 'en' ? 'da' : 'en';
  return (
    <button
      type="button"
      className={`function-link tidlig-language${className ? ` ${className}` : ''}`}
      lang={target}
      aria-label={t('app.switchLanguageLabel')}
      onClick={() => void setLanguage(target)}
    >
      <Icon name="language" />
      {t('app.switchLanguage')}
    </button>
  );
}
