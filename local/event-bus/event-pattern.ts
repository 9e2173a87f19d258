/**
 * Amazon EventBridge event-pattern matching for the local in-process bus.
 *
 * The local bus matches events against the SAME patterns the CDK app deploys, so the semantics follow the
 * EventBridge user guide ("Creating event patterns", "Arrays in event patterns", "Matching null values and
 * empty strings", "Comparison operators for use in event patterns") and, where the guide is silent, the
 * behaviour of aws/event-ruler, the open-source engine EventBridge matches with.
 *
 * `matchesEventPattern` expects a pattern that `validateEventPattern` accepted. Handed a malformed pattern
 * anyway, it fails closed: a piece it cannot understand never matches, and is never inverted into a match
 * by `anything-but`.
 */

import { isIPv4, isIPv6 } from 'node:net';

// ---------------------------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------------------------

export type EventPatternScalar = string | number | boolean | null;

export type NumericOperator = '=' | '<' | '<=' | '>' | '>=';

interface IgnoreCaseOperand {
  readonly 'equals-ignore-case': string;
}

type OneOrMany<T> = T | readonly T[];

export type AnythingButOperand =
  | string
  | number
  | readonly string[]
  | readonly number[]
  | { readonly prefix: OneOrMany<string> }
  | { readonly suffix: OneOrMany<string> }
  | { readonly 'equals-ignore-case': OneOrMany<string> }
  | { readonly wildcard: OneOrMany<string> };

export type EventPatternMatcher =
  | { readonly prefix: string | IgnoreCaseOperand }
  | { readonly suffix: string | IgnoreCaseOperand }
  | { readonly 'equals-ignore-case': string }
  | { readonly wildcard: string }
  | { readonly 'anything-but': AnythingButOperand }
  | {
      readonly numeric: readonly [NumericOperator, number] | readonly ['>' | '>=', number, '<' | '<=', number];
    }
  | { readonly exists: boolean }
  | { readonly cidr: string };

/** A leaf: the event value matches when it matches ANY of these. */
export type EventPatternLeaf = readonly (EventPatternScalar | EventPatternMatcher)[];

/**
 * An event pattern: fields are leaves or nested patterns; `$or` holds alternative sub-patterns.
 * The index signature admits `EventPattern[]` only so that `$or` type-checks; `validateEventPattern`
 * refuses it under any other key.
 */
