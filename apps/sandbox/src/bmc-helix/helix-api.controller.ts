import { parseQualification } from './ar-qualification';
import { Body, Controller, Get, Header, Headers, HttpCode, HttpException, HttpStatus, Inject, Param, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
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
    const server = this.serverNamed(name);
    const token = server.login(String(body?.username ?? ''), String(body?.password ?? ''));
    // The password is never recorded, only who tried.
    server.calls.push({ method: 'POST', path: '/jwt/login', user: body?.username, status: token ? 200 : 401 });
    if (!token) throw arError(HttpStatus.UNAUTHORIZED, AR_ERRORS.authenticationFailed);
    return token;
  }

  @Get('arsys/v1/entry/:form')
  find(
    @Param('server') name: string,
    @Param('form') form: string,
    @Headers('authorization') auth: string | undefined,
    @Query('q') q?: string,
    @Query('fields') fields?: string,
    @Query('sort') sort?: string,
    @Query('limit') limit?: string,
  ) {
    const { server } = this.enter(name, form, auth, 'GET', `/${form}`, undefined, q);
    const qualification = parseQualification(q ?? '');
    if (!qualification) throw this.refuse(server, HttpStatus.BAD_REQUEST, AR_ERRORS.badQualification, q);
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
  create(@Param('server') name: string, @Param('form') form: string, @Headers('authorization') auth: string | undefined, @Body() body: { values?: Record<string, unknown> }, @Res({ passthrough: true }) response: Response, @Query('fields') fields?: string) {
    const { server, user } = this.enter(name, form, auth, 'POST', `/${form}`, body);
    const values = body?.values ?? {};
    if (form === 'HPD:IncidentInterface') throw this.refuse(server, HttpStatus.BAD_REQUEST, AR_ERRORS.formMissing, 'incidents are created through HPD:IncidentInterface_Create');
    const result = form === 'HPD:WorkLog' ? server.addWorkLog(values, user) : this.createIncident(server, values, user);
    if (result.unknown.length > 0) throw this.refuse(server, HttpStatus.BAD_REQUEST, AR_ERRORS.fieldMissing, result.unknown.join(', '));
    if (result.blank.length > 0) throw this.refuse(server, HttpStatus.BAD_REQUEST, AR_ERRORS.requiredBlank, result.blank.join(', '));
    const record = result.record!;
    response.status(HttpStatus.CREATED).setHeader('location', `/api/arsys/v1/entry/${form}/${record['Request ID'] ?? record['Work Log ID']}`);
    server.calls.at(-1)!.status = HttpStatus.CREATED;
    const wanted = /^values\((.*)\)$/.exec(fields ?? '')?.[1]?.split(',').map((f) => f.trim());
    return wanted ? { values: Object.fromEntries(wanted.map((f) => [f, record[f] ?? null])) } : '';
  }

  @Put('arsys/v1/entry/:form/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  update(@Param('server') name: string, @Param('form') form: string, @Param('id') id: string, @Headers('authorization') auth: string | undefined, @Body() body: { values?: Record<string, unknown> }): void {
    const { server, user } = this.enter(name, form, auth, 'PUT', `/${form}/${id}`, body);
    const incident = form === 'HPD:IncidentInterface' ? server.incidents.get(id) : undefined;
    if (!incident) throw this.refuse(server, HttpStatus.NOT_FOUND, AR_ERRORS.noSuchEntry, id);
    const refused = server.updateIncident(incident, body?.values ?? {}, user);
    if (refused.unknown.length > 0) throw this.refuse(server, HttpStatus.BAD_REQUEST, AR_ERRORS.fieldMissing, refused.unknown.join(', '));
    if (refused.invalid.length > 0) throw this.refuse(server, HttpStatus.BAD_REQUEST, AR_ERRORS.badValue, refused.invalid.join(', '));
    server.calls.at(-1)!.status = HttpStatus.NO_CONTENT;
  }

  private createIncident(server: HelixServer, values: Record<string, unknown>, user: HelixUser): Written {
    return values.z1D_Action === 'CREATE' ? server.createIncident(values, user) : { unknown: [], blank: ['z1D_Action'] };
  }

  private enter(name: string, form: string, auth: string | undefined, method: string, path: string, body?: unknown, q?: string): { server: HelixServer; user: HelixUser } {
    const server = this.serverNamed(name);
    const user = server.userOf(auth);
    server.calls.push({ method, path: q ? `${path}?q=${q}` : path, user: user?.loginId, status: user ? 200 : 401, body });
    if (!user) throw arError(HttpStatus.UNAUTHORIZED, AR_ERRORS.authenticationFailed, 'the AR-JWT token is missing, unknown or expired');
    if (!FORMS.includes(form)) throw this.refuse(server, HttpStatus.NOT_FOUND, AR_ERRORS.formMissing, form);
    return { server, user };
  }

  private refuse(server: HelixServer, status: HttpStatus, error: { number: number; text: string }, appended?: string): HttpException {
    server.calls.at(-1)!.status = status;
    return arError(status, error, appended);
  }

  private serverNamed(name: string): HelixServer {
    const server = this.sandbox.byName.get(name);
    if (!server) throw new HttpException({ message: `no BMC Helix server "${name}"` }, HttpStatus.NOT_FOUND);
    return server;
  }
}
