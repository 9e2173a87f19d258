import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { derToRawEcdsa, type PublishedJwk, type Signer, spkiToJwk } from './signer.js';

/** The deployed signer: the private key stays in KMS (ECC_NIST_P256, ECDSA_SHA_256). */
export function kmsSigner(keyId: string): Signer {
  const kms = new KMSClient({ credentials: fromEnv() });
  let publicJwk: Promise<PublishedJwk> | undefined;
  return {
    keyId,
    async sign(data) {
      const { Signature } = await kms.send(
        new SignCommand({ KeyId: keyId, Message: data, MessageType: 'RAW', SigningAlgorithm: 'ECDSA_SHA_256' }),
      );
      if (!Signature) throw new Error('KMS returned no signature');
      return derToRawEcdsa(Signature);
    },
    publicJwk() {
      publicJwk ??= kms.send(new GetPublicKeyCommand({ KeyId: keyId })).then(({ PublicKey }) => {
        if (!PublicKey) throw new Error('KMS returned no public key');
        return spkiToJwk(PublicKey, keyId);
      });
      return publicJwk;
    },
  };
}
