export * from './delivery-policy';
export * from './jira-delivery';
export * from './zendesk-delivery';
export * from './webhook-sender';
export * from './raw-placeholders';
