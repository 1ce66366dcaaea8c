import { BridgeError } from '@bridge/errors';

export interface ConfigProblem {
  file: string;
  /** The client's id, or its position when it has no valid id. */
  client?: string;
  field: string;
  message: string;
}

/** A clients file the bridge refuses, or a secret it names that the environment does not hold. */
export type ClientsConfigErrorCode = 'invalid_clients_file' | 'secret_missing';

/** Never retriable: the file or the environment must change first. Names variables, never a secret's value. */
export class ClientsConfigError extends BridgeError<ClientsConfigErrorCode> {
  private constructor(
    code: ClientsConfigErrorCode,
    message: string,
    /** Each problem of the file, naming file, client and field; none for a missing secret. */
    readonly problems: readonly ConfigProblem[],
  ) {
    super(code, message, { retriable: false });
  }

  static invalidFile(problems: readonly ConfigProblem[]): ClientsConfigError {
    const lines = problems.map((p) => `  ${p.file}${p.client ? `: client "${p.client}"` : ''}: ${p.field ? `${p.field} ` : ''}${p.message}`);
    return new ClientsConfigError('invalid_clients_file', `invalid clients file:\n${lines.join('\n')}`, problems);
  }

  static missingSecret(clientId: string, field: string, envName: string): ClientsConfigError {
    return new ClientsConfigError('secret_missing', `client "${clientId}": ${field} refers to environment variable ${envName}, which is not set`, []);
  }
}
