import { Inject, Injectable } from '@nestjs/common';
import type { ClientConfig } from '@bridge/clients-config';
import { ClientDirectory } from '@bridge/clients-config';
import type { Queryable } from '@bridge/persistence';
import { CLIENTS, LOGGER } from '@bridge/platform';
import { ObserveTangoeChangesUseCase, TangoeWaysIn, parseActivityReport } from '../tangoe-changes';
import type { Logger } from 'pino';
import { ReportFilesRepository } from '../reports/report-files.repository';
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
    @Inject(CLIENTS) private readonly clients: ClientDirectory,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly reportFiles: ReportFilesRepository,
    private readonly observe: ObserveTangoeChangesUseCase,
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
      const read = new Map((await this.reportFiles.readOf(tx, clientId)).map((file) => [file.name, `${file.size}:${file.modifiedAt}`]));
      for (const file of files) {
        if (read.get(file.name) === `${file.size}:${file.modifiedAt}`) continue;
        const { events, problems } = parseActivityReport(await folder.read(file.name), clientId, TangoeWaysIn.report);
        await this.observe.activities(tx, clientId, events);
        await this.reportFiles.record(tx, clientId, file, events.length, problems);
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
