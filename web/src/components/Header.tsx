// DKFDS header: row 1 (portal-info) with the Tidlig wordmark, the user and "Log ud"; row 2
// (solution-info) with the solution name and the municipality; row 3 the main navigation
// by permission. Below the lg breakpoint the navigation and user info move into DKFDS'
// mobile drawer, opened by "Menu" (a focus-trapped dialog; Escape closes it).
import { Link, useRouterState } from '@tanstack/react-router';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../api/types.ts';
import { Icon } from './Icon.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { navItemsFor, type NavItem } from './nav.ts';
import { NoticesLink } from '../routes/notices/NoticesLink.tsx';

function matches(pathname: string, to: string): boolean {
  return pathname === to || pathname.startsWith(`${to}/`);
}

/** The item for the current page: the longest match, so /trivsel/overblik is not also /trivsel. */
function activeItem(items: NavItem[], pathname: string): string | undefined {
  return items
    .filter((i) => matches(pathname, i.to))
    .sort((a, b) => b.to.length - a.to.length)[0]?.to;
}

/** "Pædagog · Fagperson" — profession and roles, in the current language. */
export function useRoleLine(me: Me | undefined): string {
  const { t } = useTranslation();
  if (!me) return '';
  const roles = me.roles.map((r) => t(`roles.${r}`, { defaultValue: r }));
  return roles.join(', ');
}

function NavList({ items, pathname, onNavigate }: { items: NavItem[]; pathname: string; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const activeTo = activeItem(items, pathname);
  return (
    <ul className="mainmenu">
      {items.map((item) => {
        const active = item.to === activeTo;
        return (
          <li key={item.to} className={active ? 'active current' : undefined}>
            <Link to={item.to} className="nav-link" aria-current={active ? 'page' : undefined} onClick={onNavigate}>
              <span>{t(item.labelKey)}</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

export interface HeaderProps {
  /** The logged-in user; leave out on public pages (log-in, accessibility statement). */
  me?: Me;
  onLogout?: () => void;
}

export function Header({ me, onLogout }: HeaderProps) {
  const { t } = useTranslation();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const items = me ? navItemsFor(me) : [];
  const roleLine = useRoleLine(me);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const drawerRef = useRef<HTMLDivElement>(null);
  const openButtonRef = useRef<HTMLButtonElement>(null);
  const closeButtonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (drawerOpen) {
      closeButtonRef.current?.focus();
      document.body.classList.add('mobile-nav-open');
      return () => document.body.classList.remove('mobile-nav-open');
    }
    return undefined;
  }, [drawerOpen]);

  const closeDrawer = () => {
    setDrawerOpen(false);
    openButtonRef.current?.focus();
  };

  const onDrawerKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      closeDrawer();
      return;
    }
    if (e.key !== 'Tab' || !drawerRef.current) return;
    const focusables = [...drawerRef.current.querySelectorAll<HTMLElement>('a[href], button:not([disabled])')];
    const first = focusables[0];
    const last = focusables[focusables.length - 1];
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <header className="header">
      <div className="portal-info">
        <div className="portal-info-inner container">
          <Link to="/" className="tidlig-logo" aria-label={t('app.homeLink')}>
            <span aria-hidden="true" className="tidlig-logo-mark"></span>
            <span className="tidlig-logo-text">{t('app.name')}</span>
          </Link>
          {me ? (
            <button
              ref={openButtonRef}
              type="button"
              className="function-link button-menu-open js-menu-open ml-auto d-print-none"
              aria-haspopup="dialog"
              aria-expanded={drawerOpen}
              aria-controls="tidlig-mobile-drawer"
              onClick={() => setDrawerOpen(true)}
            >
              <Icon name="menu" />
              {t('app.menu')}
            </button>
          ) : (
            <div className="tidlig-public-tools">
              <LanguageSwitch />
            </div>
          )}
          {me ? (
            <div className="portal-user">
              <p className="user">
                <span className="tidlig-user-name">{me.user.displayName}</span>
                <span className="tidlig-user-roles">{roleLine}</span>
              </p>
              <NoticesLink />
              <LanguageSwitch className="mr-5" />
              <button type="button" className="function-link d-print-none log-off" onClick={onLogout}>
                <Icon name="lock" />
                {t('app.logout')}
              </button>
            </div>
          ) : null}
        </div>
      </div>

      <div className="solution-info">
        <div className="solution-info-inner container">
          <div className="solution-heading">
            <Link to="/">{t('app.tagline')}</Link>
          </div>
          {me ? (
            <div className="additional-info">
              <p>
                <strong className="authority-name">{me.municipality.name}</strong>
              </p>
            </div>
          ) : null}
        </div>
      </div>

      {items.length ? (
        <div className="navigation-menu">
          <div className="navigation-menu-inner container">
            <nav className="nav" aria-label={t('app.mainNav')}>
              <NavList items={items} pathname={pathname} />
            </nav>
          </div>
        </div>
      ) : null}

      {me ? (
        <>
          {drawerOpen ? <div className="overlay is-visible" onClick={closeDrawer} aria-hidden="true"></div> : null}
          <div
            ref={drawerRef}
            id="tidlig-mobile-drawer"
            className={`mobile-drawer${drawerOpen ? ' is-visible' : ''}`}
            role="dialog"
            aria-modal="true"
            aria-labelledby="tidlig-menu-heading"
            hidden={!drawerOpen}
            onKeyDown={onDrawerKeyDown}
          >
            <div className="menu-top">
              <h2 id="tidlig-menu-heading" className="menu-heading">
                {t('app.menu')}
              </h2>
              <button ref={closeButtonRef} type="button" className="function-link button-menu-close js-menu-close" aria-label={t('app.closeMenuLabel')} onClick={closeDrawer}>
                <Icon name="close" />
                {t('app.closeMenu')}
              </button>
            </div>
            {items.length ? (
              <nav className="navigation-menu-mobile" aria-label={t('app.mainNav')}>
                <NavList items={items} pathname={pathname} onNavigate={() => setDrawerOpen(false)} />
              </nav>
            ) : null}
            <div className="solution-info-mobile">
              <h3 className="sr-only">{t('app.municipalityHeading')}</h3>
              <p className="mb-2">
                <strong className="authority-name">{me.municipality.name}</strong>
              </p>
            </div>
            <div className="portal-info-mobile">
              <h3 className="sr-only">{t('app.userHeading')}</h3>
              <p className="user">
                <span className="mb-3">{me.user.displayName}</span>
                <span>{roleLine}</span>
              </p>
              <p>
                <NoticesLink onNavigate={() => setDrawerOpen(false)} />
              </p>
              <p>
                <LanguageSwitch />
              </p>
              <p>
                <button
                  type="button"
                  className="function-link d-print-none log-off"
                  onClick={() => {
                    setDrawerOpen(false);
                    onLogout?.();
                  }}
                >
                  <Icon name="lock" />
                  {t('app.logout')}
                </button>
              </p>
            </div>
          </div>
        </>
      ) : null}
    </header>
  );
}
