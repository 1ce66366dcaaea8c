import fc from 'fast-check';
import { PastedBody } from './pasted-body';
import { BMC_HELIX_WEBHOOK_BODY } from './bmc-helix/bmc-helix-defaults';
import { FRESHSERVICE_WEBHOOK_BODY } from './freshservice/freshservice-defaults';
import { ZENDESK_TRIGGER_BODY } from './zendesk/zendesk-defaults';

const MUSTACHE = /\{\{[^{}]*\}\}/g;
const AR_FIELD = /\$[^$"\n]+\$/g;

/** What a value might hold: quotes, backslashes, line breaks, tabs, non-ASCII, JSON and placeholder syntax. */
const NASTY = 'He said "stop" \\ C:\\temp\\new\nline two\r\n\ttabbed — Grüße 📱 {"event":"x"} }} $Status$';

/** The body as the vendor sends it, each placeholder filled by `value`, either raw (nothing escaped) or JSON-escaped. */
function render(template: string, placeholder: RegExp, value: (name: string) => string, escape: boolean): string {
  return template.replace(placeholder, (name) => (escape ? JSON.stringify(value(name)).slice(1, -1) : value(name)));
}

describe('PastedBody', () => {
  it.each([
    ['Zendesk trigger', ZENDESK_TRIGGER_BODY, MUSTACHE, 'ticket.updated'],
    ['Freshservice workflow', FRESHSERVICE_WEBHOOK_BODY, MUSTACHE, 'ticket.updated'],
    ['BMC Helix AR workflow', BMC_HELIX_WEBHOOK_BODY, AR_FIELD, 'incident.updated'],
  ])('reads the documented %s body with quotes, backslashes, line breaks and non-ASCII in every field, escaped by the vendor or not', (_, template, placeholder, event) => {
    const pasted = new PastedBody(template, placeholder, [event]);
    const value = (name: string) => `${name} ${NASTY}`;
    const raw = render(template, placeholder, value, false);
    expect(() => JSON.parse(raw)).toThrow();
    const escaped = render(template, placeholder, value, true);
    const expected = JSON.parse(escaped);
    expect(pasted.read(raw)).toEqual(expected);
    expect(pasted.read(escaped)).toEqual(expected);
    // Every placeholder's text arrives whole, and the event the admin wrote in place of the default is read too.
    const other = raw.replace(`"${event}"`, '"comment.added"');
    expect((pasted.read(other) as { event: string }).event).toBe('comment.added');
  });

  it('cannot be made to inject a field: a subject written to close its string and add one is refused, or stays the subject', () => {
    const pasted = new PastedBody(ZENDESK_TRIGGER_BODY, MUSTACHE, ['ticket.updated']);
    const values = (title: string) => (name: string) => (name === '{{ticket.title}}' ? title : name === '{{ticket.id}}' ? '42' : name === '{{ticket.status}}' ? 'Open' : '');
    // Repeating a documented key ("status") makes the body ambiguous: refused.
    expect(() => pasted.read(render(ZENDESK_TRIGGER_BODY, MUSTACHE, values('x", "status": "closed", "id": "1'), false))).toThrow(/repeats the documented body's own words/);
    // A key of its own ("x-forged") reads as an admin's own layout, valid JSON, for the JSON reader: no documented
    // field changes (the subject is cut short, the forged key means nothing to the mapping).
    const forgedBody = render(ZENDESK_TRIGGER_BODY, MUSTACHE, values('x", "x-forged": "closed'), false);
    expect(pasted.read(forgedBody)).toBeUndefined();
    expect(JSON.parse(forgedBody)).toMatchObject({ ticket: { id: '42', subject: 'x', status: 'Open' } });
  });

  it("refuses, rather than misreads, a value that repeats the body's own words to shift the fields after it", () => {
    const pasted = new PastedBody(ZENDESK_TRIGGER_BODY, MUSTACHE, ['ticket.updated']);
    // Found by a second reader: the next literal copied into the subject moved every later field by one.
    const shifting = 'Help", "description": "x", "status": "solved", "priority": "p';
    const values: Record<string, string> = { '{{ticket.title}}': shifting, '{{ticket.id}}': '42', '{{ticket.status}}': 'Open', '{{ticket.group.name}}': 'Mobility' };
    const body = render(ZENDESK_TRIGGER_BODY, MUSTACHE, (name) => values[name] ?? '', false);
    expect(() => pasted.read(body)).toThrow(/repeats the documented body's own words/);
    const helix = new PastedBody(BMC_HELIX_WEBHOOK_BODY, AR_FIELD, ['incident.updated']);
    const helixBody = render(BMC_HELIX_WEBHOOK_BODY, AR_FIELD, (name) => (name === '$Description$' ? 'x", "Detailed Decription": "", "Status": "Closed' : 'v'), false);
    expect(() => helix.read(helixBody)).toThrow(/repeats the documented body's own words/);
  });

  it('leaves a body of another layout to the JSON reader, and reads white space reformatted by a paste', () => {
    const pasted = new PastedBody(ZENDESK_TRIGGER_BODY, MUSTACHE, ['ticket.updated']);
    expect(pasted.read('{"ticket": {"id": "1"}}')).toBeUndefined();
    const filled = render(ZENDESK_TRIGGER_BODY, MUSTACHE, () => 'v', false);
    expect(pasted.read(filled.replace(/\n\s*/g, ' '))).toEqual(JSON.parse(filled));
  });

  it('takes any text in every placeholder back whole (property)', () => {
    const pasted = new PastedBody(FRESHSERVICE_WEBHOOK_BODY, MUSTACHE, ['ticket.updated']);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.boolean(), (text, escape) => {
        const body = render(FRESHSERVICE_WEBHOOK_BODY, MUSTACHE, () => text, escape);
        let read: { ticket: { subject: string } } | undefined;
        try {
          read = pasted.read(body) as typeof read;
        } catch {
          // Refused as ambiguous: only a raw value that repeats the body's own words can be.
          return !escape && text.includes('"');
        }
        if (read === undefined) return text.includes('"');
        return read.ticket.subject === text || (!escape && decodesAsJson(text));
      }),
    );
  });
});

/** A raw value that is itself valid JSON string content (`C:\temp`) reads as its JSON meaning: the one case a reader cannot tell. */
function decodesAsJson(text: string): boolean {
  try {
    JSON.parse(`"${text}"`);
    return true;
  } catch {
    return false;
  }
}

describe('PastedBody and an admin layout of its own', () => {
  it("leaves to the JSON reader a valid body with the admin's own fields between the documented ones", () => {
    const pasted = new PastedBody(ZENDESK_TRIGGER_BODY, MUSTACHE, ['ticket.updated']);
    const filled = render(ZENDESK_TRIGGER_BODY, MUSTACHE, () => 'v', true).replace('"priority": "v",', '"priority": "v", "brand": "Acme",');
    expect(pasted.read(filled)).toBeUndefined();
    expect(JSON.parse(filled).ticket.brand).toBe('Acme');
  });
});
