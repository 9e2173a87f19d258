/*
 * Masks for personal data shown in publicity lists and logs. Lengths are counted in Unicode code
 * points so that an astral character (rare Han such as 𠮷, emoji) becomes one '*', not two, and a
 * surrogate pair is never split in half.
 */

const asciiLetter = /[A-Za-z]/;
const whitespace = /\s/;
const han = /\p{Script=Han}/u;

function stars(count: number): string {
  return '*'.repeat(count);
}

function maskWord(word: string): string {
  const [first = '', ...rest] = Array.from(word);
  return first + stars(rest.length);
}

/**
 * 张三明 → 张*明, 张三 → 张*, 张 → *; Latin names keep each word's initial: Li Wei → L* W**.
 * A Han name with stray inner spaces is masked as one name: word by word, '张 三' would come out
 * unmasked because every word is a single character.
 */
export function maskName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') return '';
  if (asciiLetter.test(trimmed) || (whitespace.test(trimmed) && !han.test(trimmed))) {
    return trimmed.split(/\s+/).map(maskWord).join(' ');
  }
  const chars = Array.from(trimmed.replace(/\s+/g, ''));
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${stars(chars.length - 2)}${chars[chars.length - 1]}`;
}

/**
 * Keeps the first 3 and last 4 characters (an 18-character number becomes 310***********1234). Below 8
 * characters nothing would stay hidden that way, so everything is masked.
 */
export function maskIdNumber(id: string): string {
  const chars = Array.from(id.trim());
  if (chars.length < 8) return stars(chars.length);
  return chars.slice(0, 3).join('') + stars(chars.length - 7) + chars.slice(-4).join('');
}
