import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import type { Database } from '@bridge/persistence';
import { AdminTokenGuard, DATABASE } from '@bridge/platform';

/** The activity reports read from clients' SFTP folders, with the rows that could not be used and why. */
@Controller('admin/activity-reports')
@UseGuards(AdminTokenGuard)
export class ActivityReportsController {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  @Get()
  async list(@Query('client') clientId?: string) {
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
