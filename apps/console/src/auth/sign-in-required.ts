/** No valid session (or no valid CSRF token): the filter sends a GET to the sign-in page and refuses the rest. */
export class SignInRequired extends Error {
  constructor(
    /** Where to come back after signing in (a GET's own path). */
    readonly next?: string,
    message = 'sign in to the console first',
  ) {
    super(message);
  }
}
