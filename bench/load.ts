import http from 'node:http';
import type { Admin } from 'kafkajs';
import axios, { AxiosInstance } from 'axios';

/** An HTTP client with keep-alive, as an ITSM's webhook sender would have. */
export function loadClient(baseURL: string): AxiosInstance {
  return axios.create({ baseURL, httpAgent: new http.Agent({ keepAlive: true, maxSockets: 64 }), validateStatus: () => true, transformRequest: (d) => d });
}

/** Sends `count` requests with `concurrency` in flight; returns the 2xx answers per second (a refusal is no throughput) and the non-2xx count. */
export async function closedLoop(count: number, concurrency: number, send: (i: number) => Promise<number>): Promise<{ perSecond: number; failures: number }> {
  let next = 0;
  let failures = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < count; i = next++) {
        const status = await send(i);
        if (status < 200 || status >= 300) failures++;
      }
    }),
  );
  return { perSecond: (count - failures) / ((performance.now() - start) / 1000), failures };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Creates a topic for a baseline and waits until the broker serves it. A topic just created may be unknown to the
 * broker's metadata for a moment ("does not host this topic-partition"), more so on a busy machine: asked again.
 */
export async function createBenchTopic(admin: Admin, topic: string, numPartitions: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions }], waitForLeaders: true });
      await admin.fetchTopicMetadata({ topics: [topic] });
      return;
    } catch (error) {
      const retriable = (error as { retriable?: boolean }).retriable === true || /does not host this topic-partition|leader/i.test((error as Error).message);
      if (!retriable || attempt >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}
