import 'reflect-metadata';
import { IsIn, IsISO8601, IsInt, IsObject, IsString, ValidateNested, validateSync } from 'class-validator';
import { Type, plainToInstance } from 'class-transformer';
import { payloadShapeProblems } from '@bridge/contracts';

/**
 * A webhook Tangoe pushes about a support request. The seeds name the updates (close, cancel, interaction/note,
 * reassign) but not their shape; this shape is the bridge's assumption (docs/adr/0008), kept here and in the
 * sandbox only. The ingress validates it at the door; the gateway reads it (docs/adr/0023).
 */
export const TANGOE_PUSH_EVENTS = ['support_request.state_changed', 'support_request.interaction_created', 'support_request.reassigned'] as const;

class PushedInteraction {
  @IsInt() id!: number;
  @IsString() text!: string;
  @IsString() created_at!: string;
}

class PushedSupportRequest {
  @IsInt() id!: number;
  @IsString() state!: string;
  @IsString() external_source_id!: string;
  @IsString() updated_at!: string;
  @ValidateNested({ each: true }) @Type(() => PushedInteraction) interactions!: PushedInteraction[];
}

export class TangoePush {
  @IsIn(TANGOE_PUSH_EVENTS) event!: (typeof TANGOE_PUSH_EVENTS)[number];
  @IsISO8601() occurred_at!: string;
  @IsObject() @ValidateNested() @Type(() => PushedSupportRequest) support_request!: PushedSupportRequest;
}

/** Validates a push; the problems name the fields, for a 422. */
export function parseTangoePush(payload: unknown): { push?: TangoePush; problems: string[] } {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return { problems: ['(body) must be a JSON object'] };
  const unsafe = unsafeShape(payload);
  if (unsafe.length > 0) return { problems: unsafe };
  const push = plainToInstance(TangoePush, payload);
  const problems = validationProblems(push);
  return problems.length > 0 ? { problems } : { push, problems };
}

/** class-validator's errors of a parsed push as `path: message` lines, nested fields by their dotted path. */
export function validationProblems(parsed: object): string[] {
  const problems: string[] = [];
  const walk = (errors: ReturnType<typeof validateSync>, prefix: string) => {
    for (const error of errors) {
      const at = prefix ? `${prefix}.${error.property}` : error.property;
      for (const message of Object.values(error.constraints ?? {})) problems.push(`${at}: ${message}`);
      walk(error.children ?? [], at);
    }
  };
  walk(validateSync(parsed), '');
  return problems;
}

/**
 * What no push may carry, whatever its fields mean: nesting past `MAX_PAYLOAD_DEPTH`, or keys of the object machinery
 * (`__proto__`, `constructor`). A push is handed on as Tangoe sent it, so this is checked at the door, as for the
 * ITSMs' webhooks (docs/security.md, dependencies).
 */
export function unsafeShape(payload: unknown): string[] {
  return payloadShapeProblems(payload).map(({ field, problem }) => `${field}: ${problem}`);
}
