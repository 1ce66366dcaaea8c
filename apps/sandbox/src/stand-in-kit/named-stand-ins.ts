import type { HttpException } from '@nestjs/common';
import type { Response } from 'express';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AnsweredCall, ItsmStandIn } from './itsm-stand-in';
import { CallRequest, Entry, VendorGate, refuse } from './stand-in-gate';

/**
 * The stand-ins the sandbox plays for one ITSM, by name, one per client company: ServiceNow instances, Jira
 * sites, Zendesk and Freshservice accounts, BMC Helix servers. Each ITSM's sandbox is one of these, and the way into
 * its stand-ins' API: `enter` takes a call as the vendor's edge does, in the vendor's own words (`VendorGate`).
 */
export class NamedStandIns<Options extends { name: string }, S extends ItsmStandIn<Call>, Caller, Call extends AnsweredCall> {
  /** By name: the ITSM's API controller answers a request for an unknown name with 404. */
  readonly byName = new Map<string, S>();

  constructor(
    /** What one stand-in is called in errors, e.g. "ServiceNow instance". */
    private readonly noun: string,
    private readonly create: (options: Options) => S,
    private readonly vendor: VendorGate<S, Caller, Call>,
  ) {}

  add(options: Options): S {
    const standIn = this.create(options);
    this.byName.set(options.name, standIn);
    return standIn;
  }

  /** The stand-in of that name, for tests that set it up or read what it recorded; none is a test's mistake. */
  get(name: string): S {
    const standIn = this.byName.get(name);
    if (!standIn) throw new Error(`no sandbox ${this.noun} "${name}"`);
    return standIn;
  }

  /** The stand-in a call's path names, or the vendor's 404. */
  find(name: string): S {
    const standIn = this.byName.get(name);
    if (!standIn) throw this.vendor.noSuchStandIn(name);
    return standIn;
  }

  /**
   * Lets a call in, in the order a vendor's edge takes it: the stand-in the path names, the fault hooks (`onCall`,
   * `latencyMs`), the credentials (a refusal is recorded, 401), the vendor's own refusal of what the call names, the
   * call recorded, then a failure on demand (recorded with its status).
   */
  async enter(name: string, request: CallRequest): Promise<Entry<S, Caller, Call>> {
    const standIn = this.find(name);
    standIn.onCall?.(request.method, request.resource);
    if (standIn.latencyMs > 0) await sleep(standIn.latencyMs);
    const caller = this.vendor.authenticate(standIn, request.authorization);
    if (caller === undefined) {
      standIn.calls.push(this.vendor.record(request, undefined, 401));
      throw this.vendor.unauthenticated();
    }
    const unrecorded = this.vendor.refuseUnrecorded?.(request);
    if (unrecorded) throw unrecorded;
    const call = this.vendor.record(request, caller, 200);
    standIn.calls.push(call);
    const failure = standIn.takeFailure(request.method);
    if (failure !== undefined) throw refuse(call, this.vendor.failure(failure, request.response));
    const padding = standIn.takeOversizedAnswer();
    if (padding !== undefined && request.response) padAnswer(request.response, padding);
    return { standIn, caller, call };
  }

  /** `enter`, and the record the call names (`find`), or the vendor's answer to an unknown one, recorded so. */
  async enterRecord<R>(name: string, request: CallRequest, find: (standIn: S) => R | undefined, notFound: () => HttpException): Promise<Entry<S, Caller, Call> & { record: R }> {
    const entry = await this.enter(name, request);
    const record = find(entry.standIn);
    if (record === undefined) throw refuse(entry.call, notFound());
    return { ...entry, record };
  }
}

/** Whatever the call is answered with gets `bytes` of trailing whitespace: JSON still, and that much larger. */
function padAnswer(response: Response, bytes: number): void {
  const send = response.send.bind(response);
  response.send = ((body?: unknown) => send(typeof body === 'string' ? `${body}${' '.repeat(bytes)}` : body)) as Response['send'];
}
