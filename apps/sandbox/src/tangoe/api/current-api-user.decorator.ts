import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { Request } from 'express';
import type { ApiUser } from '../store/api-user';

export type AuthenticatedRequest = Request & { apiUser?: ApiUser };

/** The API user the middleware authenticated; routes under `/1/` are never reached without one. */
export const CurrentApiUser = createParamDecorator((_data: unknown, context: ExecutionContext): ApiUser => {
  const user = context.switchToHttp().getRequest<AuthenticatedRequest>().apiUser;
  if (!user) throw new Error('no authenticated API user: is TangoeApiMiddleware applied to this route?');
  return user;
});
