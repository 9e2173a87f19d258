import { importViolations, repositoryRootOf, sourceFiles } from './import-rules.js';

const root = repositoryRootOf(import.meta.url);

describe('scenario boundaries (ARCHITECTURE.md "Scenario boundaries")', () => {
  test('the repository keeps them', () => {
    expect(importViolations(sourceFiles(root, ['functions']))).toEqual([]);
  });

  test('a deep import into another scenario fails', () => {
    const violations = importViolations([
      {
        path: 'functions/procurement/checks/rules.ts',
        source: "import { subjectSummaryKey } from '../../platform/subject-summary/summary.js';",
      },
      {
        path: 'functions/procurement/handlers/create-check.ts',
        source: "const store = await import('../../platform/credit-records/store.js');",
      },
    ]);
    expect(violations).toEqual([
      {
        file: 'functions/procurement/checks/rules.ts',
        imports: 'functions/platform/subject-summary/summary.ts',
        rule: 'deep-import-across-scenarios',
      },
      {
        file: 'functions/procurement/handlers/create-check.ts',
        imports: 'functions/platform/credit-records/store.ts',
        rule: 'deep-import-across-scenarios',
      },
    ]);
  });

  test("another scenario's public face is allowed, and testing.ts only from tests", () => {
    expect(
      importViolations([
        {
          path: 'functions/shopping/scoring/index.ts',
          source: "import type { CreditRecord } from '../../platform/public.js';",
        },
        {
          path: 'functions/shopping/scoring/index.test.ts',
          source: "import { makeRecord } from '../../platform/testing.js';",
        },
        { path: 'functions/shopping/scoring/own.ts', source: "import { weights } from '../method/weights.js';" },
      ]),
    ).toEqual([]);
    expect(
      importViolations([
        {
          path: 'functions/shopping/scoring/index.ts',
          source: "import { makeRecord } from '../../platform/testing.js';",
        },
      ]),
    ).toHaveLength(1);
  });

  test('a domain module importing the AWS SDK or the HTTP kernel fails; adapters may', () => {
    const violations = importViolations([
      {
        path: 'functions/care/workers/register.ts',
        source: "import { GetItemCommand } from '@aws-sdk/client-dynamodb';",
      },
      {
        path: 'functions/care/workers/lookup.ts',
        source: "import { notFound } from '../../../shared/http/problem.js';",
      },
      { path: 'functions/care/workers/store.ts', source: "import { GetItemCommand } from '@aws-sdk/client-dynamodb';" },
      {
        path: 'functions/care/handlers/lookup.ts',
        source: "import { httpRoute } from '../../../shared/http/route.js';",
      },
    ]);
    expect(violations.map((v) => [v.file, v.rule])).toEqual([
      ['functions/care/workers/register.ts', 'infrastructure-in-domain'],
      ['functions/care/workers/lookup.ts', 'infrastructure-in-domain'],
    ]);
  });
});
