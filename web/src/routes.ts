/**
 * The public pages' URL patterns: the client router renders by them and the local server answers
 * 200 with the page shell for them (404 for any other path). Plain data, no browser code.
 */
export const pagePatterns = {
  home: '/',
  badge: '/w/{badgeNo}',
  review: '/review',
  agencies: '/care/agencies',
  agency: '/care/agencies/{uscc}',
  method: '/shopping/method',
  merchant: '/shopping/merchants/{uscc}',
  ranking: '/shopping/{period}',
  district: '/shopping/{period}/districts/{districtId}',
  subject: '/subjects/{uscc}',
} as const;

export type PageId = keyof typeof pagePatterns;

export interface PageMatch {
  page: PageId;
  params: Record<string, string>;
}

const compiled = Object.entries(pagePatterns).map(([page, pattern]) => {
  const names: string[] = [];
  const source = pattern.replace(/\{(\w+)\}/g, (_whole, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { page: page as PageId, names, regex: new RegExp(`^${source}/?$`) };
});

/** The page a path shows; fixed segments win over parameters (`/shopping/method` is not a period). */
export function matchPage(path: string): PageMatch | undefined {
  for (const { page, names, regex } of compiled) {
    const found = regex.exec(path);
    if (!found) continue;
    try {
      const params = Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(found[index + 1]!)]));
      return { page, params };
    } catch {
      return undefined;
    }
  }
  return undefined;
}
