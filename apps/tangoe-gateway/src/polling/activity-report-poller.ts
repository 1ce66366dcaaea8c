import { Inject, Injectable } from '@nestjs/common';
import type { TopicNames } from '@bridge/contracts';
import type { ClientConfig } from '@bridge/clients-config';
import { ClientDirectory } from '@bridge/clients-config';
import { MessageBus, publishEvents } from '@bridge/messaging';
import type { Queryable } from '@bridge/persistence';
import { BUS, CLIENTS, LOGGER, TOPICS } from '@bridge/platform';
import { parseActivityReport } from '@bridge/tangoe-client';
import type { Logger } from 'pino';
import { openSftpReportFolder } from '../reports/sftp-report-folder';
import { StreamPoller } from './stream-poller';

/**
 * Seed 001 option 2: the scheduled activity reports a client's Tangoe portal drops on SFTP. Each new (or
 * rewritten) file is read once: its rows become the same events a poll or a push gives the same changes, its bad
 * rows are kept with their lines for operators, and the file is recorded in the transaction that claimed the
 * client's turn, after the events are published. A crash in between reads the file again, with the same ids.
 */
@Injectable()
export class ActivityReportPoller implements StreamPoller {
  readonly stream = 'activity_reports';

  constructor(
    @Inject(BUS) private readonly bus: MessageBus,
    @Inject(TOPICS) private readonly topics: TopicNames,
    @Inject(CLIENTS) private readonly clients: ClientDirectory,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  polls(client: ClientConfig): boolean {
    return client.activities?.report !== undefined;
  }

  initialCursor(): null {
    return null;
  }

  intervalMs(client: ClientConfig): number | undefined {
    return client.activities?.report?.intervalMs;
  }

  /** The cursor is the newest file time seen, for operators; which files were read is in `report_files`. */
  async poll(tx: Queryable, clientId: string, cursor: string | null): Promise<string | null> {
    const folder = await openSftpReportFolder(this.clients.get(clientId)!);
    let newest = cursor;
    try {
      const files = (await folder.list()).sort((a, b) => a.modifiedAt - b.modifiedAt || a.name.localeCompare(b.name));
      const { rows } = await tx.query<{ file_name: string; size: string; modified_at: Date | string }>('select file_name, size, modified_at from report_files where client_id = $1', [clientId]);
      // A timestamptz comes back as a Date: its time, not Date.parse of its string form (which drops the milliseconds).
      const read = new Map(rows.map((row) => [row.file_name, `${row.size}:${new Date(row.modified_at).getTime()}`]));
      for (const file of files) {
        if (read.get(file.name) === `${file.size}:${file.modifiedAt}`) continue;
        const { events, problems } = parseActivityReport(await folder.read(file.name), clientId, 'bridge/tangoe-gateway/report');
        if (events.length > 0) await publishEvents(this.bus, this.topics, events);
        await tx.query(
          `insert into report_files (client_id, file_name, size, modified_at, rows_used, problems) values ($1, $2, $3, $4, $5, $6)
           on conflict (client_id, file_name) do update set size = excluded.size, modified_at = excluded.modified_at, rows_used = excluded.rows_used, problems = excluded.problems, read_at = now()`,
          [clientId, file.name, file.size, new Date(file.modifiedAt).toISOString(), events.length, JSON.stringify(problems)],
        );
        for (const problem of problems) this.logger.warn({ clientId, file: file.name, line: problem.line, problem: problem.message }, 'activity report row not used');
        this.logger.info({ clientId, file: file.name, rows: events.length, problems: problems.length }, 'activity report read');
        const at = new Date(file.modifiedAt).toISOString();
        if (!newest || at > newest) newest = at;
      }
    } finally {
      await folder.close().catch(() => undefined);
    }
    return newest;
  }
}
