import { CsvError, parse } from 'csv-parse/sync';
import * as z from 'zod/mini';
import { type InvalidField, invalid } from '../../../shared/domain-errors.js';
import { csvColumns, type Method } from '../method/method.js';
import { submissionSchema } from './input.js';

const where = (line: number, column?: string) => (column ? `line ${line}, column ${column}` : `line ${line}`);

/**
 * A roster kept in a spreadsheet: UTF-8 CSV (BOM tolerated) whose header row is the method's
 * columns (any order), one merchant a row. It becomes the JSON submission, validated by the same
 * schema; every error names the CSV line and column instead of the JSON path.
 */
export function decodeSubmissionCsv(method: Method, text: string): unknown {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, info: true, trim: true }) as unknown as typeof rows;
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? 1;
      throw invalid([{ path: where(line), message: error.message }], 'The CSV cannot be read.');
    }
    throw error;
  }
  const [header, ...body] = rows;
  const expected = csvColumns(method);
  const columns = header?.record ?? [];
  const errors: InvalidField[] = [];
  for (const column of columns) {
    if (!expected.includes(column)) errors.push({ path: where(1, column), message: 'is not a column of the method' });
  }
  for (const column of expected) {
    if (!columns.includes(column)) errors.push({ path: where(1, column), message: 'is missing from the header row' });
  }
  if (errors.length > 0) throw invalid(errors, `The header row must be the method ${method.version} columns.`);
  const indicatorIds = new Set(method.indicators.map((indicator) => indicator.id));
  const merchants = body.map(({ record, info }) => {
    const merchant: Record<string, unknown> = {};
    const indicators: Record<string, unknown> = {};
    record.forEach((cell, index) => {
      const column = columns[index] as string;
      if (!indicatorIds.has(column)) merchant[column] = cell;
      else if (cell === '') errors.push({ path: where(info.lines, column), message: 'is required' });
      else if (Number.isNaN(Number(cell)))
        errors.push({ path: where(info.lines, column), message: 'must be a number' });
      else indicators[column] = Number(cell);
    });
    return { ...merchant, indicators };
  });
  const decoded = { merchants };
  const result = z.safeParse(submissionSchema(method), decoded);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const [, row, ...rest] = issue.path;
      const line = typeof row === 'number' ? (body[row]?.info.lines ?? 1) : 1;
      const column = rest.length > 0 ? String(rest.at(-1)) : undefined;
      const message =
        issue.code === 'unrecognized_keys'
          ? 'is not an allowed field'
          : issue.message.replace(/merchants\.(\d+)/, (_, i) => where(body[Number(i)]?.info.lines ?? 1));
      errors.push({ path: typeof row === 'number' ? where(line, column) : 'body', message });
    }
  }
  if (errors.length > 0) throw invalid(errors, 'The CSV has invalid cells.');
  return decoded;
}
