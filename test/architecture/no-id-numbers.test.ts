import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../infra/naming.js';
import { parseResidentId } from '../../shared/resident-id.js';

/**
 * No valid resident ID number is written down anywhere in the repository: tests and demo data
 * generate theirs (buildResidentId), so no real person's number can be committed by accident.
 */
test('no tracked file holds a valid 18-character resident ID number', () => {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: repoRoot, encoding: 'utf8' })
    .split('\0')
    .filter((file) => file && !file.endsWith('package-lock.json') && !/\.(png|jpg|ico|jar)$/.test(file));
  const found: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(join(repoRoot, file), 'utf8');
    } catch {
      continue;
    }
    for (const [candidate] of text.matchAll(/(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g)) {
      if (parseResidentId(candidate).ok) found.push(`${file}: ${candidate.slice(0, 6)}…`);
    }
  }
  expect(found).toEqual([]);
});
