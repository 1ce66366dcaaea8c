import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, Kafka, ResourcePatternTypes, logLevel } from 'kafkajs';
import type { BusConnection, BusGrant, BusOperation } from '../bus-security';
import { MessagingError } from '../failure';
import { kafkajsSecurity } from './kafkajs-security';

const OPERATIONS: Record<BusOperation, AclOperationTypes> = {
  read: AclOperationTypes.READ,
  write: AclOperationTypes.WRITE,
  create: AclOperationTypes.CREATE,
  describe: AclOperationTypes.DESCRIBE,
};

/**
 * Creates the grants as ACLs on the broker, as a principal allowed to alter them (its super user, say). Creating an
 * ACL that exists changes nothing, so applying the same grants again is harmless. Returns how many ACLs it sent.
 */
export async function applyBusGrants(connection: BusConnection, grants: readonly BusGrant[]): Promise<number> {
  const admin = new Kafka({ clientId: 'bridge-acls', brokers: connection.brokers, ...kafkajsSecurity(connection.security), logLevel: logLevel.NOTHING }).admin();
  const acl = grants.flatMap((grant) =>
    grant.operations.map((operation) => ({
      resourceType: grant.resource === 'topic' ? AclResourceTypes.TOPIC : AclResourceTypes.GROUP,
      resourceName: grant.name,
      resourcePatternType: grant.pattern === 'literal' ? ResourcePatternTypes.LITERAL : ResourcePatternTypes.PREFIXED,
      principal: grant.principal,
      host: '*',
      operation: OPERATIONS[operation],
      permissionType: AclPermissionTypes.ALLOW,
    })),
  );
  try {
    await admin.connect();
    await admin.createAcls({ acl });
    return acl.length;
  } catch (error) {
    throw new MessagingError('acls_refused', `the ACLs could not be created: ${(error as Error).message}`, { cause: error });
  } finally {
    await admin.disconnect();
  }
}
