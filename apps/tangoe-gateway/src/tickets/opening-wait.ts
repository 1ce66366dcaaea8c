/** A change at the head of a ticket not linked yet waits for its TicketOpened, which goes first when it comes. */
export const AWAIT_OPENING_MS = 60_000;
/**
 * How long a change waits for a TicketOpened before it is parked where an operator sees it (cause `no_opening`): a
 * ticket the bridge never heard opened. Its opening arriving later puts it back in line (TicketWorkRepository).
 */
export const GIVE_UP_ON_OPENING_MS = 24 * 3_600_000;
export const NO_OPENING = 'no_opening';
