import { lineTextSchema, paragraphTextSchema } from './text.js';

const line = lineTextSchema(200);
const paragraph = paragraphTextSchema(2000);
const messages = (schema: typeof line, value: unknown) =>
  schema.safeParse(value).error?.issues.map((issue) => issue.message) ?? [];

test('ordinary names and paragraphs pass, trimmed', () => {
  expect(line.parse('  上海某某商贸有限公司 (Shanghai) ')).toBe('上海某某商贸有限公司 (Shanghai)');
  expect(paragraph.parse('第一行\n第二行\t(续)\r\n')).toBe('第一行\n第二行\t(续)');
});

test.each([
  ['NUL', '\u0000'],
  ['a C0 control', '\u001b'],
  ['DEL', '\u007f'],
  ['a C1 control (NEL)', '\u0085'],
  ['left-to-right embedding', '\u202a'],
  ['right-to-left override', '\u202e'],
  ['left-to-right isolate', '\u2066'],
  ['pop directional isolate', '\u2069'],
  ['the replacement character left by a failed decode', '\ufffd'],
])('%s is refused in both kinds of text, naming the character', (_what, char) => {
  const codePoint = `U+${(char.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`;
  for (const schema of [line, paragraph]) {
    const [message] = messages(schema, `上海${char}公司`);
    expect(message).toContain(codePoint);
    expect(message).toContain('at 2');
  }
});

test('line breaks and tabs are refused in one-line text only', () => {
  for (const char of ['\n', '\r', '\t']) {
    expect(line.safeParse(`a${char}b`).success).toBe(false);
    expect(paragraph.safeParse(`a${char}b`).success).toBe(true);
  }
});

test('an unpaired surrogate is refused: it has no UTF-8 form to store', () => {
  expect(messages(line, 'a\ud800b')).toEqual(['must not contain unpaired surrogates']);
  expect(line.safeParse('a😀b').success).toBe(true);
});

test('empty after trimming, too long, not a string', () => {
  expect(messages(line, '   ')).toEqual(['must not be empty']);
  expect(line.safeParse('x'.repeat(201)).success).toBe(false);
  expect(line.safeParse(42).success).toBe(false);
});
