import { Inject, Injectable } from '@nestjs/common';
import { parseKey } from '@bridge/contracts';
import type { ListedDeadLetter, MessageBus } from '@bridge/messaging';
import { BUS } from '../tokens';
import { ParkedItem, ParkedLine, ParkedReplay, parkedId } from './parked-item';
import { ParkedError } from './parked.error';

/**
 * The dead letters of this service's consumer group (`<topic>.dlt.<group>`), as parked items: what the bus could
 * not hand to the service at all (unreadable, or not stored while the database was down). A replay publishes the
 * record again to the topic it came from, once (the bus marks it replayed).
 */
@Injectable()
export class ParkedDeadLetters implements ParkedLine {
  readonly line = 'dead_letters' as const;

  constructor(@Inject(BUS) private readonly bus: MessageBus) {}

  async list(): Promise<ParkedItem[]> {
    return (await this.bus.listDeadLetters()).map((letter) => parkedItemOf(letter));
  }

  async replay(ownId: string): Promise<ParkedReplay> {
    if (!(await this.bus.replayDeadLetter(ownId))) throw ParkedError.notParked(parkedId(this.line, ownId));
    return { id: parkedId(this.line, ownId), line: this.line, status: 'republished' };
  }
}

export function parkedItemOf(letter: ListedDeadLetter): ParkedItem {
  const ticket = ticketOf(letter.key);
  return {
    id: parkedId('dead_letters', letter.id),
    line: 'dead_letters',
    key: letter.key,
    clientId: ticket?.clientId ?? null,
    externalSourceId: ticket?.externalSourceId ?? null,
    what: letter.event?.type ?? null,
    error: `${letter.error.code}: ${letter.error.message}`,
    attempts: letter.attempts,
    parkedAt: letter.parkedAt || null,
  };
}

/** A record's key names its ticket when it is one; a dead letter's key may be anything, or nothing. */
function ticketOf(key: string | null): { clientId: string; externalSourceId: string | null } | undefined {
  if (!key) return undefined;
  try {
    const parsed = parseKey(key);
    return { clientId: parsed.clientId, externalSourceId: parsed.kind === 'ticket' ? parsed.externalSourceId : null };
  } catch {
    return undefined;
  }
}
