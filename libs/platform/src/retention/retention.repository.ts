import type { Database } from '@bridge/persistence';
import type { RetainedTable } from './retained-table';

/** The retention job's one statement: a batch of a table's rows past their age, deleted. */
export class RetentionRepository {
  constructor(private readonly database: Database) {}

  /**
   * Deletes up to `batchSize` rows of `table` older than `days` (and matching its `where`), skipping rows another
   * replica is deleting; resolves to how many went. Table, column and condition come from the service's code, never
   * from input.
   */
  async deleteBatch({ table, timeColumn, where }: RetainedTable, days: number, batchSize: number): Promise<number> {
    const { rowCount } = await this.database.query(
      `delete from ${table} where ctid = any(array(select ctid from ${table} where ${timeColumn} < now() - $1 * interval '1 day'${where ? ` and (${where})` : ''} limit $2 for update skip locked))`,
      [days, batchSize],
    );
    return rowCount;
  }
}
