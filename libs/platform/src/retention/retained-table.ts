/**
 * A table the service only appends to, whose rows matter for a while and then not: what the retention job trims.
 * `keep` says which setting holds the rows' age in days: the once-only records (`dedupe`) must outlive every
 * sender's retries and replay window by far; the attempt logs (`log`) only serve a look back.
 */
export interface RetainedTable {
  table: string;
  /** The row's time, a column or an expression over its columns: rows older than the setting's days are deleted. */
  timeColumn: string;
  keep: 'dedupe' | 'log';
  /** Which rows may go at all, as SQL over the table's columns (finished work only, say); every old row when unset. */
  where?: string;
}
