import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { scratchScenario } from '../../functions/__fixtures__/scratch/manifest.js';
import { penaltyInput } from '../../functions/platform/testing.js';
import { repoRoot } from '../../infra/naming.js';
import { createStack } from '../../infra/stack.js';
import { testSiteDirectory } from '../../infra/test-support.js';
import { startInProcessPlatform } from '../../local/in-process-platform.js';
import { scenarios } from '../../scenarios.js';

/**
 * The seams, proved with a scenario that exists only here: it is plugged in exactly as a new
 * scenario's one registry line plugs it in (appended to the scenario list), and nothing else
 * in the repository knows of it.
 */
const withScratch = [...scenarios, scratchScenario];
const subject = penaltyInput('x').subject;

test('nothing outside its folder names the scratch scenario', () => {
  expect(scenarios.map((scenario) => scenario.id)).not.toContain('scratch');
  expect(readFileSync(join(repoRoot, 'scenarios.ts'), 'utf8')).not.toContain('scratch');
});

describe('runs locally and receives SubjectCreditChanged', () => {
  let platform: Awaited<ReturnType<typeof startInProcessPlatform>>;
  beforeAll(async () => {
    platform = await startInProcessPlatform(process.env.TEST_DYNAMODB_ENDPOINT!, { scenarios: withScratch });
  });
  afterAll(() => platform.stop());

  test('its route answers, and its subscriber hears of a credit change after the summary is rebuilt', async () => {
    const url = `/v1/scratch/subjects/${subject.uscc}`;
    expect((await platform.call('GET', url)).status).toBe(404);
    const writer = await platform.token({ scopes: ['records:write'], clientId: 'credit-platform' });
    const ingest = await platform.call('POST', '/v1/credit-records', {
      token: writer,
      body: { records: [penaltyInput('SCR-1')] },
    });
    expect(ingest.status).toBe(200);
    await platform.deliverEvents();
    // The subscriber's own write is an outbox-free transaction; a second pass delivers nothing new.
    await platform.deliverEvents();
    const note = await platform.call('GET', url);
    expect(note.status).toBe(200);
    expect(note.json).toEqual({ uscc: subject.uscc, summaryVersion: 1, changedRecordIds: ['SCR-1'] });
  });
});

test('synthesizes: its function and its rule for SubjectCreditChanged are in the app', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'credit-plus-scratch-'));
  try {
    // Bundling is skipped: this is about what the app contains, not about the bundles.
    const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
    createStack(app, { scenarios: withScratch, siteDirectory: testSiteDirectory(outdir) });
    const resources = app.node
      .findAll()
      .filter((construct): construct is Stack => Stack.isStack(construct))
      .flatMap((stack) => Object.values(Template.fromStack(stack).toJSON().Resources ?? {})) as {
      Type: string;
      Properties: Record<string, unknown>;
    }[];
    const functions = resources.filter((resource) => resource.Type === 'AWS::Lambda::Function');
    expect(functions.some((fn) => String(fn.Properties.Description).startsWith('scratch.get-note:'))).toBe(true);
    const rules = resources.filter((resource) => resource.Type === 'AWS::Events::Rule');
    expect(rules.map((rule) => rule.Properties.EventPattern)).toContainEqual({
      source: ['credit-plus.platform'],
      'detail-type': ['SubjectCreditChanged'],
    });
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
});
