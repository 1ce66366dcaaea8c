import { parseArgs } from 'node:util';
import { ClientsConfigError } from '@bridge/clients-config';
import { ITSM_NAMES } from '@bridge/itsm-adapters';
import { SettingsError } from '@bridge/settings';
import { CliError } from './cli-error';
import { readCliSettings } from './cli-settings';
import { clientsCommand } from './clients.command';
import { configCheckCommand } from './config-check.command';
import { deliveriesCommand } from './deliveries.command';
import { demoCommand } from './demo.command';
import { kafkaAclsCommand } from './kafka-acls.command';
import { driftCommand } from './drift.command';
import { normalizeCommand } from './normalize.command';
import { onboardCommand } from './onboard.command';
import { parkedCommand } from './parked.command';
import { renderCommand } from './render.command';

const USAGE = `usage:
  bridge --help                                                              this text
  bridge normalize --itsm ITSM [--client ID] [--clients FILE] FILE           events a webhook body or an API record would become
                                                                             (ITSM: ${ITSM_NAMES.join(', ')})
  bridge render --client ID [--clients FILE] FILE                            the request the notifier would send for an event
  bridge demo [--sandbox URL]                                                a ticket both ways through a running npm start
  bridge config check [--env] FILE                                           validates a clients file as the services do at start
                                                                             and on reload; prints its sha256
  bridge parked list [--gateway URL] [--notifier URL]                        everything parked, one list: tickets' events, deliveries
                                                                             and dead letters, each with its error (ADMIN_TOKEN)
  bridge parked replay ID [--gateway URL] [--notifier URL]                   tries one parked item again at the service holding it
  bridge deliveries parked [--url NOTIFIER]                                  parked deliveries only, as the notifier lists them
  bridge deliveries replay ID [--url NOTIFIER]                               puts a parked delivery back in line (ADMIN_TOKEN)
  bridge clients pause ID [--reason TEXT] [--gateway URL] [--notifier URL]   holds everything of a client both ways (ADMIN_TOKEN)
  bridge clients resume ID [--gateway URL] [--notifier URL]                  sends what a pause held, each ticket in order
  bridge clients paused [--gateway URL] [--notifier URL]                     the paused clients, and what each holds
  bridge clients reload [--ingress URL] [--gateway URL] [--notifier URL]     each service reloads its clients file, or says why not
  bridge onboard --client ID [--since DATE] [--dry-run] [--wait SECONDS]     opens the client's open ITSM tickets at Tangoe, linking
                 [--ingress URL] [--gateway URL]                             those Tangoe already has (ADMIN_TOKEN)
  bridge drift --client ID [--since DATE] [--ingress URL] [--gateway URL]    tickets whose ITSM and Tangoe disagree, each with its
                                                                             reason and repair (since: 30 days back by default)
  bridge drift repair --client ID --ticket KEY [--since DATE]                checks that ticket again and makes its repair
                      [--ingress URL] [--gateway URL] [--notifier URL]       (the notifier for a resume; ADMIN_TOKEN)
  bridge kafka-acls [--namespace NS] [--notifier-group G]... [--apply]      the services' least-privilege ACLs on the bus, as
                    [--ingress-principal P] [--gateway-principal P]          kafka-acls.sh commands, or created with --apply as
                    [--notifier-principal P]                                 the KAFKA_* settings' principal`;

