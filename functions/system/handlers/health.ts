import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { httpRoute } from '../../../shared/http/route.js';
import { DEMO_DATA_MARKER_KEY, type DemoDataMarker } from '../../../shared/storage/demo-data-marker.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import { PUBLISHER_CHECKPOINT_KEY, type PublisherCheckpoint } from '../../../shared/storage/publisher-checkpoint.js';
import { eventsHealth, serviceStatus } from '../health.js';
import { systemRoutes } from '../routes.js';

const readItem = async <Item>(key: Record<string, string>): Promise<Item | undefined> => {
  const { Item } = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: marshall(key) }));
  return Item ? (unmarshall(Item) as Item) : undefined;
};

export const handler = httpRoute(systemRoutes.health, async ({ now }) => {
  let database: 'ok' | 'unavailable' = 'ok';
  let checkpoint: PublisherCheckpoint | undefined;
  let demoData: DemoDataMarker | undefined;
  try {
    [checkpoint, demoData] = await Promise.all([
      readItem<PublisherCheckpoint>(PUBLISHER_CHECKPOINT_KEY),
      readItem<DemoDataMarker>(DEMO_DATA_MARKER_KEY),
    ]);
  } catch {
    database = 'unavailable';
  }
  const { status, ready } = serviceStatus(database, demoData);
  return {
    status: ready ? 200 : 503,
    body: { status, time: now.toISOString(), database, events: eventsHealth(checkpoint, now) },
    headers: { 'cache-control': 'no-store' },
  };
});
