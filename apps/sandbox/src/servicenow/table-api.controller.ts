import { Body, Controller, Get, Headers, HttpException, HttpStatus, Inject, Param, Patch, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { setTimeout as sleep } from 'node:timers/promises';
import { SERVICENOW_SANDBOX, ServiceNowSandbox } from './servicenow-sandbox';
import { parseEncodedQuery } from './encoded-query';
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
  async list(
    @Param('instance') name: string,
    @Param('table') table: string,
    @Headers('authorization') auth: string,
    @Query('sysparm_query') query: string | undefined,
    @Query('sysparm_limit') limit: string | undefined,
    @Query('sysparm_offset') offset: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { instance, user } = await this.enter(name, table === 'sys_journal_field' ? 'incident' : table, auth, 'GET', undefined, response);
    this.log(instance, 'GET', table, undefined, user, 200);
    const rows: Array<Record<string, unknown>> =
      table === 'sys_journal_field'
        ? [...instance.records.values()].flatMap((record) => instance.journalOf(record.sys_id).map((entry) => ({ ...entry, element_id: record.sys_id, name: record.sys_class_name })))
        : [...instance.records.values()].filter((record) => record.sys_class_name === table);
    // The encoded query as ServiceNow reads it; entries of one record are kept in the order they were written.
    const encoded = parseEncodedQuery(query);
    const matching = encoded.sort(rows.filter((row) => encoded.matches(row)));
    const from = Number(offset ?? 0);
    return { result: limit === undefined ? matching.slice(from) : matching.slice(from, from + Number(limit)) };
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
    if (instance.failures && instance.failures.remaining > 0 && (instance.failures.method ?? method) === method) {
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
