import { htmlToText } from './html-text';

describe('htmlToText', () => {
  it('decodes numeric references, decimal and hex', () => {
    expect(htmlToText('<p>caf&#233; &#x2014; &#128241;</p>')).toBe('café — 📱');
  });

  it('reads a reference beyond Unicode, a surrogate or NUL as U+FFFD instead of failing the mapping', () => {
    expect(htmlToText('<p>a &#99999999; b &#xD800; c &#0; d &#99999999999999999999999;</p>')).toBe('a \uFFFD b \uFFFD c \uFFFD d \uFFFD');
  });
});
