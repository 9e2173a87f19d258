import { CreateTableCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { localDynamoClient } from '../../local/dynamodb-local.js';
import { createTableInput } from '../../shared/storage/table-design.js';

test('smoke', async () => {
  const client = localDynamoClient(process.env.TEST_DYNAMODB_ENDPOINT!);
  await client.send(new CreateTableCommand(createTableInput('smoke-table')));
  const out = await client.send(new ListTablesCommand({}));
  expect(out.TableNames).toContain('smoke-table');
  expect(process.versions.node.split('.')[0]).toBe('24');
});
