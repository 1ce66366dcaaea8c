import { HttpException, HttpStatus } from '@nestjs/common';

/** AR System's error numbers the stand-in answers with. */
export const AR_ERRORS = {
  authenticationFailed: { number: 623, text: 'Authentication failed' },
  formMissing: { number: 303, text: 'Form does not exist on server' },
  fieldMissing: { number: 314, text: 'Field does not exist on current form' },
  requiredBlank: { number: 326, text: 'Required field cannot be blank.' },
  badValue: { number: 1291, text: 'Value does not match the selection list' },
  badQualification: { number: 1587, text: 'Invalid qualification' },
  noSuchEntry: { number: 302, text: 'Entry does not exist in database' },
} as const;

/** An AR System REST error: a list of status entries, `ERROR (326): Required field cannot be blank.; 1000000163`. */
export function arError(status: HttpStatus, error: { number: number; text: string }, appended?: string): HttpException {
  return new HttpException([{ messageType: 'ERROR', messageNumber: error.number, messageText: error.text, ...(appended ? { messageAppendedText: appended } : {}) }], status);
}