export interface EventPattern {
  readonly $or?: readonly EventPattern[];
  readonly [field: string]: EventPatternLeaf | EventPattern | readonly EventPattern[] | undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------------------------------

const OR_KEY = '$or';
const OPERATORS = [
  'prefix',
  'suffix',
  'equals-ignore-case',
  'wildcard',
  'anything-but',
  'numeric',
  'exists',
  'cidr',
] as const;
type Operator = (typeof OPERATORS)[number];
const ANYTHING_BUT_NESTED = ['prefix', 'suffix', 'equals-ignore-case', 'wildcard'] as const;
const NUMERIC_OPERATORS: readonly string[] = ['=', '<', '<=', '>', '>='];
const RANGE_LOWER: readonly string[] = ['>', '>='];
const RANGE_UPPER: readonly string[] = ['<', '<='];

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): value is EventPatternScalar {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function isOperator(name: string): name is Operator {
  return (OPERATORS as readonly string[]).includes(name);
}

function hasOwn(object: JsonObject, key: string): boolean {
  return Object.hasOwn(object, key);
}

/** An own field only, so pattern keys like `constructor` or `__proto__` never reach the prototype. */
function ownField(object: JsonObject, key: string): unknown {
  return hasOwn(object, key) ? object[key] : undefined;
}

/** The single `[key, operand]` of a match expression, or undefined when it has zero or several keys. */
function soleEntry(object: JsonObject): [string, unknown] | undefined {
  const entries = Object.entries(object);
  return entries.length === 1 ? entries[0] : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------------------------------------------

export function matchesEventPattern(pattern: EventPattern, event: unknown): boolean {
  return candidateObjects(event).some((candidate) => matchesObject(pattern, candidate));
}

/** AND over the pattern's fields, at one level of the event. */
function matchesObject(pattern: unknown, event: JsonObject): boolean {
  // An empty (or non-object) pattern is refused by EventBridge; matching everything would fail open.
  if (!isObject(pattern) || Object.keys(pattern).length === 0) return false;
  return Object.entries(pattern).every(([key, expected]) => {
    if (key === OR_KEY) return matchesOr(expected, event);
    if (Array.isArray(expected)) return matchesLeaf(expected, hasOwn(event, key), ownField(event, key));
    if (isObject(expected))
      return candidateObjects(ownField(event, key)).some((child) => matchesObject(expected, child));
    return false;
  });
}

/** Docs, `$or`: the sub-patterns apply at the level where `$or` appears, and any one of them may match. */
function matchesOr(alternatives: unknown, event: JsonObject): boolean {
  return Array.isArray(alternatives) && alternatives.some((alternative) => matchesObject(alternative, event));
}

/**
 * The objects a nested pattern is matched against. An array is "crushed out" (event-ruler, JSON array matching)
 * and each object element is offered the WHOLE nested pattern, so two fields of one nested pattern must come from
 * the same element. A missing or non-object value is matched as an empty object: the pattern's paths are then all
 * absent, which `{ "exists": false }` accepts (docs: exists:false matches when the parent is missing too).
 */
function candidateObjects(value: unknown): JsonObject[] {
  const objects = flatten(value).filter(isObject);
  return objects.length > 0 ? objects : [{}];
}

/** Scalars and objects of a value, with arrays (at any depth) expanded into their elements. */
function flatten(value: unknown): unknown[] {
  return Array.isArray(value) ? value.flatMap(flatten) : [value];
}

/**
 * Docs, "Arrays in event patterns": a leaf matches if any pattern value matches the event value, and when the
 * event value is an array, if any element matches. Comparisons only work on leaf nodes, so an object contributes
 * no value at all - the same as a missing field.
 */
function matchesLeaf(leaf: readonly unknown[], present: boolean, value: unknown): boolean {
  const values = present ? flatten(value).filter(isScalar) : [];
  const hasLeafValue = values.length > 0;
  return leaf.some((element) => {
    if (!isObject(element)) return isScalar(element) && values.some((candidate) => jsonEquals(element, candidate));
    // Docs, exists: presence of a leaf value; a null is a value, a missing key, an object or [] is not.
    if (hasOwn(element, 'exists')) return Object.keys(element).length === 1 && element.exists === hasLeafValue;
    return values.some((candidate) => matchesExpression(element, candidate));
  });
}

/**
 * Docs: values follow JSON rules and strings match character by character, case-sensitively; null and "" are
 * not interchangeable. Numbers compare by value (event-ruler adds a numeric-equals matcher for number literals).
 */
function jsonEquals(expected: EventPatternScalar, actual: EventPatternScalar): boolean {
  return typeof expected === typeof actual && expected === actual;
}

function matchesExpression(expression: JsonObject, value: EventPatternScalar): boolean {
  const entry = soleEntry(expression);
  if (!entry) return false;
  const [operator, operand] = entry;
  switch (operator) {
    case 'prefix':
      return matchesAffix(operand, value, 'prefix');
    case 'suffix':
      return matchesAffix(operand, value, 'suffix');
    case 'equals-ignore-case':
      return typeof operand === 'string' && typeof value === 'string' && equalsIgnoreCase(value, operand);
    case 'wildcard':
      return typeof operand === 'string' && typeof value === 'string' && matchesWildcard(value, operand);
    case 'anything-but':
      return matchesAnythingBut(operand, value);
    case 'numeric':
      return matchesNumeric(operand, value);
    case 'cidr':
      return typeof operand === 'string' && typeof value === 'string' && matchesCidr(value, operand);
    default:
      return false;
  }
}

// --- prefix / suffix / equals-ignore-case ----------------------------------------------------------------------

/** Docs: prefix and suffix matching work on string values only; `{ "equals-ignore-case": … }` makes them caseless. */
function matchesAffix(operand: unknown, value: EventPatternScalar, kind: 'prefix' | 'suffix'): boolean {
  if (typeof value !== 'string') return false;
  if (typeof operand === 'string') return hasAffix(value, operand, kind);
  const entry = isObject(operand) ? soleEntry(operand) : undefined;
  if (entry?.[0] !== 'equals-ignore-case' || typeof entry[1] !== 'string') return false;
  return hasAffix(value.toLowerCase(), entry[1].toLowerCase(), kind);
}

function hasAffix(value: string, affix: string, kind: 'prefix' | 'suffix'): boolean {
  return kind === 'prefix' ? value.startsWith(affix) : value.endsWith(affix);
}

function equalsIgnoreCase(value: string, operand: string): boolean {
  return value.toLowerCase() === operand.toLowerCase() || value.toUpperCase() === operand.toUpperCase();
}

// --- wildcard -------------------------------------------------------------------------------------------------

/**
 * Docs, wildcard: `*` matches zero or more characters; `\*` is a literal asterisk and `\\` a literal backslash.
 * The pattern is split into the literal runs between unescaped stars and matched left to right, taking the
 * leftmost occurrence of each middle run - optimal for `*`-only globs and linear, unlike a backtracking regex.
 */
function matchesWildcard(value: string, pattern: string): boolean {
  const parsed = parseWildcard(pattern);
  if ('problem' in parsed) return false;
  const { segments } = parsed;
  const first = segments[0] ?? '';
  if (segments.length === 1) return value === first;
  const last = segments[segments.length - 1] ?? '';
  if (value.length < first.length + last.length || !value.startsWith(first) || !value.endsWith(last)) return false;
  const middle = value.slice(first.length, value.length - last.length);
  let cursor = 0;
  for (const segment of segments.slice(1, -1)) {
    const found = middle.indexOf(segment, cursor);
    if (found === -1) return false;
    cursor = found + segment.length;
  }
  return true;
}

type WildcardParse = { readonly segments: string[] } | { readonly problem: string };

/** Literal runs between unescaped `*`, or the reason EventBridge would reject the pattern. */
function parseWildcard(pattern: string): WildcardParse {
  const segments: string[] = [];
  let literal = '';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === '\\') {
      // event-ruler: a backslash may only escape `*` or another backslash.
      const escaped = pattern[index + 1];
      if (escaped !== '*' && escaped !== '\\') return { problem: `Invalid escape character at position ${index}` };
      literal += escaped;
      index++;
    } else if (char === '*') {
      // event-ruler: consecutive wildcard characters are not allowed.
      if (pattern[index + 1] === '*') return { problem: `Consecutive wildcard characters at position ${index}` };
      segments.push(literal);
      literal = '';
    } else {
      literal += char;
    }
  }
  segments.push(literal);
  return { segments };
}

