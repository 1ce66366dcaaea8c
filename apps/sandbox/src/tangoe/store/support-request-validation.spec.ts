import { TANGOE_DEVICE_TYPES, TANGOE_REQUEST_TYPES } from '@bridge/contracts';
import { validateSupportRequest } from './support-request-validation';

const valid = { text: 'I broke my phone', requestor_name: 'Name Here', requestor_number: '1234567890', request_type: 'Portal Assistance', external_source_id: 'SN123' };

describe("validateSupportRequest (seed 000's payload rules)", () => {
  it("takes the seed's example and stores the request type as its code", () => {
    expect(validateSupportRequest({ ...valid, device_type: 'Smart Phone', vip: 'true' }).value).toEqual({
      text: 'I broke my phone',
      requestorName: 'Name Here',
      requestorNumber: '1234567890',
      requestType: 'portal_assistance',
      externalSourceId: 'SN123',
      deviceType: 'Smart Phone',
      vip: true,
    });
    expect(validateSupportRequest({ ...valid, request_type: 'Application Support (on Device)' }).value?.requestType).toBe('application_support_on_device');
  });

  it.each(['text', 'requestor_name', 'requestor_number', 'request_type', 'external_source_id'])('names %s when it is missing or blank', (field) => {
    expect(validateSupportRequest({ ...valid, [field]: undefined }).errors).toEqual({ [field]: ["can't be blank"] });
    expect(validateSupportRequest({ ...valid, [field]: '  ' }).errors).toEqual({ [field]: ["can't be blank"] });
  });

  it('names every problem at once', () => {
    expect(Object.keys(validateSupportRequest({ vip: 'maybe', device_type: 'Toaster' }).errors).sort()).toEqual([
      'device_type',
      'external_source_id',
      'request_type',
      'requestor_name',
      'requestor_number',
      'text',
      'vip',
    ]);
    expect(validateSupportRequest(undefined).errors).toEqual({ support_request: ['is required'] });
    expect(validateSupportRequest({ ...valid, text: { nested: true } }).errors).toEqual({ text: ['is invalid'] });
  });

  it('takes every label of the Request Type List and nothing else', () => {
    for (const label of TANGOE_REQUEST_TYPES) expect(validateSupportRequest({ ...valid, request_type: label }).value).toBeDefined();
    expect(validateSupportRequest({ ...valid, request_type: 'portal_assistance' }).errors).toEqual({ request_type: ['is not included in the list'] });
    expect(validateSupportRequest({ ...valid, request_type: 'portal assistance' }).errors).toEqual({ request_type: ['is not included in the list'] });
  });

  it('takes every Device Type List value, "Smart Phone" too, or none', () => {
    for (const device of TANGOE_DEVICE_TYPES) expect(validateSupportRequest({ ...valid, device_type: device }).value?.deviceType).toBe(device);
    expect(validateSupportRequest({ ...valid, device_type: '' }).value?.deviceType).toBeNull();
    expect(validateSupportRequest({ ...valid, device_type: 'Toaster' }).errors).toEqual({ device_type: ['is not included in the list'] });
  });

  it.each([
    [true, true],
    [false, false],
    ['true', true],
    ['false', false],
    [undefined, false],
  ])('reads vip %p as %p', (vip, expected) => {
    expect(validateSupportRequest({ ...valid, vip }).value?.vip).toBe(expected);
  });

  it.each(['yes', 'TRUE', 1, 0])('refuses vip %p', (vip) => {
    expect(validateSupportRequest({ ...valid, vip }).errors).toEqual({ vip: ['is not included in the list'] });
  });

  it('takes a phone number sent as a number, as Rails would', () => {
    expect(validateSupportRequest({ ...valid, requestor_number: 5551234567 }).value?.requestorNumber).toBe('5551234567');
  });
});
