// A scale position's colour next to its label (never colour alone, WCAG 1.4.1). The colour is
// data, so it goes through React's style prop (CSSOM), which the CSP's style-src allows.
export function Swatch({ colour }: { colour: string }) {
  return <span className="tidlig-swatch" style={{ backgroundColor: colour }} aria-hidden="true" />;
}
