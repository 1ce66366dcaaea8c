import { createHash } from 'node:crypto';
import inserted from '../../libs/itsm-adapters/src/servicenow/fixtures/incident-inserted.json';

/** ServiceNow business-rule payloads for a ticket number, with stable sys_ids so re-sends are re-deliveries. */
export function sysId(...parts: string[]): string {
  return createHash('md5').update(parts.join('/')).digest('hex');
}

export function incidentInserted(number: string, record: Record<string, unknown> = {}) {
  return { ...inserted, sys_id: sysId(number), record: { ...inserted.record, number, ...record } };
}

export function journalAdded(number: string, n: number, text: string, element: 'comments' | 'work_notes' = 'comments') {
  return {
    ...incidentInserted(number),
    event: 'journal.added',
    journal: { sys_id: sysId(number, 'journal', String(n)), element, value: text, sys_created_on: '2026-11-24 10:00:00', sys_created_by: 'ann.smith' },
  };
}

export function incidentStateChanged(number: string, state: string, previousState: string, modCount: number) {
  return { ...incidentInserted(number, { state, previous_state: previousState, sys_mod_count: String(modCount) }), event: 'record.updated' };
}
