/** A problem with the user's input: one line on stderr, exit code 2. */
export class CliError extends Error {
  readonly exitCode = 2;
}
