import { Headers } from '@bridge/contracts';
import { DeadLetterRecord, deadLetterId, openDeadLetters, parseDeadLetterId, replayHeaders, replayMarkerHeaders } from './dead-letters';
import { sampleComment } from './testing/sample-events';

const parkedHeaders = {
  [Headers.EventId]: 'e-1',
  [Headers.EventType]: 'CommentAdded',
  traceparent: '00-abc-def-01',
  [Headers.Attempt]: '6',
  [Headers.OriginalTopic]: 'ns.client-events.v1',
  [Headers.OriginalPartition]: '2',
  [Headers.OriginalOffset]: '41',
  [Headers.ErrorCode]: 'handler_failed',
  [Headers.ErrorMessage]: 'database down',
  [Headers.ParkedAt]: '2026-11-24T10:00:00.000Z',
  [Headers.ConsumerGroup]: 'ns.tangoe-gateway',
};

const letter = (partition: number, offset: string, value: Buffer | null = Buffer.from(JSON.stringify(sampleComment('INC1', 1)))): DeadLetterRecord => ({
  partition,
  offset,
  key: 'acme:INC1',
  value,
  headers: parkedHeaders,
});

describe('dead letters', () => {
  it('have ids that name their dead-letter topic, partition and offset, and read back', () => {
    const id = deadLetterId('ns.client-events.v1.dlt.ns.tangoe-gateway', 2, '17');
    expect(id).toBe('ns.client-events.v1.dlt.ns.tangoe-gateway:2:17');
    expect(parseDeadLetterId(id)).toEqual({ topic: 'ns.client-events.v1.dlt.ns.tangoe-gateway', partition: 2, offset: '17' });
    for (const bad of ['', 'topic', 'topic:1', 'topic:x:1', 'a b:1:2', 'topic:1:2:3']) expect(parseDeadLetterId(bad)).toBeUndefined();
  });

  it('are open until a replay marker names them, whatever the order the partitions are read in', () => {
    const marker = { partition: 0, offset: '5', key: 'acme:INC1', value: null, headers: replayMarkerHeaders(1, '3') };
    const open = openDeadLetters('dlt', [letter(1, '3'), letter(0, '4'), marker, letter(1, '4', Buffer.from('not json'))]);
    expect(open.map(({ letter: l }) => l.id)).toEqual(['dlt:0:4', 'dlt:1:4']);
    expect(open[0].letter).toMatchObject({
      key: 'acme:INC1',
      attempts: 6,
      group: 'ns.tangoe-gateway',
      error: { code: 'handler_failed', message: 'database down' },
      original: { topic: 'ns.client-events.v1', partition: 2, offset: '41' },
      parkedAt: '2026-11-24T10:00:00.000Z',
      event: { subject: 'acme:INC1' },
    });
    expect(open[1].letter.event).toBeUndefined();
    expect(open[1].letter.rawValue).toBe('not json');
  });

  it('are published again with the producer\'s headers only, so their group reads them as new records', () => {
    expect(replayHeaders(parkedHeaders)).toEqual({ [Headers.EventId]: 'e-1', [Headers.EventType]: 'CommentAdded', traceparent: '00-abc-def-01' });
    expect(replayMarkerHeaders(1, '3')).toEqual({ [Headers.ReplayOf]: '1:3' });
  });
});