// --- anything-but ---------------------------------------------------------------------------------------------

/**
 * Docs, anything-but: matches anything except what is provided. It needs a value to judge, so a missing field
 * (no values reach here) does not match. A malformed operand returns false rather than being inverted.
 */
function matchesAnythingBut(operand: unknown, value: EventPatternScalar): boolean {
  if (typeof operand === 'string' || typeof operand === 'number') return !jsonEquals(operand, value);
  if (Array.isArray(operand)) {
    return operand.length > 0 && operand.every(isScalar) && !operand.some((excluded) => jsonEquals(excluded, value));
  }
  const entry = isObject(operand) ? soleEntry(operand) : undefined;
  if (!entry || !(ANYTHING_BUT_NESTED as readonly string[]).includes(entry[0])) return false;
  const [nested, nestedOperand] = entry;
  const excluded: unknown[] = Array.isArray(nestedOperand) ? nestedOperand : [nestedOperand];
  if (excluded.length === 0 || !excluded.every((item): item is string => typeof item === 'string')) return false;
  if (nested === 'wildcard' && excluded.some((item) => 'problem' in parseWildcard(item))) return false;
  return !excluded.some((item) => matchesExpression({ [nested]: item }, value));
}

// --- numeric --------------------------------------------------------------------------------------------------

/** Docs, numeric: works with values that are JSON numbers only, so the string "5" never matches. */
function matchesNumeric(operand: unknown, value: EventPatternScalar): boolean {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  if (!Array.isArray(operand) || operand.length === 0 || operand.length % 2 !== 0) return false;
  for (let index = 0; index < operand.length; index += 2) {
    const operator: unknown = operand[index];
    const threshold: unknown = operand[index + 1];
    if (typeof threshold !== 'number' || !compare(value, operator, threshold)) return false;
  }
  return true;
}

function compare(value: number, operator: unknown, threshold: number): boolean {
  switch (operator) {
    case '=':
      return value === threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    default:
      return false;
  }
}

// --- cidr -----------------------------------------------------------------------------------------------------

interface ParsedAddress {
  readonly bits: 32 | 128;
  readonly value: bigint;
}

interface ParsedCidr extends ParsedAddress {
  readonly maskBits: number;
}

/** Docs, IP address matching: IPv4 and IPv6. Host bits in the operand are ignored (the block is floored). */
function matchesCidr(value: string, operand: string): boolean {
  const block = parseCidr(operand);
  const address = parseAddress(value);
  if (!block || !address || block.bits !== address.bits) return false;
  const shift = BigInt(block.bits - block.maskBits);
  return address.value >> shift === block.value >> shift;
}

