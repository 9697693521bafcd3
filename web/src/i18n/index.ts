// i18next: Danish first, English second. Namespaces: `translation` (the shell and the
// professional's pages, da.json/en.json), `admin` (the administration pages,
// da.admin.json/en.admin.json) and `guide` (handleguide and samarbejdsguide, da.guide.json/en.guide.json), `stafetlog`
// (stafetlog and consent pages for professionals) and `portal` (the parents' portal). The chosen language is remembered in localStorage and
// mirrored on <html lang>.
//
// Use: const { t } = useTranslation();         t('children.title')
//      const { t } = useTranslation('admin');  t('…')
//      errorText(error)                         → the message for an ApiError's code, in the current language
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import da from './da.json';
import en from './en.json';
import daAdmin from './da.admin.json';
import enAdmin from './en.admin.json';
import daGuide from './da.guide.json';
import enGuide from './en.guide.json';
import daStafetlog from './da.stafetlog.json';
import enStafetlog from './en.stafetlog.json';
import daPortal from './da.portal.json';
import enPortal from './en.portal.json';

export const LANGUAGES = ['da', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'tidlig.language';

function storedLanguage(): Language {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    return v === 'en' ? 'en' : 'da';
  } catch {
    return 'da';
  }
}

void i18n.use(initReactI18next).init({
  resources: {
    da: { translation: da, admin: daAdmin, guide: daGuide, stafetlog: daStafetlog, portal: daPortal },
    en: { translation: en, admin: enAdmin, guide: enGuide, stafetlog: enStafetlog, portal: enPortal },
  },
  lng: storedLanguage(),
  fallbackLng: 'da',
  ns: ['translation', 'admin', 'guide', 'stafetlog', 'portal'],
  defaultNS: 'translation',
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
  react: { useSuspense: false },
});

function applyLang(lng: string) {
  document.documentElement.lang = lng === 'en' ? 'en' : 'da';
}
applyLang(i18n.language);
i18n.on('languageChanged', (lng) => {
  applyLang(lng);
  try {
    window.localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // private mode: the choice lasts for this page only
  }
});

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'da';
}

export function setLanguage(lng: Language): Promise<unknown> {
  return i18n.changeLanguage(lng);
}

/**
 * The text for an error: the i18n text for its code in the current language, else the
 * server's own (Danish) message. Accepts ApiError or anything with `code`/`message`.
 */
export function errorText(error: unknown): string {
  const e = error as { code?: string; message?: string } | null | undefined;
  const code = e?.code;
  if (code && i18n.exists(`errors.${code}`)) return i18n.t(`errors.${code}`);
  if (e?.message && currentLanguage() === 'da') return e.message;
  return i18n.t('errors.internal');
}

export default i18n;
