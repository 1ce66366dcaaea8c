import pino from 'pino';
import { HandlerError } from '../../messaging/src/testing/handler-error';
import { sampleComment } from '../../messaging/src/testing/sample-events';
import { createMessageBus } from './bus-factory';
import type { ServiceSettings } from './service-settings';

describe('the standalone run’s shared in-process bus', () => {
  it("gives each service its own group's dead letters, and replays only those", async () => {
    const settings = {} as ServiceSettings;
    const logger = pino({ level: 'silent' });
    const gateway = createMessageBus(settings, 'tangoe-gateway', logger);
    const notifier = createMessageBus(settings, 'outbound-notifier', logger);
    try {
      const refuse = async () => {
        throw new HandlerError('rejected', 'no', { retriable: false });
      };
      await gateway.subscribe({ topic: 'client-events', group: 'tangoe-gateway', handler: refuse });
      await notifier.subscribe({ topic: 'tangoe-events', group: 'outbound-notifier', handler: refuse });
      await gateway.publish('client-events', [sampleComment('A', 1)]);
      await notifier.publish('tangoe-events', [sampleComment('B', 2)]);
      const listed = async (bus: typeof gateway) => {
        for (let tries = 0; tries < 100; tries++) {
          const letters = await bus.listDeadLetters();
          if (letters.length > 0) return letters;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        return [];
      };
      const [ofGateway] = await listed(gateway);
      const [ofNotifier] = await listed(notifier);
      expect([ofGateway.group, ofNotifier.group]).toEqual(['tangoe-gateway', 'outbound-notifier']);
      expect(await gateway.listDeadLetters()).toHaveLength(1);
      expect(await notifier.replayDeadLetter(ofGateway.id)).toBe(false);
      expect(await gateway.replayDeadLetter(ofGateway.id)).toBe(true);
      expect(await gateway.replayDeadLetter(ofGateway.id)).toBe(false);
    } finally {
      await gateway.close();
      await notifier.close();
    }
  });
});