function parseCidr(text: string): ParsedCidr | undefined {
  const parts = text.split('/');
  if (parts.length !== 2 || !/^\d{1,3}$/.test(parts[1] ?? '')) return undefined;
  const address = parseAddress(parts[0] ?? '');
  const maskBits = Number(parts[1]);
  if (!address || maskBits > address.bits) return undefined;
  return { ...address, maskBits };
}

function parseAddress(text: string): ParsedAddress | undefined {
  if (isIPv4(text)) {
    const value = text.split('.').reduce((acc, octet) => (acc << 8n) | BigInt(Number(octet)), 0n);
    return { bits: 32, value };
  }
  // Dotted IPv4-in-IPv6 forms and zone ids are not plain addresses; keep to hex groups.
  if (!isIPv6(text) || /[.%]/.test(text)) return undefined;
  const [head = '', tail] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros: string[] = Array(8 - headGroups.length - tailGroups.length).fill('0');
  const groups = tail === undefined ? headGroups : [...headGroups, ...zeros, ...tailGroups];
  const value = groups.reduce((acc, group) => (acc << 16n) | BigInt(Number.parseInt(group, 16)), 0n);
  return { bits: 128, value };
}

// ---------------------------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------------------------

/**
 * Problems EventBridge would refuse the pattern for (empty array = valid). The rules and wording follow
 * event-ruler's rule compiler, which is what `PutRule` reports. Every problem found is listed, with its path.
 */
export function validateEventPattern(pattern: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(pattern)) return ['(root): Filter is not an object'];
  validateObject(pattern, '', false, problems);
  return problems;
}

function validateObject(pattern: JsonObject, path: string, insideOr: boolean, problems: string[]): void {
  const entries = Object.entries(pattern);
  if (entries.length === 0) problems.push(`${path || '(root)'}: Empty objects are not allowed`);
  for (const [key, value] of entries) {
    const at = path ? `${path}.${key}` : key;
    if (key === OR_KEY) {
      validateOr(value, at, problems);
    } else if (insideOr && isOperator(key)) {
      problems.push(`${at}: ${key} is a reserved field name which cannot be used inside $or`);
    } else if (Array.isArray(value)) {
      validateLeaf(value, at, problems);
    } else if (isObject(value)) {
      validateObject(value, at, insideOr, problems);
    } else {
      problems.push(`${at}: "${key}" must be an object or an array`);
    }
  }
}

/** event-ruler: `$or` takes an array of at least two objects. */
function validateOr(value: unknown, at: string, problems: string[]): void {
  if (!Array.isArray(value)) {
    problems.push(`${at}: It must be an Array followed with $or`);
    return;
  }
  if (value.length < 2) problems.push(`${at}: There must be at least 2 objects in $or`);
  value.forEach((alternative, index) => {
    if (isObject(alternative)) validateObject(alternative, `${at}[${index}]`, true, problems);
    else problems.push(`${at}[${index}]: Only JSON objects are allowed in the array of $or`);
  });
}

function validateLeaf(leaf: readonly unknown[], at: string, problems: string[]): void {
  if (leaf.length === 0) problems.push(`${at}: Empty arrays are not allowed`);
  leaf.forEach((element, index) => {
    const where = `${at}[${index}]`;
    if (isObject(element)) {
      for (const problem of expressionProblems(element)) problems.push(`${where}: ${problem}`);
    } else if (!isScalar(element) || (typeof element === 'number' && !Number.isFinite(element))) {
      problems.push(`${where}: Match value must be String, number, true, false, or null`);
    }
  });
}

function expressionProblems(expression: JsonObject): string[] {
  const keys = Object.keys(expression);
  const [operator] = keys;
  if (operator === undefined) return ['Match expression name not found'];
  if (!isOperator(operator)) return [`Unrecognized match type ${operator}`];
  const problems = operandProblems(operator, expression[operator]);
  if (keys.length > 1) problems.push('Only one key allowed in match expression');
  return problems;
}

function operandProblems(operator: Operator, operand: unknown): string[] {
  switch (operator) {
    case 'prefix':
    case 'suffix':
      return affixProblems(operator, operand);
    case 'equals-ignore-case':
      return typeof operand === 'string' ? [] : ['equals-ignore-case match pattern must be a string'];
    case 'wildcard':
      return wildcardProblems(operand);
    case 'anything-but':
      return anythingButProblems(operand);
    case 'numeric':
      return numericProblems(operand);
    case 'exists':
      return typeof operand === 'boolean' ? [] : ['exists match pattern must be either true or false'];
    case 'cidr':
      return typeof operand === 'string' && parseCidr(operand) ? [] : [`Invalid CIDR ${JSON.stringify(operand)}`];
  }
}

