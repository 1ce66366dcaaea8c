import { ParkedItem, ParkedLine, ParkedReplay, parseParkedId } from './parked-item';
import { ParkedError } from './parked.error';

/** The parked lines one service holds, as one list and one replay: the replay goes to the line its id names. */
export class ParkedLines {
  constructor(private readonly lines: readonly ParkedLine[]) {}

  /** Every line's items, oldest first by when they were parked (those that do not say, last). */
  async list(): Promise<ParkedItem[]> {
    const items = (await Promise.all(this.lines.map((line) => line.list()))).flat();
    return items.sort((a, b) => (a.parkedAt ?? '\uffff').localeCompare(b.parkedAt ?? '\uffff'));
  }

  async replay(id: string): Promise<ParkedReplay> {
    const parsed = parseParkedId(id);
    const line = parsed && this.lines.find((candidate) => candidate.line === parsed.line);
    if (!parsed || !line) throw ParkedError.notParked(id);
    return line.replay(parsed.ownId);
  }
}
