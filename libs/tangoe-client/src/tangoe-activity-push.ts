import { Type, plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, ValidateNested } from 'class-validator';
import { ACTIVITY_STATE_VALUES } from '@bridge/contracts';
import type { TangoeActivity } from './tangoe-activities';
import { unsafeShape, validationProblems } from './tangoe-push';

/** Seed 001 option 3: what Tangoe's workflow pushes on each of an activity's four states (docs/adr/0009). */
export const TANGOE_ACTIVITY_PUSH_EVENT = 'activity.state_changed';

/** The fields the bridge needs to place the change; the rest of the activity is read as `GET /1/activities` answers it. */
class PushedActivity {
  @IsInt() id!: number;
  @IsIn(ACTIVITY_STATE_VALUES) state!: string;
  @IsISO8601() updated_at!: string;
  @IsOptional() @IsInt() activity_type_id?: number;
  @IsOptional() @IsString() ticket_number?: string;
}

export class TangoeActivityPush {
  @IsIn([TANGOE_ACTIVITY_PUSH_EVENT]) event!: string;
  @IsISO8601() occurred_at!: string;
  @IsObject() @ValidateNested() @Type(() => PushedActivity) activity!: PushedActivity;
}

/** Validates an activity push; the problems name the fields, for a 422. The activity comes back whole. */
export function parseTangoeActivityPush(payload: unknown): { activity?: TangoeActivity; problems: string[] } {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return { problems: ['(body) must be a JSON object'] };
  const unsafe = unsafeShape(payload);
  if (unsafe.length > 0) return { problems: unsafe };
  const problems = validationProblems(plainToInstance(TangoeActivityPush, payload));
  if (problems.length > 0) return { problems };
  return { activity: (payload as { activity: TangoeActivity }).activity, problems };
}
