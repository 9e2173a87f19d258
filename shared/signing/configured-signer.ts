import { kmsSigner } from './kms-signer.js';
import { fileSigner, type Signer } from './signer.js';

let signer: Signer | undefined;

/** KMS in AWS (SIGNING_KEY_ID), a key file in the local data folder otherwise (SIGNING_KEY_FILE). */
export function configuredSigner(): Signer {
  if (signer) return signer;
  const { SIGNING_KEY_ID, SIGNING_KEY_FILE } = process.env;
  if (SIGNING_KEY_ID) signer = kmsSigner(SIGNING_KEY_ID);
  else if (SIGNING_KEY_FILE) signer = fileSigner(SIGNING_KEY_FILE);
  else throw new Error('Invalid configuration: set SIGNING_KEY_ID (deployed) or SIGNING_KEY_FILE (local)');
  return signer;
}
