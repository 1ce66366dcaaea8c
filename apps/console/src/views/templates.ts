import { CLIENT } from './templates/client';
import { CLIENTS } from './templates/clients';
import { CONFIRM } from './templates/confirm';
import { DRIFT } from './templates/drift';
import { LAYOUT } from './templates/layout';
import { LOGIN } from './templates/login';
import { MESSAGE } from './templates/message';
import { ONBOARDING } from './templates/onboarding';
import { RESULT } from './templates/result';
import { TICKET } from './templates/ticket';
import { TICKETS } from './templates/tickets';
import { WAITING } from './templates/waiting';

/** The console's Liquid templates by file name: in the bundle itself, so the image needs no template files. */
export const CONSOLE_TEMPLATES = {
  'layout.liquid': LAYOUT,
  'login.liquid': LOGIN,
  'clients.liquid': CLIENTS,
  'client.liquid': CLIENT,
  'tickets.liquid': TICKETS,
  'ticket.liquid': TICKET,
  'waiting.liquid': WAITING,
  'confirm.liquid': CONFIRM,
  'result.liquid': RESULT,
  'onboarding.liquid': ONBOARDING,
  'drift.liquid': DRIFT,
  'message.liquid': MESSAGE,
};

/** A page the console renders: a template's name without its extension. */
export type ConsolePage = Exclude<keyof typeof CONSOLE_TEMPLATES, 'layout.liquid'> extends `${infer Name}.liquid` ? Name : never;
