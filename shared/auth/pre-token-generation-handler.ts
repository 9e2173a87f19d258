import type { PreTokenGenerationV3TriggerEvent } from 'aws-lambda';
import { getClient } from '../clients/store.js';
import { config } from '../config.js';
import { logger } from '../logger.js';
import { dynamo, tableName } from '../storage/dynamo.js';
import { accessTokenOverrides } from './pre-token-generation.js';

/**
 * Cognito's pre-token-generation trigger (V3): machine tokens get the district and agency of
 * their client's registration. The pool has no users, so other sources pass through untouched.
 */
export async function handler(event: PreTokenGenerationV3TriggerEvent): Promise<PreTokenGenerationV3TriggerEvent> {
  if (event.triggerSource !== 'TokenGeneration_ClientCredentials') return event;
  const clientId = event.callerContext.clientId;
  try {
    const client = await getClient(dynamo(), tableName(), clientId, { consistent: true });
    event.response.claimsAndScopeOverrideDetails = {
      accessTokenGeneration: accessTokenOverrides(
        clientId,
        client,
        event.request.scopes ?? [],
        config().AUTH_SCOPE_PREFIX,
      ),
    };
  } catch (error) {
    logger.warn('token refused', { clientId, reason: (error as Error).message });
    throw error;
  }
  return event;
}
