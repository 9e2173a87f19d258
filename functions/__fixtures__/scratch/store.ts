import { type DynamoDBClient, GetItemCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';

export interface Note {
  uscc: string;
  summaryVersion: number;
  changedRecordIds: string[];
}

const noteKey = (uscc: string) => ({ pk: `SCRATCH#${uscc}`, sk: 'NOTE' });

export async function readNote(db: DynamoDBClient, table: string, uscc: string): Promise<Note | undefined> {
  const { Item } = await db.send(new GetItemCommand({ TableName: table, Key: marshall(noteKey(uscc)) }));
  if (!Item) return undefined;
  const { pk: _pk, sk: _sk, ...note } = unmarshall(Item);
  return note as Note;
}

/** Keeps the newest version only: an older or repeated event, arriving late, changes nothing. */
export function noteWrite(table: string, note: Note): TransactWriteItem {
  return {
    Put: {
      TableName: table,
      Item: marshall({ ...noteKey(note.uscc), ...note }),
      ConditionExpression: 'attribute_not_exists(pk) OR summaryVersion < :version',
      ExpressionAttributeValues: marshall({ ':version': note.summaryVersion }),
    },
  };
}
