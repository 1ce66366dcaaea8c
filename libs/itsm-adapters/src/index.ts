import 'reflect-metadata';

export * from './itsm-adapter';
export * from './itsm-adapter.error';
export * from './adapter-registry';
export * from './support-request-mapper';
export * from './webhook-body';
export type { ItsmDialect, InboundReading } from './dialect';
export { ServiceNowAdapter } from './servicenow/servicenow.adapter';
// The bodies the docs give ITSM admins to paste: the sandbox's stand-ins post them as their vendors fill them.
export { ZENDESK_TRIGGER_BODY } from './zendesk/zendesk-defaults';
export { FRESHSERVICE_STATUS_NAMES, FRESHSERVICE_WEBHOOK_BODY } from './freshservice/freshservice-defaults';
export { BMC_HELIX_WEBHOOK_BODY } from './bmc-helix/bmc-helix-defaults';
export { SERVICENOW_CLIENT_STATES } from './servicenow/servicenow-defaults';
export * from './outbound/outbound-update';
export * from './outbound/outbound-adapter';
export type { DeliveredBefore, EarlierAttempt } from './outbound/earlier-attempt';
export * from './outbound/render-update';
export * from './outbound/activity-target';
export * from './outbound/plan-updates';
export { UndecidedCheck } from './outbound/record-lookup';
export { InvalidRecordId, checkedUpdate } from './outbound/record-ids';
export { GenericWebhookOutbound } from './webhook/generic-webhook-outbound';
export { ItsmHttp } from './http/itsm-http';
export * from './reconcile/record-reader';
export { ArJwtSessions } from './bmc-helix/ar-jwt-sessions';
