/**
 * How a bus proves who it is to the broker and keeps its traffic private, in the broker's own terms and free of any
 * client library's types, so the Kafka client behind the messaging port can change (docs/security.md#the-bus).
 */
export interface BusSecurity {
  /** TLS to the broker: its CA (PEM; unset, the system's), and a client certificate and key for mutual TLS. */
  tls?: { ca?: string; cert?: string; key?: string };
  /** SASL/SCRAM: the service's own principal on the broker. */
  sasl?: { mechanism: ScramMechanism; username: string; password: string };
}

export type ScramMechanism = 'scram-sha-256' | 'scram-sha-512';

/** What a principal may do on a topic or a consumer group, as Kafka's ACLs name it. */
export type BusOperation = 'read' | 'write' | 'create' | 'describe';

/** One ACL: `principal` may do `operations` on a topic or group named `name` (or every name it prefixes). */
export interface BusGrant {
  principal: string;
  resource: 'topic' | 'group';
  name: string;
  pattern: 'literal' | 'prefixed';
  operations: readonly BusOperation[];
}

/** Where a bus finds its broker and how it proves itself there. */
export interface BusConnection {
  brokers: string[];
  security?: BusSecurity;
}
