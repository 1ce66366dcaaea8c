import { Get, HttpCode, HttpStatus, Param, Post, UseGuards } from '@nestjs/common';
import { AdminTokenGuard } from '../admin-token.guard';
import type { ParkedLine } from './parked-item';
import { ParkedLines } from './parked-lines';

/**
 * `GET /admin/parked` and `POST /admin/parked/:id/replay`, the same on every service that holds parked items. A
 * service's controller extends this one, declares `@Controller('admin/parked')` with the filters its lines' errors
 * need (`ParkedErrorFilter` among them), and hands over its lines.
 */
@UseGuards(AdminTokenGuard)
export abstract class ParkedController {
  private readonly parked: ParkedLines;

  protected constructor(lines: readonly ParkedLine[]) {
    this.parked = new ParkedLines(lines);
  }

  @Get()
  list() {
    return this.parked.list();
  }

  /** Tried again at once; answered with how the item stands after it. */
  @Post(':id/replay')
  @HttpCode(HttpStatus.OK)
  replay(@Param('id') id: string) {
    return this.parked.replay(id);
  }
}
