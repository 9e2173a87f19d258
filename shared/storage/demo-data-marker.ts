/**
 * Where the local runtime records how far loading its demo data got. `seeding` is written
 * before the first demo request and `loaded` after the last, so a start killed half-way
 * finds no `loaded` marker and seeds again. Deployed tables never have one.
 */
export const DEMO_DATA_MARKER_KEY = { pk: 'SYS#DEMO-DATA', sk: 'MARKER' };

export type DemoDataMarker = { state: 'seeding'; startedAt: string } | { state: 'loaded'; loadedAt: string };
