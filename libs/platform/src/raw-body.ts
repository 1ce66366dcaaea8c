import type { IncomingMessage } from 'node:http';
import { PlatformError } from './platform.error';


/**
 * Reads a request body as bytes, stopping at `limitBytes`. Webhook endpoints need the exact bytes to check a
 * signature, and must refuse an oversized body without buffering it all.
 */
export async function readRawBody(request: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) {
    request.resume();
    throw PlatformError.bodyTooLarge(limitBytes);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) {
      request.resume();
      throw PlatformError.bodyTooLarge(limitBytes);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
