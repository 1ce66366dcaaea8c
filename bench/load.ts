import http from 'node:http';
import axios, { AxiosInstance } from 'axios';

/** An HTTP client with keep-alive, as an ITSM's webhook sender would have. */
export function loadClient(baseURL: string): AxiosInstance {
  return axios.create({ baseURL, httpAgent: new http.Agent({ keepAlive: true, maxSockets: 64 }), validateStatus: () => true, transformRequest: (d) => d });
}

/** Sends `count` requests with `concurrency` in flight; returns requests per second and the non-2xx count. */
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
  return { perSecond: count / ((performance.now() - start) / 1000), failures };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
