// A DKFDS icon from the bundled sprite (no inline SVG sprite in the page, no CDN).
//   <Icon name="info" />                    decorative (aria-hidden)
//   <Icon name="error" label="Fejl" />      meaningful: role="img" with a label
import spriteUrl from '@dkfds/img/all-svg-icons.svg?url';

export interface IconProps {
  /** A symbol id from DKFDS' all-svg-icons.svg: info, error, warning, success, close, menu, lock, chevron-left … */
  name: string;
  /** Accessible name; leave out for decorative icons. */
  label?: string;
  className?: string;
}

export function Icon({ name, label, className }: IconProps) {
  const cls = `icon-svg${className ? ` ${className}` : ''}`;
  return label ? (
    <svg className={cls} focusable="false" role="img" aria-label={label}>
      <use href={`${spriteUrl}#${name}`} />
    </svg>
  ) : (
    <svg className={cls} focusable="false" aria-hidden="true">
      <use href={`${spriteUrl}#${name}`} />
    </svg>
  );
}
