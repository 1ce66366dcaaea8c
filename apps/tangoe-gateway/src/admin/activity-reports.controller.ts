import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { AdminTokenGuard } from '@bridge/platform';
import { ReportFilesRepository } from '../reports/report-files.repository';

/** The activity reports read from clients' SFTP folders, with the rows that could not be used and why. */
@Controller('admin/activity-reports')
@UseGuards(AdminTokenGuard)
export class ActivityReportsController {
  constructor(private readonly reportFiles: ReportFilesRepository) {}

  @Get()
  list(@Query('client') clientId?: string) {
    return this.reportFiles.latest(clientId);
  }
}
