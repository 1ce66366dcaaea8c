import { NamedStandIns } from '../named-stand-ins';
import { HelixServer, HelixServerOptions } from './helix-server';

export const HELIX_SANDBOX = Symbol('HelixSandbox');

/** The BMC Helix servers the sandbox plays, by name (one per client company). */
export class HelixSandbox extends NamedStandIns<HelixServerOptions, HelixServer> {
  constructor() {
    super('BMC Helix server', (options) => new HelixServer(options));
  }
}
