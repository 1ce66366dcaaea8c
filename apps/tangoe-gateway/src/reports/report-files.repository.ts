import { Inject, Injectable } from '@nestjs/common';
import type { Database, Queryable } from '@bridge/persistence';
import { DATABASE } from '@bridge/platform';
import type { ReportProblem } from '../tangoe-changes';
import type { ReportFile } from './sftp-report-folder';

/** One activity report as it was read, for operators: how many rows were used, and why the others were not. */
export interface ReportFileRead {
  clientId: string;
  file: string;
  size: number;
  modifiedAt: string;
  rowsUsed: number;
  problems: ReportProblem[];
  readAt: string;
}

/** The activity report files read from each client's SFTP folder, each as it was (size, time) when read. */
@Injectable()
export class ReportFilesRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /** The client's files read so far, as they were then: a file listed otherwise now was rewritten since. */
  async readOf(tx: Queryable, clientId: string): Promise<ReportFile[]> {
    const { rows } = await tx.query<{ file_name: string; size: string; modified_at: Date | string }>('select file_name, size, modified_at from report_files where client_id = $1', [clientId]);
    // A timestamptz comes back as a Date: its time, not Date.parse of its string form (which drops the milliseconds).
    return rows.map((row) => ({ name: row.file_name, size: Number(row.size), modifiedAt: new Date(row.modified_at).getTime() }));
  }

  /** The file read now, as it is; a file read before (then rewritten) keeps one row, of its latest read. */
  async record(tx: Queryable, clientId: string, file: ReportFile, rowsUsed: number, problems: readonly ReportProblem[]): Promise<void> {
    await tx.query(
      `insert into report_files (client_id, file_name, size, modified_at, rows_used, problems) values ($1, $2, $3, $4, $5, $6)
       on conflict (client_id, file_name) do update set size = excluded.size, modified_at = excluded.modified_at, rows_used = excluded.rows_used, problems = excluded.problems, read_at = now()`,
      [clientId, file.name, file.size, new Date(file.modifiedAt).toISOString(), rowsUsed, JSON.stringify(problems)],
    );
  }

  /** The latest 500 reads, newest first: every client's, or one client's. */
  async latest(clientId?: string): Promise<ReportFileRead[]> {
    const { rows } = await this.database.query<{ client_id: string; file_name: string; size: string; modified_at: string; rows_used: number; problems: unknown; read_at: string }>(
      `select client_id, file_name, size, modified_at, rows_used, problems, read_at from report_files where $1::text is null or client_id = $1 order by read_at desc limit 500`,
      [clientId ?? null],
    );
    return rows.map((row) => ({
      clientId: row.client_id,
      file: row.file_name,
      size: Number(row.size),
      modifiedAt: new Date(row.modified_at).toISOString(),
      rowsUsed: row.rows_used,
      problems: typeof row.problems === 'string' ? JSON.parse(row.problems) : row.problems,
      readAt: new Date(row.read_at).toISOString(),
    }));
  }
}
