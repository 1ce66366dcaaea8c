import { TEMPLATE_LIMITS, TemplateError, TemplateRenderer } from './template-renderer';

function errorOf(run: () => unknown): TemplateError | undefined {
  try {
    run();
  } catch (caught) {
    return caught as TemplateError;
  }
  return undefined;
}

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
    const error = errorOf(() => renderer.render('{{ x | no_such_filter }}', { x: 1 }));
    expect(error?.retriable).toBe(false);
    expect(error?.message).toMatch(/no_such_filter/);
  });

  describe('sandbox', () => {
    it.each([
      "{% include 'package.json' %}",
      '{% include package.json %}',
      "{% render 'package.json' %}",
      "{% layout 'package.json' %}",
      '{% include interaction.text %}',
    ])('reads no file: %s is refused when checked and when rendered', (source) => {
      expect(errorOf(() => renderer.check(source))?.message).toMatch(/is not allowed: templates read no file/);
      const error = errorOf(() => renderer.render(source, { interaction: { text: 'package.json' } }));
      expect(error).toBeInstanceOf(TemplateError);
      expect(error?.retriable).toBe(false);
    });

    it('stops a runaway loop at the render limit, as a non-retriable error, without taking long', () => {
      const started = Date.now();
      const error = errorOf(() => renderer.render('{% for i in (1..3000000) %}x{% endfor %}', {}));
      expect(error).toBeInstanceOf(TemplateError);
      expect(error?.retriable).toBe(false);
      expect(error?.message).toBe(`template took longer than its ${TEMPLATE_LIMITS.renderMilliseconds} ms render limit`);
      expect(Date.now() - started).toBeLessThan(TEMPLATE_LIMITS.renderMilliseconds * 8);
    });

    it('stops a loop driven by the data, which no check can see, when it renders', () => {
      const source = '{% for i in (1..interaction.text) %}x{% endfor %}';
      expect(() => renderer.check(source)).not.toThrow();
      expect(errorOf(() => renderer.render(source, { interaction: { text: '3000000' } }))?.message).toMatch(/render limit/);
    });

    it('stops a string that doubles itself at the memory limit', () => {
      const source = "{% assign s = 'xxxxxxxxxx' %}{% for i in (1..30) %}{% assign s = s | append: s %}{% endfor %}{{ s.size }}";
      expect(errorOf(() => renderer.render(source, {}))?.message).toMatch(/memory limit/);
    });

    it('refuses a template longer than the parse limit', () => {
      expect(errorOf(() => renderer.check('x'.repeat(TEMPLATE_LIMITS.parseCharacters + 1)))?.message).toMatch(/longer than/);
    });

    it('refuses, when checked, a template that runs away with no data at all', () => {
      expect(errorOf(() => renderer.check('{% for i in (1..3000000) %}x{% endfor %}'))?.message).toMatch(/render limit even with no data/);
    });

    it('checks a legitimate template that needs data to render without refusing it', () => {
      expect(() => renderer.check('{"work_notes": "{{ interaction.text | upcase }}"}')).not.toThrow();
    });
  });
});
