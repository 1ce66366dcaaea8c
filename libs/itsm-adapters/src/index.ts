import 'reflect-metadata';

export * from './itsm-adapter';
export * from './adapter-registry';
export * from './support-request-mapper';
export * from './webhook-body';
export type { ItsmDialect, InboundReading } from './dialect';
export { ServiceNowAdapter } from './servicenow/servicenow.adapter';
export { SERVICENOW_CLIENT_STATES } from './servicenow/servicenow-defaults';
export * from './outbound/outbound-update';
export * from './outbound/outbound-adapter';
export * from './outbound/render-update';
export * from './outbound/activity-target';
export * from './outbound/plan-updates';
export { UndecidedCheck } from './outbound/record-lookup';
export { GenericWebhookOutbound } from './webhook/generic-webhook-outbound';
