import { monotonicFactory } from 'ulid';

/** Time-ordered unique ids (ULID): sortable in table keys and safe in URLs. */
export const newId: () => string = monotonicFactory();