/** The `bridge` command for integration engineers and operators. Resolves to the exit code. */
export async function runCli(argv: string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
  const [command, ...rest] = argv;
  try {
    const settings = readCliSettings();
    switch (command) {
      case '--help':
      case '-h':
      case 'help':
        out(USAGE);
        return 0;
      case 'normalize': {
        const { values, positionals } = parseArgs({
          args: rest,
          options: { itsm: { type: 'string' }, client: { type: 'string' }, clients: { type: 'string' } },
          allowPositionals: true,
        });
        if (!values.itsm || positionals.length !== 1) throw new CliError(`normalize needs --itsm and one FILE\n${USAGE}`);
        out(normalizeCommand({ itsm: values.itsm, file: positionals[0], clientId: values.client, clientsFile: values.clients ?? settings.CLIENTS_FILE, env: settings.environment }));
        return 0;
      }
      case 'render': {
        const { values, positionals } = parseArgs({ args: rest, options: { client: { type: 'string' }, clients: { type: 'string' } }, allowPositionals: true });
        if (!values.client || positionals.length !== 1) throw new CliError(`render needs --client and one FILE\n${USAGE}`);
        out(renderCommand({ clientId: values.client, clientsFile: values.clients ?? settings.CLIENTS_FILE, env: settings.environment, file: positionals[0] }));
        return 0;
      }
      case 'demo': {
        const { values } = parseArgs({ args: rest, options: { sandbox: { type: 'string' } } });
        await demoCommand(
          {
            sandboxUrl: values.sandbox ?? `http://127.0.0.1:${settings.SANDBOX_PORT}`,
            // The demo plays the client's caller in the sandbox ITSM (not the bridge's own user, whose writes are echoes).
            servicenow: { user: 'ann.smith', password: settings.DEMO_CALLER_PASSWORD },
            adminToken: settings.SANDBOX_ADMIN_TOKEN,
          },
          out,
        );
        return 0;
      }
      case 'config': {
        const { values, positionals } = parseArgs({ args: rest, options: { env: { type: 'boolean' } }, allowPositionals: true });
        if (positionals[0] !== 'check' || positionals.length !== 2) throw new CliError(`config check needs one FILE\n${USAGE}`);
        out(configCheckCommand(positionals[1], { checkEnv: values.env === true }, settings.environment));
        return 0;
      }
      case 'deliveries': {
        const { values, positionals } = parseArgs({ args: rest, options: { url: { type: 'string' } }, allowPositionals: true });
        out(await deliveriesCommand(positionals[0] ?? '', { url: values.url, id: positionals[1] }, settings));
        return 0;
      }
      case 'parked': {
        const { values, positionals } = parseArgs({ args: rest, options: { gateway: { type: 'string' }, notifier: { type: 'string' } }, allowPositionals: true });
        out(await parkedCommand(positionals[0] ?? '', { id: positionals[1], gateway: values.gateway, notifier: values.notifier }, settings));
        return 0;
      }
      case 'clients': {
        const { values, positionals } = parseArgs({
          args: rest,
          options: { reason: { type: 'string' }, ingress: { type: 'string' }, gateway: { type: 'string' }, notifier: { type: 'string' } },
          allowPositionals: true,
        });
        out(await clientsCommand(positionals[0] ?? '', { id: positionals[1], reason: values.reason, ingress: values.ingress, gateway: values.gateway, notifier: values.notifier }, settings));
        return 0;
      }
      case 'onboard': {
        const { values } = parseArgs({
          args: rest,
          options: { client: { type: 'string' }, since: { type: 'string' }, 'dry-run': { type: 'boolean' }, wait: { type: 'string' }, ingress: { type: 'string' }, gateway: { type: 'string' } },
        });
        const waitSeconds = Number(values.wait ?? 600);
        if (!Number.isFinite(waitSeconds) || waitSeconds < 0) throw new CliError(`--wait ${values.wait} is no number of seconds`);
        out(await onboardCommand({ clientId: values.client, since: values.since, dryRun: values['dry-run'] === true, waitSeconds, ingress: values.ingress, gateway: values.gateway }, settings));
        return 0;
      }
      case 'drift': {
        const { values, positionals } = parseArgs({
          args: rest,
          options: { client: { type: 'string' }, ticket: { type: 'string' }, since: { type: 'string' }, ingress: { type: 'string' }, gateway: { type: 'string' }, notifier: { type: 'string' } },
          allowPositionals: true,
        });
        out(await driftCommand({ action: positionals[0], clientId: values.client, ticket: values.ticket, since: values.since, ingress: values.ingress, gateway: values.gateway, notifier: values.notifier }, settings));
        return 0;
      }
      case 'kafka-acls': {
        const { values } = parseArgs({
          args: rest,
          options: {
            namespace: { type: 'string' },
            'notifier-group': { type: 'string', multiple: true },
            apply: { type: 'boolean' },
            'ingress-principal': { type: 'string' },
            'gateway-principal': { type: 'string' },
            'notifier-principal': { type: 'string' },
          },
        });
        const principals = { ingress: values['ingress-principal'], gateway: values['gateway-principal'], notifier: values['notifier-principal'] };
        const given = Object.fromEntries(Object.entries(principals).filter(([, principal]) => principal !== undefined)) as Record<string, string>;
        out(await kafkaAclsCommand({ namespace: values.namespace, principals: given, notifierGroups: values['notifier-group'] ?? [], apply: values.apply === true }, settings.environment));
        return 0;
      }
      default:
        throw new CliError(command ? `unknown command "${command}"\n${USAGE}` : USAGE);
    }
  } catch (error) {
    if (error instanceof CliError || error instanceof SettingsError || (error instanceof ClientsConfigError && error.code === 'invalid_clients_file') || (error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      err((error as Error).message);
      return 2;
    }
    throw error;
  }
}
