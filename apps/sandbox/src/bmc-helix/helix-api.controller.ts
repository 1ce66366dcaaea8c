import { Body, Controller, Get, Header, Headers, HttpCode, HttpStatus, Inject, Param, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { refuse } from '../stand-in-kit';
import { parseQualification } from './ar-qualification';
import { AR_ERRORS, arError } from './ar-error';
import { HELIX_SANDBOX, HelixSandbox } from './helix-sandbox';
import { HelixServer, HelixUser, Written } from './helix-server';

const FORMS = ['HPD:IncidentInterface_Create', 'HPD:IncidentInterface', 'HPD:WorkLog'];

/**
 * The part of BMC Helix's AR System REST API the bridge uses (`/bmc-helix/{server}/api/…`): the JWT login, and the
 * entries of the incident interface forms and of `HPD:WorkLog`. Only `'Field'="value"` qualifications are answered.
 */
@Controller('bmc-helix/:server/api')
export class HelixApiController {
  constructor(@Inject(HELIX_SANDBOX) private readonly sandbox: HelixSandbox) {}

  @Post('jwt/login')
  @HttpCode(HttpStatus.OK)
  @Header('content-type', 'text/plain')
  login(@Param('server') name: string, @Body() body: { username?: string; password?: string }): string {
    const server = this.sandbox.find(name);
    const token = server.login(String(body?.username ?? ''), String(body?.password ?? ''));
    // The password is never recorded, only who tried.
    server.calls.push({ method: 'POST', path: '/jwt/login', user: body?.username, status: token ? 200 : 401 });
    if (!token) throw arError(HttpStatus.UNAUTHORIZED, AR_ERRORS.authenticationFailed);
    return token;
  }

  @Get('arsys/v1/entry/:form')
  async find(
    @Param('server') name: string,
    @Param('form') form: string,
    @Headers('authorization') auth: string | undefined,
    @Query('q') q?: string,
    @Query('fields') fields?: string,
    @Query('sort') sort?: string,
    @Query('limit') limit?: string,
  ) {
    const { standIn: server, call } = await this.enter(name, form, auth, 'GET', `/${form}`, undefined, q);
    const qualification = parseQualification(q ?? '');
    if (!qualification) throw refuse(call, arError(HttpStatus.BAD_REQUEST, AR_ERRORS.badQualification, q));
    const records = form === 'HPD:WorkLog' ? server.workLogs : [...server.incidents.values()];
    const wanted = /^values\((.*)\)$/.exec(fields ?? '')?.[1]?.split(',').map((f) => f.trim());
    // `sort=Field.asc,Other.desc`, as the AR REST API takes it; entries otherwise in the order they were made.
    const orders = (sort ?? '').split(',').filter(Boolean).map((part) => ({ field: part.replace(/\.(asc|desc)$/, ''), descending: part.endsWith('.desc') }));
    const sorted = records.filter((record) => qualification(record)).sort((a, b) => {
      for (const { field, descending } of orders) {
        const order = String(a[field] ?? '').localeCompare(String(b[field] ?? ''));
        if (order !== 0) return descending ? -order : order;
      }
      return 0;
    });
    return {
      entries: sorted.slice(0, limit === undefined ? undefined : Number(limit)).map((record) => ({
        values: wanted ? Object.fromEntries(wanted.map((f) => [f, record[f] ?? null])) : record,
        _links: { self: [{ href: `/api/arsys/v1/entry/${form}/${record['Request ID'] ?? record['Work Log ID']}` }] },
      })),
    };
  }

  @Post('arsys/v1/entry/:form')
  async create(@Param('server') name: string, @Param('form') form: string, @Headers('authorization') auth: string | undefined, @Body() body: { values?: Record<string, unknown> }, @Res({ passthrough: true }) response: Response, @Query('fields') fields?: string) {
    const { standIn: server, caller: user, call } = await this.enter(name, form, auth, 'POST', `/${form}`, body);
    const values = body?.values ?? {};
    if (form === 'HPD:IncidentInterface') throw refuse(call, arError(HttpStatus.BAD_REQUEST, AR_ERRORS.formMissing, 'incidents are created through HPD:IncidentInterface_Create'));
    const result = form === 'HPD:WorkLog' ? server.addWorkLog(values, user) : this.createIncident(server, values, user);
    if (result.unknown.length > 0) throw refuse(call, arError(HttpStatus.BAD_REQUEST, AR_ERRORS.fieldMissing, result.unknown.join(', ')));
    if (result.blank.length > 0) throw refuse(call, arError(HttpStatus.BAD_REQUEST, AR_ERRORS.requiredBlank, result.blank.join(', ')));
    const record = result.record!;
    response.status(HttpStatus.CREATED).setHeader('location', `/api/arsys/v1/entry/${form}/${record['Request ID'] ?? record['Work Log ID']}`);
    call.status = HttpStatus.CREATED;
    const wanted = /^values\((.*)\)$/.exec(fields ?? '')?.[1]?.split(',').map((f) => f.trim());
    return wanted ? { values: Object.fromEntries(wanted.map((f) => [f, record[f] ?? null])) } : '';
  }

  @Put('arsys/v1/entry/:form/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  async update(@Param('server') name: string, @Param('form') form: string, @Param('id') id: string, @Headers('authorization') auth: string | undefined, @Body() body: { values?: Record<string, unknown> }): Promise<void> {
    const { standIn: server, caller: user, call } = await this.enter(name, form, auth, 'PUT', `/${form}/${id}`, body);
    const incident = form === 'HPD:IncidentInterface' ? server.incidents.get(id) : undefined;
    if (!incident) throw refuse(call, arError(HttpStatus.NOT_FOUND, AR_ERRORS.noSuchEntry, id));
    const refused = server.updateIncident(incident, body?.values ?? {}, user);
    if (refused.unknown.length > 0) throw refuse(call, arError(HttpStatus.BAD_REQUEST, AR_ERRORS.fieldMissing, refused.unknown.join(', ')));
    if (refused.invalid.length > 0) throw refuse(call, arError(HttpStatus.BAD_REQUEST, AR_ERRORS.badValue, refused.invalid.join(', ')));
    call.status = HttpStatus.NO_CONTENT;
  }

  private createIncident(server: HelixServer, values: Record<string, unknown>, user: HelixUser): Written {
    return values.z1D_Action === 'CREATE' ? server.createIncident(values, user) : { unknown: [], blank: ['z1D_Action'] };
  }

  /** The gate, then the form: one the stand-in does not have is AR System's 303, recorded so. */
  private async enter(name: string, form: string, authorization: string | undefined, method: string, path: string, body?: unknown, q?: string) {
    const entry = await this.sandbox.enter(name, { method, resource: q ? `${path}?q=${q}` : path, authorization, body });
    if (!FORMS.includes(form)) throw refuse(entry.call, arError(HttpStatus.NOT_FOUND, AR_ERRORS.formMissing, form));
    return entry;
  }
}
