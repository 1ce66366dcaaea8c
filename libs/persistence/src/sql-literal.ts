import { escapeLiteral } from 'pg';

/**
 * A value written into SQL as a string literal, for the statements a transaction sends with its BEGIN (which go as
 * one simple query, where no parameters can be bound). node-postgres's own escaping: quotes doubled, and a value
 * holding a backslash written as E'…' with it doubled, which every PostgreSQL reads back as the value itself.
 */
export function sqlLiteral(value: string): string {
  return escapeLiteral(value);
}
