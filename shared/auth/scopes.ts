/** The OAuth scopes of API.md. */
export const scopes = ['records:write', 'procurement:check', 'merchants:write', 'care:admin', 'care:write'] as const;
export type Scope = (typeof scopes)[number];

export const isScope = (value: string): value is Scope => (scopes as readonly string[]).includes(value);
