import { TANGOE_DEVICE_TYPES, TANGOE_REQUEST_TYPES, requestTypeCode } from '@bridge/contracts';
import { FieldErrors, addError } from './support-request';

/** A create payload that passed seed 000's rules. */
export interface ValidSupportRequest {
  text: string;
  requestorName: string;
  requestorNumber: string;
  /** The snake_case code the seed's response shows, e.g. `application_support_on_device`. */
  requestType: string;
  externalSourceId: string;
  deviceType: string | null;
  vip: boolean;
}

const REQUIRED = ['text', 'requestor_name', 'requestor_number', 'request_type', 'external_source_id'] as const;

/**
 * Seed 000's payload rules, as apps/sandbox/README.md ("Creating") restates them: five required attributes, `request_type` from the Request Type List, `device_type` from
 * the Device Type List ("Smart Phone" too, which the seed's own example uses), `vip` a boolean or "true"/"false".
 * Every problem is reported at once, named by its field.
 */
export function validateSupportRequest(input: unknown): { value?: ValidSupportRequest; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    addError(errors, 'support_request', 'is required');
    return { errors };
  }
  const fields = input as Record<string, unknown>;
  const text: Record<string, string> = {};
  for (const name of REQUIRED) {
    const value = fields[name];
    // Rails takes a number for a string column (a phone number sent as 1234567890), so does the sandbox.
    const asText = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
    if (value !== undefined && value !== null && asText === undefined) addError(errors, name, 'is invalid');
    else if (asText === undefined || asText.trim() === '') addError(errors, name, "can't be blank");
    text[name] = asText ?? '';
  }
  if (text.request_type.trim() && !(TANGOE_REQUEST_TYPES as readonly string[]).includes(text.request_type)) addError(errors, 'request_type', 'is not included in the list');

  const device = fields.device_type;
  const deviceType = device === undefined || device === null || device === '' ? null : device;
  if (deviceType !== null && !(TANGOE_DEVICE_TYPES as readonly unknown[]).includes(deviceType)) addError(errors, 'device_type', 'is not included in the list');

  const vip = fields.vip;
  if (vip !== undefined && vip !== null && vip !== true && vip !== false && vip !== 'true' && vip !== 'false') addError(errors, 'vip', 'is not included in the list');

  if (Object.keys(errors).length > 0) return { errors };
  return {
    errors,
    value: {
      text: text.text,
      requestorName: text.requestor_name,
      requestorNumber: text.requestor_number,
      requestType: requestTypeCode(text.request_type),
      externalSourceId: text.external_source_id,
      deviceType: deviceType as string | null,
      vip: vip === true || vip === 'true',
    },
  };
}
