import { busGrants, kafkaAclsCommands } from './bus-grants';

describe("the services' grants on the bus", () => {
  const grants = busGrants('bridge', undefined, ['outbound-notifier', 'outbound-notifier-audit']);
  const of = (principal: string) => grants.filter((grant) => grant.principal === principal);
  const can = (principal: string, operation: string, name: string) => of(principal).some((grant) => grant.operations.includes(operation as never) && (grant.pattern === 'literal' ? grant.name === name : name.startsWith(grant.name)));

  it('lets the ingress write the two topics it publishes, and read nothing', () => {
    expect(of('User:bridge-ingress').map((grant) => [grant.resource, grant.name, grant.operations])).toEqual([
      ['topic', 'bridge.client-events.v1', ['write', 'describe', 'create']],
      ['topic', 'bridge.tangoe-pushes.v1', ['write', 'describe', 'create']],
    ]);
  });

  it("lets the gateway write Tangoe's events (and the notifier, replaying its dead letters), never the ingress", () => {
    const writers = grants.filter((grant) => grant.name === 'bridge.tangoe-events.v1' && grant.operations.includes('write')).map((grant) => grant.principal);
    expect([...new Set(writers)]).toEqual(['User:bridge-gateway', 'User:bridge-notifier']);
    expect(can('User:bridge-gateway', 'read', 'bridge.tangoe-events.v1')).toBe(false);
    expect(can('User:bridge-notifier', 'read', 'bridge.client-events.v1')).toBe(false);
  });

  it('gives each consumer group its retry and dead-letter topics, and its groups by prefix (the dead-letter reader included)', () => {
    expect(can('User:bridge-gateway', 'write', 'bridge.client-events.v1.retry.bridge.tangoe-gateway')).toBe(true);
    expect(can('User:bridge-gateway', 'read', 'bridge.tangoe-pushes.v1.dlt.bridge.tangoe-gateway-pushes')).toBe(true);
    expect(can('User:bridge-notifier', 'read', 'bridge.tangoe-events.v1.retry.bridge.outbound-notifier-audit')).toBe(true);
    expect(grants.find((grant) => grant.resource === 'group' && grant.name === 'bridge.outbound-notifier-audit')).toMatchObject({ pattern: 'prefixed', operations: ['read', 'describe'] });
    expect(can('User:bridge-notifier', 'read', 'bridge.tangoe-gateway.dead-letter-reader.x')).toBe(false);
  });

  it("prints each grant as Kafka's own kafka-acls.sh command", () => {
    expect(kafkaAclsCommands(busGrants('bridge'))[0]).toBe(
      'kafka-acls.sh --bootstrap-server $BOOTSTRAP --command-config $ADMIN_PROPERTIES --add --allow-principal User:bridge-ingress --operation Write --operation Describe --operation Create --topic bridge.client-events.v1 --resource-pattern-type literal',
    );
  });

  it('refuses a namespace that is no topic name', () => {
    expect(() => busGrants('bridge events')).toThrow(/may only contain/);
  });
});
