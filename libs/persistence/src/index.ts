export * from './database.port';
export * from './persistence-error';
export * from './migrations';
export * from './schema-name';
export * from './open-database';
