import { TemplateError, TemplateRenderer } from './template-renderer';

describe('TemplateRenderer', () => {
  const renderer = new TemplateRenderer();

  it("renders the seed's own expressions", () => {
    const context = { support_request: { external_source_id: 'INC001', interactions: [{ text: 'first' }, { text: 'last one' }] } };
    expect(renderer.render('{{ support_request.external_source_id }}|{{ support_request.interactions.last.text }}', context)).toBe(
      'INC001|last one',
    );
  });

  it('reports a template that does not parse, and an unknown filter, as non-retriable errors', () => {
    expect(() => renderer.check('{% if %}')).toThrow(TemplateError);
    const error = (() => {
      try {
        renderer.render('{{ x | no_such_filter }}', { x: 1 });
      } catch (caught) {
        return caught as TemplateError;
      }
      return undefined;
    })();
    expect(error?.retriable).toBe(false);
    expect(error?.message).toMatch(/no_such_filter/);
  });
});
