import type { Response } from 'express';

/** A list answers one page as a bare array; where it sits in the whole goes in the headers, as Tangoe's API does. */
export function setPageHeaders(response: Response, page: { total: number; totalPages: number; page: number; perPage: number }): void {
  response.setHeader('X-Total-Count', String(page.total));
  response.setHeader('X-Total-Pages', String(page.totalPages));
  response.setHeader('X-Page', String(page.page));
  response.setHeader('X-Per-Page', String(page.perPage));
}
