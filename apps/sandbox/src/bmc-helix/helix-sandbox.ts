import { HelixServer, HelixServerOptions } from './helix-server';

export const HELIX_SANDBOX = Symbol('HelixSandbox');

/** The BMC Helix servers the sandbox plays, by name (one per client company). */
export class HelixSandbox {
  readonly servers = new Map<string, HelixServer>();

  add(options: HelixServerOptions): HelixServer {
    const server = new HelixServer(options);
    this.servers.set(options.name, server);
    return server;
  }

  server(name: string): HelixServer {
    const server = this.servers.get(name);
    if (!server) throw new Error(`no sandbox BMC Helix server "${name}"`);
    return server;
  }
}
