import { BridgeError } from '@bridge/errors';

/** Service settings a service refuses to start with, or a request body past its limit. */
export type PlatformErrorCode = 'invalid_settings' | 'body_too_large';

/** Never retriable: the environment, or what was sent, must change first. */
export class PlatformError extends BridgeError<PlatformErrorCode> {
  private constructor(
    code: PlatformErrorCode,
    message: string,
    /** What is wrong with the settings, one entry a setting (values of sensitive ones left out); none otherwise. */
    readonly problems: readonly string[] = [],
  ) {
    super(code, message, { retriable: false });
  }

  static invalidSettings(problems: readonly string[]): PlatformError {
    return new PlatformError('invalid_settings', `invalid service settings: ${problems.join('; ')}`, problems);
  }

  static bodyTooLarge(limitBytes: number): PlatformError {
    return new PlatformError('body_too_large', `the body is larger than ${limitBytes} bytes`);
  }
}
