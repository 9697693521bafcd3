// DKFDS modal dialog: role="dialog", aria-modal, labelled by its title, focus moved in on
// open and trapped (Tab/Shift+Tab cycle), Escape closes (unless `forced`), the page behind is
// made inert, and focus returns to the element that opened it.
//   <Dialog open={open} onClose={() => setOpen(false)} title="Vis CPR-nummer"
//           footer={<><button className="button button-primary" …>OK</button> …</>}>
//     …body…
//   </Dialog>
// Put a form's submit button in `footer` with form="<form id>" to keep it inside the form.
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { Icon } from './Icon.tsx';

export interface DialogProps {
  open: boolean;
  /** Called on "Luk", Escape; not called by the dialog when `forced`. */
  onClose: () => void;
  title: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
  /** A forced-action dialog: no close button, Escape does nothing. */
  forced?: boolean;
  /** Element to focus on open; defaults to the first focusable element in the body, else the dialog. */
  initialFocus?: RefObject<HTMLElement | null>;
  id?: string;
  /** Role: 'alertdialog' for warnings that need an answer (e.g. the session warning). */
  role?: 'dialog' | 'alertdialog';
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function Dialog({ open, onClose, title, children, footer, forced, initialFocus, id, role = 'dialog' }: DialogProps) {
  const { t } = useTranslation();
  const autoId = useId();
  const dialogId = id ?? `dialog-${autoId.replace(/:/g, '')}`;
  const titleId = `${dialogId}-title`;
  const bodyId = `${dialogId}-body`;
  const ref = useRef<HTMLDivElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    if (!open) return;
    const opener = document.activeElement as HTMLElement | null;
    const root = document.getElementById('root');
    root?.setAttribute('inert', '');
    document.body.classList.add('modal-open');
    const target = initialFocus?.current ?? ref.current?.querySelector<HTMLElement>(`#${CSS.escape(bodyId)} ${FOCUSABLE}`) ?? ref.current?.querySelector<HTMLElement>('.modal-content');
    target?.focus();
    return () => {
      root?.removeAttribute('inert');
      document.body.classList.remove('modal-open');
      if (opener && document.contains(opener)) opener.focus();
    };
  }, [open]);

  if (!open) return null;

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && !forced) {
      e.stopPropagation();
      onCloseRef.current();
      return;
    }
    if (e.key !== 'Tab' || !ref.current) return;
    const items = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null || el === document.activeElement);
    if (!items.length) {
      e.preventDefault();
      return;
    }
    const first = items[0]!;
    const last = items[items.length - 1]!;
    const active = document.activeElement;
    if (e.shiftKey && (active === first || !ref.current.contains(active))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (active === last || !ref.current.contains(active))) {
      e.preventDefault();
      first.focus();
    }
  };

  return createPortal(
    <>
      <div className="modal-backdrop show" aria-hidden="true"></div>
      <div
        ref={ref}
        className="fds-modal"
        id={dialogId}
        aria-hidden="false"
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        onKeyDown={onKeyDown}
      >
        <div className="modal-content" tabIndex={-1}>
          <div className="modal-header">
            <h2 className="modal-title" id={titleId}>
              {title}
            </h2>
            {forced ? null : (
              <button type="button" className="modal-close function-link" onClick={() => onCloseRef.current()}>
                <Icon name="close" />
                {t('common.close')}
              </button>
            )}
          </div>
          <div className="modal-body" id={bodyId}>
            {children}
          </div>
          {footer ? <div className="modal-footer">{footer}</div> : null}
        </div>
      </div>
    </>,
    document.body,
  );
}
