import { Controller, INestApplication, Module } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { NestFactory } from '@nestjs/core';
import { EventTypes } from '@bridge/contracts';
import { ConsumedEvent, InProcessMessageBus, exponentialBackoff } from '@bridge/messaging';
import { HandlerError } from '../../messaging/src/testing/handler-error';
import { sampleComment, sampleNumber } from '../../messaging/src/testing/sample-events';
import { HttpAdapterHost } from '@nestjs/core';
import { BusAwareExceptionFilter, BusTransport } from './bus-transport';

const handled: number[] = [];

@Controller()
class CommentsConsumer {
  @EventPattern(EventTypes.CommentAdded)
  async comment(@Payload() delivery: ConsumedEvent) {
    const n = sampleNumber(delivery.event);
    if (n === 1) throw new HandlerError('tangoe_rejected', 'Tangoe refused: 422', { retriable: false });
    if (n === 2 && delivery.attempt === 0) throw new Error('socket hang up');
    handled.push(n);
  }
}

@Module({ controllers: [CommentsConsumer] })
class TestModule {}

describe('BusTransport: Nest consumers on the messaging port', () => {
  let app: INestApplication;
  const bus = new InProcessMessageBus({ partitions: 1 });

  beforeAll(async () => {
    app = await NestFactory.create(TestModule, { logger: false });
    app.useGlobalFilters(new BusAwareExceptionFilter(app.get(HttpAdapterHost).httpAdapter));
    app.connectMicroservice(
      { strategy: new BusTransport({ bus, topic: 't', group: 'g', retry: exponentialBackoff({ maxRetries: 2, initialDelayMs: 5, maxDelayMs: 5, jitter: 0 }) }) },
      { inheritAppConfig: true },
    );
    await app.startAllMicroservices();
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    await bus.close();
  });

  it("keeps the handler's own error, so non-retriable errors park at once and others are retried", async () => {
    await bus.publish('t', [sampleComment('A', 1), sampleComment('B', 2), sampleComment('C', 3)]);
    await bus.idle();
    expect(handled.sort()).toEqual([2, 3]);
    expect(bus.deadLetters().map((letter) => ({ code: letter.error.code, attempts: letter.attempts }))).toEqual([{ code: 'tangoe_rejected', attempts: 1 }]);
  });
});
