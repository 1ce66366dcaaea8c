import { BridgeError, assertUnreachable, describeFailure } from './bridge-error';

type ExampleCode = 'busy' | 'refused';

class ExampleError extends BridgeError<ExampleCode> {
  constructor(code: ExampleCode, message: string, cause?: unknown) {
    super(code, message, { retriable: code === 'busy', cause });
  }
}

describe('BridgeError', () => {
  it('carries its code, whether a retry can help, its cause and its class name', () => {
    const cause = new Error('socket hang up');
    const error = new ExampleError('busy', 'try later', cause);
    expect(error).toBeInstanceOf(BridgeError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ code: 'busy', retriable: true, message: 'try later', name: 'ExampleError' });
    expect(error.cause).toBe(cause);
    expect('cause' in new ExampleError('refused', 'no')).toBe(false);
  });

  it('makes a switch over its codes exhaustive', () => {
    const answer = (code: ExampleCode): number => {
      switch (code) {
        case 'busy':
          return 503;
        case 'refused':
          return 409;
        default:
          return assertUnreachable(code);
      }
    };
    expect(answer('busy')).toBe(503);
    expect(() => assertUnreachable('other' as never)).toThrow('unhandled case other');
  });
});

describe('describeFailure', () => {
  it("says the bridge's errors by their message, a foreign failure by its code when it has one", () => {
    expect(describeFailure(new ExampleError('refused', 'token endpoint of client acme answered 401'))).toBe('token endpoint of client acme answered 401');
    const refused: NodeJS.ErrnoException = new Error('connect ECONNREFUSED 127.0.0.1:1');
    refused.code = 'ECONNREFUSED';
    expect(describeFailure(refused)).toBe('ECONNREFUSED');
    expect(describeFailure(new Error('socket hang up'))).toBe('socket hang up');
    expect(describeFailure('weird')).toBe('weird');
  });
});
