import { platformEvents } from '../../../../events/platform.js';
import { eventHandler } from '../../../../shared/event-handler.js';
import { dynamo, tableName } from '../../../../shared/storage/dynamo.js';
import { noteWrite, readNote } from '../store.js';

export const handler = eventHandler(
  { consumerId: 'scratch.note-credit-change', events: [platformEvents.SubjectCreditChanged] },
  async ({ detail }) => {
    const known = await readNote(dynamo(), tableName(), detail.uscc);
    if (known && known.summaryVersion >= detail.summaryVersion) return {};
    const note = {
      uscc: detail.uscc,
      summaryVersion: detail.summaryVersion,
      changedRecordIds: detail.changes.map((change) => change.recordId),
    };
    return { units: [{ writes: [noteWrite(tableName(), note)], events: [] }] };
  },
);
