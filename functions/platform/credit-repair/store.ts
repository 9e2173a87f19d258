import { type DynamoDBClient, GetItemCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { RepairNotice } from './notice.js';

/** One notice per published version, beside the record: `REC#<id>|NOTICE#<nnnnnn>`. */
const noticeKey = (recordId: string, version: number) => ({
  pk: `REC#${recordId}`,
  sk: `NOTICE#${String(version).padStart(6, '0')}`,
});

/** Written once, in the transaction that publishes the version: a notice is never rewritten. */
export function putNoticeWrite(table: string, notice: RepairNotice): TransactWriteItem {
  return {
    Put: {
      TableName: table,
      Item: marshall(
        { ...noticeKey(notice.recordId, notice.version), kind: 'repair-notice', ...notice },
        { removeUndefinedValues: true },
      ),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export async function getNotice(
  db: DynamoDBClient,
  table: string,
  recordId: string,
  version: number,
): Promise<RepairNotice | undefined> {
  const { Item } = await db.send(new GetItemCommand({ TableName: table, Key: marshall(noticeKey(recordId, version)) }));
  if (!Item) return undefined;
  const { pk: _pk, sk: _sk, kind: _kind, ...notice } = unmarshall(Item);
  return notice as RepairNotice;
}
