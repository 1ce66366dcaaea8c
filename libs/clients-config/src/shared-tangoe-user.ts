import type { ClientConfig } from './client-config';
import type { ConfigProblem } from './clients-config.error';

/**
 * Tangoe answers an API user with everything that user sees: `GET /1/activities` returns the orders of every
 * company behind it, and the gateway gives each activity to the client whose user read it. Two clients behind one
 * user would each receive the other's orders, so a file where two clients name the same user, token or OAuth
 * subject on the same Tangoe is refused; each client needs an API user of its own.
 */
export function sharedTangoeUserProblems(clients: readonly ClientConfig[], file: string): ConfigProblem[] {
  const owners = new Map<string, string>();
  const problems: ConfigProblem[] = [];
  for (const client of clients) {
    if (typeof client?.id !== 'string' || typeof client.tangoe?.baseUrl !== 'string') continue;
    for (const [field, identity] of identitiesOf(client)) {
      const key = `${origin(client.tangoe.baseUrl)} ${field} ${identity}`;
      const owner = owners.get(key);
      if (owner === undefined) owners.set(key, client.id);
      else if (owner !== client.id) {
        problems.push({ file, client: client.id, field: `tangoe.${field}`, message: `is also client "${owner}"'s on this Tangoe: clients sharing an API user would receive each other's activities; give each its own` });
      }
    }
  }
  return problems;
}

/** What names the API user a client acts as: the user, and the credential (by the variable naming it, never a value). */
function identitiesOf(client: ClientConfig): Array<[string, string]> {
  const { apiUser, auth } = client.tangoe;
  const out: Array<[string, string]> = [];
  if (typeof apiUser === 'string') out.push(['apiUser', apiUser]);
  if (auth?.type === 'api-token' && auth.token?.env) out.push(['auth.token', auth.token.env]);
  if (auth?.type === 'oauth' && auth.clientId && auth.subject) out.push(['auth.subject', `${auth.clientId}/${auth.subject}`]);
  return out;
}

function origin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
