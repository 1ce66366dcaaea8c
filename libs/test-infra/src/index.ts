export * from './wait-for';
export * from './unique-name';
export * from './infrastructure';
export * from './commit-under-test';
