import { Kafka, logLevel } from 'kafkajs';
import { DeadLetter, decodeDeadLetterRecord } from '@bridge/messaging';
import { waitFor } from '@bridge/test-infra';

/** Brokers of this run, from the integration globalSetup. */
export function testBrokers(): string[] {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: integration tests need a real Kafka');
  return brokers.split(',');
}

export function bareKafka(clientId = 'test-kit'): Kafka {
  return new Kafka({ clientId, brokers: testBrokers(), logLevel: logLevel.NOTHING });
}

/** Reads a dead-letter topic from the start until `count` records arrived (or the deadline passed). */
export async function readDeadLetters(topic: string, count: number, timeoutMs = 60_000): Promise<DeadLetter[]> {
  const kafka = bareKafka();
  const consumer = kafka.consumer({ groupId: `reader-${topic}-${Date.now()}` });
  const letters: DeadLetter[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        letters.push(decodeDeadLetterRecord(message.key, message.value, message.headers));
      },
    });
    await waitFor(() => letters.length >= count, { description: `${count} dead letter(s) on ${topic}`, timeoutMs });
    return letters;
  } finally {
    await consumer.disconnect();
  }
}
