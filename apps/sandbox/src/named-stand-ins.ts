/**
 * The stand-ins the sandbox plays for one ITSM, by name, one per client company: ServiceNow instances, Jira
 * sites, Zendesk and Freshservice accounts, BMC Helix servers. Each ITSM's sandbox is one of these.
 */
export class NamedStandIns<Options extends { name: string }, StandIn> {
  /** By name: the ITSM's API controller answers a request for an unknown name with 404. */
  readonly byName = new Map<string, StandIn>();

  constructor(
    /** What one stand-in is called in errors, e.g. "ServiceNow instance". */
    private readonly noun: string,
    private readonly create: (options: Options) => StandIn,
  ) {}

  add(options: Options): StandIn {
    const standIn = this.create(options);
    this.byName.set(options.name, standIn);
    return standIn;
  }

  /** The stand-in of that name, for tests that set it up or read what it recorded; none is a test's mistake. */
  get(name: string): StandIn {
    const standIn = this.byName.get(name);
    if (!standIn) throw new Error(`no sandbox ${this.noun} "${name}"`);
    return standIn;
  }
}
