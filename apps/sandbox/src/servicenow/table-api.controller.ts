import { Body, Controller, Get, Headers, HttpStatus, Inject, Param, Patch, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CallRequest, refuse } from '../stand-in-kit';
import { JOURNAL_TABLE, SERVICENOW_SANDBOX, ServiceNowSandbox, tableApiError } from './servicenow-sandbox';
import { parseEncodedQuery } from './encoded-query';
import type { Table } from './servicenow-instance';

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
    const { standIn: instance, caller: user, call } = await this.sandbox.enter(name, request('POST', table, auth, response, body));
    const record = instance.insert(table as Table, body ?? {}, user);
    Object.assign(call, { sysId: record.sys_id, status: 201, webhookId });
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
    const { standIn: instance, caller: user, call } = await this.sandbox.enter(name, request('PATCH', table, auth, response, body));
    call.sysId = sysId;
    const record = instance.update(table as Table, sysId, body ?? {}, user);
    if (!record) throw refuse(call, tableApiError(HttpStatus.NOT_FOUND, 'No Record found', `Record ${sysId} doesn't exist`));
    Object.assign(call, { webhookId, traceparent });
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
    const { standIn: instance } = await this.sandbox.enter(name, request('GET', table, auth, response));
    const rows: Array<Record<string, unknown>> =
      table === JOURNAL_TABLE
        ? [...instance.records.values()].flatMap((record) => instance.journalOf(record.sys_id).map((entry) => ({ ...entry, element_id: record.sys_id, name: record.sys_class_name })))
        : [...instance.records.values()].filter((record) => record.sys_class_name === table);
    // The encoded query as ServiceNow reads it; entries of one record are kept in the order they were written.
    const encoded = parseEncodedQuery(query);
    const matching = encoded.sort(rows.filter((row) => encoded.matches(row)));
    const from = Number(offset ?? 0);
    return { result: limit === undefined ? matching.slice(from) : matching.slice(from, from + Number(limit)) };
  }
}

function request(method: string, table: string, authorization: string | undefined, response: Response, body?: Record<string, unknown>): CallRequest {
  return { method, resource: table, authorization, response, body };
}
