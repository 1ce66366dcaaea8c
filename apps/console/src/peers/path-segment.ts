import { HttpException, HttpStatus } from '@nestjs/common';

/**
 * A value from a request as one segment of a service's admin path: encoded, and never `.` or `..`, which URL
 * resolution would take as "here" and "up" (encoding leaves dots alone), turning a ticket id into another route.
 */
export function pathSegment(value: string): string {
  if (value === '' || value === '.' || value === '..' || value.length > 255) {
    throw new HttpException({ error: 'invalid_request', message: `"${value.slice(0, 40)}" cannot name a client or a ticket` }, HttpStatus.BAD_REQUEST);
  }
  return encodeURIComponent(value);
}
