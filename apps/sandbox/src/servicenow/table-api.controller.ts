import { Body, Controller, Get, Headers, HttpException, HttpStatus, Inject, Param, Patch, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { setTimeout as sleep } from 'node:timers/promises';
import { SERVICENOW_SANDBOX, ServiceNowSandbox } from './servicenow-sandbox';
import { ServiceNowInstance, TABLES, Table, basicUser } from './servicenow-instance';

/** ServiceNow's Table API (`/api/now/table/{table}`), one instance per path prefix, Basic auth. */
@Controller('servicenow/:instance/api/now/table/:table')
export class TableApiController {
  constructor(@Inject(SERVICENOW_SANDBOX) private readonly sandbox: ServiceNowSandbox) {}

  @Post()
  async insert(
    @Param('instance') name: string,
    @Param('table') table: string,
    @Headers('authorization') auth: string,
    @Headers('webhook-id') webhookId: string | undefined,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { instance, user } = await this.enter(name, table, auth, 'POST', body, response);
    const record = instance.insert(table as Table, body ?? {}, user);
    this.log(instance, 'POST', table, record.sys_id, user, 201, body, webhookId);
    response.status(201);
    return { result: record };
  }

  @Patch(':sysId')
  async update(
    @Param('instance') name: string,
    @Param('table') table: string,
    @Param('sysId') sysId: string,
    @Headers('authorization') auth: string,
    @Headers('webhook-id') webhookId: string | undefined,
    @Headers('traceparent') traceparent: string | undefined,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { instance, user } = await this.enter(name, table, auth, 'PATCH', body, response);
    const record = instance.update(table as Table, sysId, body ?? {}, user);
    if (!record) {
      this.log(instance, 'PATCH', table, sysId, user, 404, body);
      throw new HttpException({ error: { message: 'No Record found', detail: `Record ${sysId} doesn't exist` }, status: 'failure' }, HttpStatus.NOT_FOUND);
    }
    this.log(instance, 'PATCH', table, sysId, user, 200, body, webhookId, traceparent);
    return { result: record };
  }

  @Get()
  async list(@Param('instance') name: string, @Param('table') table: string, @Headers('authorization') auth: string, @Query('sysparm_query') query: string | undefined, @Query('sysparm_limit') limit: string | undefined, @Res({ passthrough: true }) response: Response) {
    if (table === 'sys_journal_field') return this.journalEntries(name, auth, query, limit, response);
    const { instance, user } = await this.enter(name, table, auth, 'GET', undefined, response);
    // One `field=value` condition, as the bridge sends (number, or correlation_id for a mirrored activity).
    const match = /^(\w+)=(.+)$/.exec(query ?? '');
    const records = [...instance.records.values()].filter((r) => r.sys_class_name === table && (!match || r[match[1]] === match[2]));
    this.log(instance, 'GET', table, undefined, user, 200);
    return { result: records };
  }

  private async journalEntries(name: string, auth: string | undefined, query: string | undefined, limit: string | undefined, response: Response) {
    const { instance, user } = await this.enter(name, 'incident', auth, 'GET', undefined, response);
    this.log(instance, 'GET', 'sys_journal_field', undefined, user, 200);
    // `field=value` conditions joined by `^`, as the bridge sends them (element_id, and any of the entry's fields),
    // and `ORDERBYDESCsys_created_on`: entries are kept in the order they were written.
    const parts = (query ?? '').split('^');
    const newestFirst = parts.includes('ORDERBYDESCsys_created_on');
    const conditions: Record<string, string> = Object.fromEntries(parts.filter((part) => !part.startsWith('ORDERBY')).map((part) => part.split(/=(.*)/s).slice(0, 2)));
    const matching = instance.journalOf(conditions.element_id ?? '').filter((entry) =>
      Object.entries(conditions).every(([field, value]) => field === 'element_id' || String((entry as unknown as Record<string, unknown>)[field]) === value),
    );
    const ordered = newestFirst ? [...matching].reverse() : matching;
    const limited = limit === undefined ? ordered : ordered.slice(0, Number(limit));
    return { result: limited.map((entry) => ({ ...entry, element_id: conditions.element_id })) };
  }

  private async enter(name: string, table: string, auth: string | undefined, method: string, body: Record<string, unknown> | undefined, response: Response) {
    const instance = this.sandbox.byName.get(name);
    if (!instance) throw new HttpException({ error: { message: `no instance ${name}` }, status: 'failure' }, HttpStatus.NOT_FOUND);
    instance.onCall?.(method, table);
    if (instance.latencyMs > 0) await sleep(instance.latencyMs);
    const user = basicUser(auth, instance);
    if (!user) {
      this.log(instance, method, table, undefined, undefined, 401, body);
      throw new HttpException({ error: { message: 'User Not Authenticated', detail: 'Required to provide Auth information' }, status: 'failure' }, HttpStatus.UNAUTHORIZED);
    }
    if (!(TABLES as readonly string[]).includes(table)) throw new HttpException({ error: { message: `Invalid table ${table}` }, status: 'failure' }, HttpStatus.BAD_REQUEST);
    if (instance.failures && instance.failures.remaining > 0) {
      instance.failures.remaining -= 1;
      this.log(instance, method, table, undefined, user, instance.failures.status, body);
      if (instance.failures.status === 429 || instance.failures.status === 503) response.setHeader('Retry-After', '1');
      throw new HttpException({ error: { message: 'sandbox failure on demand' }, status: 'failure' }, instance.failures.status);
    }
    return { instance, user };
  }

  private log(instance: ServiceNowInstance, method: string, table: string, sysId: string | undefined, user: string | undefined, status: number, body?: Record<string, unknown>, webhookId?: string, traceparent?: string) {
    instance.calls.push({ at: Date.now(), method, table, sysId, user, status, body, webhookId, traceparent });
  }
}
