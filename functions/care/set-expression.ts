/**
 * An UpdateItem `SET` over named fields with placeholder names (`#f0 = :f0, …`), so any field name
 * (reserved words such as `name` included) can be written without listing it twice.
 */
export function setExpression(fields: Record<string, unknown>) {
  const entries = Object.entries(fields).filter(([, value]) => value !== undefined);
  return {
    expression: entries.map((_, index) => `#f${index} = :f${index}`).join(', '),
    names: Object.fromEntries(entries.map(([name], index) => [`#f${index}`, name])),
    values: Object.fromEntries(entries.map(([, value], index) => [`:f${index}`, value])),
  };
}
