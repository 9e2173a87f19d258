import { fileURLToPath } from 'node:url';

/** The repository root: manifests name handler modules relative to it. */
export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** A manifest id (`platform.ingest-credit-records`, `records:write`) as a construct id (`PlatformIngestCreditRecords`). */
export function constructId(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
