import { BusPrincipals, DEFAULT_BUS_PRINCIPALS, KafkaSettings, applyBusGrants, busGrants, busSecurityOf, kafkaAclsCommands } from '@bridge/messaging';
import { DEFAULT_TOPIC_NAMESPACE, SERVICE_GROUPS } from '@bridge/contracts';
import { loadSettings, type Environment } from '@bridge/settings';
import { CliError } from './cli-error';

export interface KafkaAclsOptions {
  namespace?: string;
  principals: Partial<BusPrincipals>;
  notifierGroups: string[];
  apply: boolean;
}

/**
 * The least-privilege ACLs of the three services (docs/security.md#the-bus): printed as `kafka-acls.sh` commands, or
 * created on the broker with `--apply` as the principal of the KAFKA_* settings (one allowed to alter ACLs).
 */
export async function kafkaAclsCommand(options: KafkaAclsOptions, env: Environment): Promise<string> {
  const principals = { ...DEFAULT_BUS_PRINCIPALS, ...options.principals };
  for (const [service, principal] of Object.entries(principals)) {
    if (!/^User:\S+$/.test(principal)) throw new CliError(`--${service}-principal ${principal} is not a Kafka principal (User:NAME)`);
  }
  const notifierGroups = options.notifierGroups.length > 0 ? options.notifierGroups : [SERVICE_GROUPS.notifier];
  let grants;
  try {
    grants = busGrants(options.namespace ?? DEFAULT_TOPIC_NAMESPACE, principals, notifierGroups);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  if (!options.apply) return kafkaAclsCommands(grants).join('\n');
  const settings = loadSettings(KafkaSettings, env, 'Kafka settings');
  if (!settings.KAFKA_BROKERS) throw new CliError('kafka-acls --apply needs KAFKA_BROKERS (and the KAFKA_* settings of a principal allowed to alter ACLs)');
  const created = await applyBusGrants({ brokers: settings.KAFKA_BROKERS.split(','), security: busSecurityOf(settings) }, grants);
  return `${created} ACLs in place for ${Object.values(principals).join(', ')} (namespace ${options.namespace ?? DEFAULT_TOPIC_NAMESPACE})`;
}
