// Next steps offered with a handleguide (issue 4 item 6: "next-step buttons … registered
// through one mechanism so later modules plug in"). The pure part: step ids, route templates
// such as "/boern/{childId}" and labels such as "Åbn samarbejdsrummet {title}".

/** 'module.action': lower-case words with underscores, one dot. Stored in handleguide versions. */
export const STEP_ID = /^[a-z][a-z0-9_]{1,30}\.[a-z][a-z0-9_]{1,40}$/;

const PLACEHOLDER = /\{([a-zA-Z]+)\}/g;

export function isValidStepId(id: string): boolean {
  return STEP_ID.test(id);
}

/** The placeholders a template uses, in order of first use. */
export function templateKeys(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/** A route template is an app path: starts with one slash, no scheme, no "//" host. */
export function isValidRouteTemplate(template: string): boolean {
  return /^\/(?!\/)[^\s]*$/.test(template) && !/[<>"'\\]/.test(template);
}

/**
 * Fill a template's placeholders. Route values are URL-encoded (an id or a slug can never
 * change the path's shape); a placeholder without a value makes the whole result null, so a
 * step that needs a child is not offered where there is none.
 */
export function fillTemplate(template: string, values: Readonly<Record<string, string | null | undefined>>, kind: 'route' | 'label'): string | null {
  let missing = false;
  const out = template.replace(PLACEHOLDER, (_, key: string) => {
    const v = values[key];
    if (v === null || v === undefined || v === '') {
      missing = true;
      return '';
    }
    return kind === 'route' ? encodeURIComponent(v) : v;
  });
  return missing ? null : out;
}
