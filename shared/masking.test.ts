import fc from 'fast-check';
import { maskIdNumber, maskName } from './masking.js';

describe('maskName', () => {
  test.each([
    // Han names: first and last kept.
    ['张三明', '张*明'],
    ['欧阳娜娜', '欧**娜'],
    ['张三', '张*'],
    ['张', '*'],
    ['阿卜杜·热合曼', '阿*****曼'],
    // Surrounding whitespace, including the ideographic space U+3000 that Chinese input methods produce.
    ['  张三明\n', '张*明'],
    ['\u3000张三明\u3000', '张*明'],
    // Inner spaces in a Han name must not turn it into single-character "words" that stay unmasked.
    ['张 三', '张*'],
    ['欧阳 娜娜', '欧**娜'],
    // Astral code points count as one character each (𠮷 is U+20BB7, a surrogate pair in UTF-16).
    ['𠮷野家', '𠮷*家'],
    ['𠮷', '*'],
    ['张𠮷', '张*'],
    ['王😀明', '王*明'],
    ['😀😀', '😀*'],
    // Latin names: each word keeps its initial.
    ['Li Wei', 'L* W**'],
    ['  Li   Wei  ', 'L* W**'],
    ['Wei', 'W**'],
    ['J Smith', 'J S****'],
    ['Ólafur Arnalds', 'Ó***** A******'],
    ['Иван Петров', 'И*** П*****'],
    ['Zoë 😀x', 'Z** 😀*'],
    ['张Wei', '张***'],
    // Empty after trimming.
    ['', ''],
    ['   ', ''],
  ])('%j → %j', (input, expected) => {
    expect(maskName(input)).toBe(expected);
  });

  test('keeps the code-point length of a Han name and reveals at most two characters', () => {
    const hanChar = fc.integer({ min: 0x4e00, max: 0x9fff }).map((cp) => String.fromCodePoint(cp));
    fc.assert(
      fc.property(fc.array(hanChar, { minLength: 1, maxLength: 8 }), (chars) => {
        const masked = Array.from(maskName(chars.join('')));
        expect(masked).toHaveLength(chars.length);
        expect(masked.filter((char) => char !== '*').length).toBeLessThanOrEqual(Math.min(2, chars.length - 1));
      }),
    );
  });
});

describe('maskIdNumber', () => {
  // Test numbers are assembled here (area, birth date, sequence) so no ID-shaped literal is committed.
  const testId = (check: string) => ['310101', '1990', '0101', '123', check].join('');
  test.each([
    [testId('4'), '310***********1234'],
    [testId('X'), '310***********123X'],
    // 15-digit first-generation identity card numbers.
    ['310101900101123', '310********1123'],
    [` ${testId('4')} `, '310***********1234'],
    ['12345678', '123*5678'],
    ['1234567', '*******'],
    ['123', '***'],
    ['', ''],
    // Code points, not UTF-16 units: the emoji is one masked character.
    ['123😀😀5678', '123**5678'],
    ['😀23456789', '😀23**6789'],
  ])('%j → %j', (input, expected) => {
    expect(maskIdNumber(input)).toBe(expected);
  });

  test('never reveals more than 7 characters and keeps the length', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 30 }), (raw) => {
        const id = raw.trim();
        const masked = maskIdNumber(id);
        expect(masked).toHaveLength(id.length);
        if (id.length >= 8) {
          expect(masked.slice(3, -4)).toBe('*'.repeat(id.length - 7));
          expect(masked.slice(0, 3) + masked.slice(-4)).toBe(id.slice(0, 3) + id.slice(-4));
        } else {
          expect(masked).toBe('*'.repeat(id.length));
        }
      }),
    );
  });
});