/** Docs: prefix/suffix take a string, or `{ "equals-ignore-case": string }` for caseless matching. */
function affixProblems(operator: 'prefix' | 'suffix', operand: unknown): string[] {
  if (typeof operand === 'string') return [];
  const entry = isObject(operand) ? soleEntry(operand) : undefined;
  if (!entry) return [`${operator} match pattern must be a string or { "equals-ignore-case": string }`];
  if (entry[0] !== 'equals-ignore-case') return [`Unsupported ${operator} pattern: ${entry[0]}`];
  return typeof entry[1] === 'string' ? [] : ['equals-ignore-case match pattern must be a string'];
}

/** event-ruler: consecutive `*` are not allowed, and `\` may only escape `*` or `\`. */
function wildcardProblems(operand: unknown): string[] {
  if (typeof operand !== 'string') return ['wildcard match pattern must be a string'];
  const parsed = parseWildcard(operand);
  return 'problem' in parsed ? [`${parsed.problem} in wildcard ${JSON.stringify(operand)}`] : [];
}

/**
 * Docs, anything-but: a string, a number, a list of only strings or only numbers, or one nested prefix, suffix,
 * equals-ignore-case or wildcard (each taking a string or a list of strings). null and booleans are refused.
 */
function anythingButProblems(operand: unknown): string[] {
  if (typeof operand === 'string') return [];
  if (typeof operand === 'number') return Number.isFinite(operand) ? [] : ['anything-but number must be finite'];
  if (Array.isArray(operand)) return anythingButListProblems(operand);
  if (isObject(operand)) return anythingButNestedProblems(operand);
  return ['Value of anything-but must be an array or single string/number value'];
}

function anythingButListProblems(list: readonly unknown[]): string[] {
  if (list.length === 0) return ['anything-but list must not be empty'];
  if (!list.every((item) => typeof item === 'string' || typeof item === 'number')) {
    return ['Inside anything but list, start|null|boolean is not supported'];
  }
  const allStrings = list.every((item) => typeof item === 'string');
  const allNumbers = list.every((item) => typeof item === 'number' && Number.isFinite(item));
  return allStrings || allNumbers
    ? []
    : ['Inside anything but list, either all values are number or string, mixed type is not supported'];
}

function anythingButNestedProblems(operand: JsonObject): string[] {
  const entry = soleEntry(operand);
  if (!entry) return ['anything-but takes exactly one nested match expression'];
  const [nested, nestedOperand] = entry;
  if (!(ANYTHING_BUT_NESTED as readonly string[]).includes(nested)) {
    return [`Unsupported anything-but pattern: ${nested}`];
  }
  const values: unknown[] = Array.isArray(nestedOperand) ? nestedOperand : [nestedOperand];
  if (values.length === 0) return [`anything-but ${nested} list must not be empty`];
  if (!values.every((value) => typeof value === 'string')) return [`anything-but ${nested} values must be strings`];
  if ((nested === 'prefix' || nested === 'suffix') && values.includes('')) {
    return ['Null prefix/suffix not allowed'];
  }
  return nested === 'wildcard' ? values.flatMap(wildcardProblems) : [];
}

/**
 * Docs/event-ruler, numeric: `[op, n]`, or a range `[">"|">=", low, "<"|"<=", high]` with low < high.
 * Thresholds must be numbers (never numeric strings).
 */
function numericProblems(operand: unknown): string[] {
  if (!Array.isArray(operand)) return ['Value of numeric must be an array'];
  const [first, low, second, high] = operand;
  if (typeof first !== 'string' || !NUMERIC_OPERATORS.includes(first)) {
    return [`Unrecognized numeric operator: ${JSON.stringify(first)}`];
  }
  if (!isFiniteNumber(low)) return [`Value of ${first} must be numeric`];
  if (operand.length === 2) return [];
  if (operand.length !== 4 || !RANGE_LOWER.includes(first)) {
    return ['A numeric expression is one comparison, or a lower bound (>, >=) followed by an upper bound (<, <=)'];
  }
  if (typeof second !== 'string' || !RANGE_UPPER.includes(second)) {
    return [`Bad numeric range operator: ${JSON.stringify(second)}`];
  }
  if (!isFiniteNumber(high)) return [`Value of ${second} must be numeric`];
  return low < high ? [] : ['Bottom must be less than top'];
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
