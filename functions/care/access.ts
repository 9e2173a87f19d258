import { forbidden } from '../../shared/domain-errors.js';

/** An agency token (`agency` claim) reaches only that agency's workers and services. */
export function requireOwnAgency(caller: { agency?: string | undefined }, uscc: string): void {
  if (caller.agency !== uscc) throw forbidden(`This client may act only for its own agency, not ${uscc}.`);
}
