import { redactSecrets, toPersistenceError } from './driver-error.mapper';
import { PersistenceError } from './persistence-error';

const driverError = (code: string | undefined, message: string) => Object.assign(new Error(message), code ? { code } : {});

describe('toPersistenceError', () => {
  it.each([
    ['ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432', 'unavailable'],
    ['57P01', 'terminating connection due to administrator command', 'unavailable'],
    ['53300', 'sorry, too many clients already', 'unavailable'],
    ['08006', 'connection failure', 'unavailable'],
    ['40001', 'could not serialize access', 'serialization_failure'],
    ['40P01', 'deadlock detected', 'deadlock'],
    ['55P03', 'could not obtain lock', 'timeout'],
    [undefined, 'Connection terminated unexpectedly', 'unavailable'],
    [undefined, 'timeout exceeded when trying to connect', 'unavailable'],
  ])('treats %s (%s) as retriable: %s', (code, message, expected) => {
    const error = toPersistenceError(driverError(code, message));
    expect(error).toBeInstanceOf(PersistenceError);
    expect(error).toMatchObject({ code: expected, retriable: true });
  });

  it.each([
    ['23505', 'unique_violation'],
    ['23503', 'constraint_violation'],
    ['42P01', 'query_failed'],
    ['42601', 'query_failed'],
    ['28P01', 'invalid_configuration'],
    ['3D000', 'invalid_configuration'],
  ])('treats SQLSTATE %s as %s, not retriable', (code, expected) => {
    expect(toPersistenceError(driverError(code, 'x'))).toMatchObject({ code: expected, retriable: false, sqlState: code });
  });

  it('keeps the driver error as cause and passes a PersistenceError through unchanged', () => {
    const original = driverError('23505', 'duplicate key');
    const wrapped = toPersistenceError(original);
    expect(wrapped.cause).toBe(original);
    expect(toPersistenceError(wrapped)).toBe(wrapped);
  });

  it('reports a use after close as closed', () => {
    expect(toPersistenceError(new Error('Cannot use a pool after calling end on the pool'))).toMatchObject({ code: 'closed', retriable: false });
    expect(toPersistenceError(new Error('PGlite is closed'))).toMatchObject({ code: 'closed' });
  });

  it('finds a message in an AggregateError from a dual-stack connect', () => {
    const error = Object.assign(new AggregateError([driverError('ECONNREFUSED', 'connect ECONNREFUSED ::1:5432')], ''), { code: 'ECONNREFUSED' });
    expect(toPersistenceError(error)).toMatchObject({ code: 'unavailable', retriable: true, message: 'connect ECONNREFUSED ::1:5432' });
  });

  it('never carries a password on, in the message or in the cause', () => {
    const error = toPersistenceError(driverError(undefined, 'could not connect to postgres://bridge:s3cret@db:5432/bridge'));
    expect(error.message).toBe('could not connect to postgres://bridge:[redacted]@db:5432/bridge');
    expect((error.cause as Error).message).not.toContain('s3cret');
  });
});

describe('redactSecrets', () => {
  it('redacts URL passwords and password= settings', () => {
    expect(redactSecrets('postgresql://u:p%40ss@h/db and postgres://h/db')).toBe('postgresql://u:[redacted]@h/db and postgres://h/db');
    expect(redactSecrets("host=h password=hunter2 user=u password = 'a b'")).toBe('host=h password=[redacted] user=u password = [redacted]');
  });
});
