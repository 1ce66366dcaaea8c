import { HttpException, HttpStatus } from '@nestjs/common';
import { NamedStandIns, VendorGate } from '../stand-in-kit';
import { AR_ERRORS, arError } from './ar-error';
import { HelixCall, HelixServer, HelixServerOptions, HelixUser } from './helix-server';

export const HELIX_SANDBOX = Symbol('HelixSandbox');

/** How the AR System REST API takes a call: an `AR-JWT` token from the login, refusals as AR status entries. */
const AR_REST: VendorGate<HelixServer, HelixUser, HelixCall> = {
  authenticate: (server, authorization) => server.userOf(authorization),
  record: ({ method, resource, body }, user, status) => ({ method, path: resource, user: user?.loginId, status, body }),
  noSuchStandIn: (name) => new HttpException({ message: `no BMC Helix server "${name}"` }, HttpStatus.NOT_FOUND),
  unauthenticated: () => arError(HttpStatus.UNAUTHORIZED, AR_ERRORS.authenticationFailed, 'the AR-JWT token is missing, unknown or expired'),
  failure: (status) => new HttpException([{ messageType: 'ERROR', messageText: 'sandbox failure on demand' }], status),
};

/** The BMC Helix servers the sandbox plays, by name (one per client company). */
export class HelixSandbox extends NamedStandIns<HelixServerOptions, HelixServer, HelixUser, HelixCall> {
  constructor() {
    super('BMC Helix server', (options) => new HelixServer(options), AR_REST);
  }
}
