import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { httpRoute } from '../../../shared/http/route.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import { PUBLISHER_CHECKPOINT_KEY, type PublisherCheckpoint } from '../../../shared/storage/publisher-checkpoint.js';
import { systemRoutes } from '../routes.js';

/** Older than this, the events pipeline is reported as lagging. */
const LAG_WARNING_SECONDS = 60;

export const handler = httpRoute(systemRoutes.health, async ({ now }) => {
  let database: 'ok' | 'unavailable' = 'ok';
  let checkpoint: PublisherCheckpoint | undefined;
  try {
    const { Item } = await dynamo().send(
      new GetItemCommand({ TableName: tableName(), Key: marshall(PUBLISHER_CHECKPOINT_KEY) }),
    );
    checkpoint = Item ? (unmarshall(Item) as PublisherCheckpoint) : undefined;
  } catch {
    database = 'unavailable';
  }
  const lagSeconds = checkpoint?.lagMs !== undefined ? Math.round(checkpoint.lagMs / 100) / 10 : undefined;
  const events = checkpoint
    ? {
        status: (lagSeconds ?? 0) > LAG_WARNING_SECONDS ? 'lagging' : 'ok',
        lastPassAt: checkpoint.lastPassAt,
        streamLagSeconds: lagSeconds,
        published: checkpoint.published,
      }
    : { status: 'idle' };
  const healthy = database === 'ok';
  return {
    status: healthy ? 200 : 503,
    body: { status: healthy ? 'ok' : 'degraded', time: now.toISOString(), database, events },
  };
});
