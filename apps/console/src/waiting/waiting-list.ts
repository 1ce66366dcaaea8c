import type { ParkedItem } from '@bridge/platform';
import type { Reading } from '../peers/bridge-services';

/** The services that hold parked items: the gateway (ticket events, its groups' dead letters) and the notifier. */
export const HOLDERS = ['gateway', 'notifier'] as const;
export type Holder = (typeof HOLDERS)[number];

/** A parked item in the one list, with the service that holds it: what a replay is sent to. */
export interface WaitingItem extends ParkedItem {
  holder: Holder;
  /** `<holder>|<id>`: what the list's checkboxes carry. */
  ref: string;
}

export interface WaitingFilter {
  clientId?: string;
  holder?: Holder;
}

/** Everything that waits for an operator, oldest first, from both services; a service that did not answer is left out. */
export function waitingItems(readings: Record<Holder, Reading<ParkedItem[]>>, filter: WaitingFilter = {}): WaitingItem[] {
  return HOLDERS.flatMap((holder) => {
    const reading = readings[holder];
    return reading.ok ? reading.data.map((item) => ({ ...item, holder, ref: waitingRef(holder, item.id) })) : [];
  })
    .filter((item) => (!filter.clientId || item.clientId === filter.clientId) && (!filter.holder || item.holder === filter.holder))
    .sort((a, b) => (a.parkedAt ?? '').localeCompare(b.parkedAt ?? '') || a.ref.localeCompare(b.ref));
}

export function waitingRef(holder: Holder, id: string): string {
  return `${holder}|${id}`;
}

/** The holder and the item's id of a checkbox's value; undefined when it names neither. */
export function parseWaitingRef(ref: string): { holder: Holder; id: string } | undefined {
  const separator = ref.indexOf('|');
  const holder = HOLDERS.find((candidate) => candidate === ref.slice(0, separator));
  const id = ref.slice(separator + 1);
  return holder && /^[a-z_]+:[\w.:-]{1,200}$/.test(id) ? { holder, id } : undefined;
}
