// A position as the pages show it: the colour swatch AND the label text (colour is never the
// only carrier of meaning, WCAG 1.4.1). The swatch's colour is data, so it is set through the
// CSSOM (React's style prop), which the CSP's style-src allows; the rest is in the stylesheet.
export function PositionName({ label, colour }: { label: string; colour: string }) {
  return (
    <span className="tidlig-admin-position">
      <span className="tidlig-admin-swatch" style={{ backgroundColor: colour }} aria-hidden="true" />
      {label}
    </span>
  );
}
