import * as z from 'zod/mini';
import { fieldErrors } from './route.js';

// zod/mini loads no locale: the route kernel loads the English one, or these would all read "Invalid input".
test('validation messages zod writes itself are English and specific, as handlers report them', () => {
  const schema = z.strictObject({ name: z.string().check(z.minLength(1)), count: z.int(), when: z.iso.date() });
  const result = schema.safeParse({ name: '', count: 'x', when: '2026-13-01', extra: 1 });
  expect(fieldErrors(result.error!)).toEqual([
    { path: 'name', message: 'Too small: expected string to have >=1 characters' },
    { path: 'count', message: 'Invalid input: expected number, received string' },
    { path: 'when', message: 'Invalid ISO date' },
    { path: 'extra', message: 'is not an allowed field' },
  ]);
});
