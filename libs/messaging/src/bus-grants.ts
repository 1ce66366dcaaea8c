import { SERVICE_GROUPS, deadLetterTopic, retryTopic, topicNames } from '@bridge/contracts';
import type { BusGrant } from './bus-security';

export interface BusPrincipals {
  /** Kafka principals, `User:NAME`: a SCRAM user's name, or a client certificate's CN under the broker's mapping. */
  ingress: string;
  gateway: string;
  notifier: string;
}

export const DEFAULT_BUS_PRINCIPALS: BusPrincipals = { ingress: 'User:bridge-ingress', gateway: 'User:bridge-gateway', notifier: 'User:bridge-notifier' };

/**
 * The least each service needs on the bus, from the topic and group names the services themselves use, so the
 * ACLs cannot drift from the code (docs/security.md#the-bus):
 * - the ingress writes the client's events and Tangoe's pushes, and reads nothing;
 * - the gateway reads those two, with its own groups and their retry and dead-letter topics, and writes Tangoe's events;
 * - each notifier group reads Tangoe's events, with its retry and dead-letter topics.
 * A consumer may also write the topic it reads, where a dead letter's replay puts the event back. Nobody else may
 * write a topic: only the ingress (and the gateway, replaying) can put an event naming a client before the gateway.
 * `create` because each service creates the topics it uses (with the bus's partition count) when they are missing;
 * groups are granted by prefix, which also covers the throwaway group that reads a group's dead letters.
 */
export function busGrants(namespace: string, principals: BusPrincipals = DEFAULT_BUS_PRINCIPALS, notifierGroups: readonly string[] = [SERVICE_GROUPS.notifier]): BusGrant[] {
  const topics = topicNames(namespace);
  const topic = (principal: string, name: string, operations: BusGrant['operations']): BusGrant => ({ principal, resource: 'topic', name, pattern: 'literal', operations });
  const group = (principal: string, name: string): BusGrant => ({ principal, resource: 'group', name: topics.consumerGroup(name), pattern: 'prefixed', operations: ['read', 'describe'] });
  const consumes = (principal: string, name: string, groupName: string): BusGrant[] => {
    const groupId = topics.consumerGroup(groupName);
    return [
      // `write` too: an operator's replay of a dead letter publishes it again on the topic it came from.
      topic(principal, name, ['read', 'write', 'describe', 'create']),
      // The bus moves a failed event to its group's retry topic and, at the end, to its dead-letter topic.
      topic(principal, retryTopic(name, groupId), ['read', 'write', 'describe', 'create']),
      topic(principal, deadLetterTopic(name, groupId), ['read', 'write', 'describe', 'create']),
      group(principal, groupName),
    ];
  };
  return [
    topic(principals.ingress, topics.clientEvents, ['write', 'describe', 'create']),
    topic(principals.ingress, topics.tangoePushes, ['write', 'describe', 'create']),
    ...consumes(principals.gateway, topics.clientEvents, SERVICE_GROUPS.gatewayClientEvents),
    ...consumes(principals.gateway, topics.tangoePushes, SERVICE_GROUPS.gatewayPushes),
    topic(principals.gateway, topics.tangoeEvents, ['write', 'describe', 'create']),
    ...notifierGroups.flatMap((groupName) => consumes(principals.notifier, topics.tangoeEvents, groupName)),
  ];
}

/** The grants as `kafka-acls.sh` commands, one per resource, for an operator who applies ACLs with Kafka's own tools. */
export function kafkaAclsCommands(grants: readonly BusGrant[], bootstrap = '$BOOTSTRAP', commandConfig = '$ADMIN_PROPERTIES'): string[] {
  return grants.map(
    (grant) =>
      `kafka-acls.sh --bootstrap-server ${bootstrap} --command-config ${commandConfig} --add --allow-principal ${grant.principal} ` +
      `${grant.operations.map((operation) => `--operation ${operation[0].toUpperCase()}${operation.slice(1)}`).join(' ')} ` +
      `--${grant.resource} ${grant.name} --resource-pattern-type ${grant.pattern}`,
  );
}
