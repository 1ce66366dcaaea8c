import type { ClientConfig } from './client-config';
import { resolveSecret } from './secret-ref';

/**
 * The client's inbound credentials, its secrets read from the environment its file was loaded with, in
 * `@bridge/webhook-security`'s shape.
 */
export type ResolvedInboundCredentials =
  | { type: 'hmac'; secret: string; header: string; encoding?: 'hex' | 'base64'; timestampHeader?: string }
  | { type: 'basic'; username: string; password: string }
  | { type: 'bearer'; token: string };

export const DEFAULT_SIGNATURE_HEADER = 'X-Bridge-Signature';

export function resolveInboundCredentials(client: ClientConfig): ResolvedInboundCredentials {
  const inbound = client.inbound;
  switch (inbound.type) {
    case 'hmac':
      return {
        type: 'hmac',
        secret: resolveSecret(inbound.secret!, client.id, 'inbound.secret'),
        header: inbound.header ?? DEFAULT_SIGNATURE_HEADER,
        encoding: inbound.encoding,
        timestampHeader: inbound.timestampHeader,
      };
    case 'basic':
      return { type: 'basic', username: inbound.username!, password: resolveSecret(inbound.password!, client.id, 'inbound.password') };
    case 'bearer':
      return { type: 'bearer', token: resolveSecret(inbound.secret!, client.id, 'inbound.secret') };
  }
}
