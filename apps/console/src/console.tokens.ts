/** Nest injection tokens of the console. */
export const CONSOLE_SETTINGS = Symbol('ConsoleSettings');
export const CONSOLE_LOGGER = Symbol('console logger');
