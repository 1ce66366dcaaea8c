import { OPERATOR_CONSOLE_HTML } from './operator-console.page';

describe('the operator console page', () => {
  it('carries a script that parses (the browser test drives what it does)', () => {
    const script = OPERATOR_CONSOLE_HTML.split('<script>')[1]?.split('</script>')[0];
    expect(script).toContain('loadParked');
    expect(script).toContain('loadEndpoints');
    expect(script).toContain('loadDrift');
    expect(script).toContain('loadPaused');
    expect(() => new Function(script!)).not.toThrow();
  });

  it('writes what it shows as text, never as markup', () => {
    expect(OPERATOR_CONSOLE_HTML).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });
});
