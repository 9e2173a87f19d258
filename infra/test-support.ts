import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BUNDLING_STACKS } from 'aws-cdk-lib/cx-api';
import type { IConstruct } from 'constructs';
import type { ScenarioDefinition } from '../shared/scenario.js';
import { nagPacks } from './nag.js';
import { repoRoot } from './naming.js';
import { type CreditPlusStack, defineApp } from './stack.js';

/** Synthesised CloudFormation: shapes vary per resource type, the tests narrow them. */
// biome-ignore lint/suspicious/noExplicitAny: template JSON is untyped
export type CfnJson = any;
export type Resource = { Type: string; Properties: Record<string, CfnJson>; DependsOn?: string[] };

export interface NagFinding {
  rule: string;
  severity: string | undefined;
  at: (string | undefined)[];
}

export interface Synthesis {
  app: App;
  stack: CreditPlusStack;
  /** The cloud assembly: every template (the core's and each nested one) as `cdk synth` writes it. */
  assemblyDir: string;
  /** Per stack (the core first, then each scenario's nested stack): its template. */
  templates: { stack: Stack; name: string; template: Template }[];
  /**
   * Every resource of every stack in one map, with the references across stacks resolved: a
   * nested stack's parameter becomes what the core passes in (`{Ref: <core id>}`), a nested
   * output read by the core (`Fn::GetAtt <nested>.Outputs.X`) becomes the nested expression, and
   * a nested resource's id is prefixed with its stack's id (`<stack>.<id>`, see `idOf`).
   * So a test can follow a reference from a method to its function or from a role to the table
   * key as if it were one template.
   */
  resources: Record<string, Resource>;
  /** A construct's key in `resources`: its logical id, prefixed by its nested stack's id (`<stack>.<id>`). */
  idOf: (construct: IConstruct) => string;
  nagFindings: NagFinding[];
}

const cdkJson = JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };

export interface SynthesisOptions {
  /** `-c key=value` pairs, on top of cdk.json's context. */
  context?: Record<string, string>;
  scenarios?: readonly ScenarioDefinition[];
  /**
   * Bundle every function with esbuild (seconds per synthesis). Without it the CDK skips bundling
   * as `cdk synth --exclusively` does for other stacks: same templates, placeholder assets.
   */
  bundle?: boolean;
  /** The built pages to deploy; default: a fresh directory holding a minimal index.html (`testSiteDirectory`). */
  siteDirectory?: string;
}

/**
 * A stand-in for `web/dist` (the tests do not depend on the web build): an index.html shell and
 * one hashed asset, in a fresh directory under `parent`.
 */
export function testSiteDirectory(parent: string = tmpdir()): string {
  const directory = mkdtempSync(join(parent, 'credit-plus-site-'));
  writeFileSync(
    join(directory, 'index.html'),
    '<!doctype html><title>credit-plus</title><script type="module" src="/main-ABCD2345.js"></script>',
  );
  writeFileSync(join(directory, 'main-ABCD2345.js'), 'document.title = "credit-plus";');
  return directory;
}

/**
 * The app as `infra/app.ts` builds it (the cdk-nag packs registered as validation plugins, so an
 * error-level finding makes `synth` throw as it makes `cdk synth` fail), synthesised once.
 */
export function synthesize(options: SynthesisOptions = {}): Synthesis {
  const outdir = mkdtempSync(join(tmpdir(), 'credit-plus-cdk-'));
  const app = new App({
    context: {
      ...cdkJson.context,
      ...(options.bundle ? {} : { [BUNDLING_STACKS]: [] }),
      ...options.context,
    },
    outdir,
  });
  const stack = defineApp(app, {
    // Inside the assembly directory, so removing the assembly removes it too.
    siteDirectory: options.siteDirectory ?? testSiteDirectory(outdir),
    ...(options.scenarios ? { scenarios: options.scenarios } : {}),
  });
  const assemblyDir = app.synth().directory;
  const templates = [
    { stack: stack as Stack, name: stack.stackName, template: Template.fromStack(stack) },
    ...stack.scenarios.map((nested) => ({
      stack: nested as Stack,
      name: nested.node.id,
      template: Template.fromStack(nested),
    })),
  ];
  const nagFindings = nagPacks().flatMap((pack) =>
    pack.validateScope(app).violations.map((violation) => ({
      rule: violation.ruleName,
      severity: violation.severity,
      at: violation.violatingResources.map((resource) => resource.constructPath),
    })),
  );
  const idOf = (construct: IConstruct) => {
    const element = (CfnElement.isCfnElement(construct) ? construct : construct.node.defaultChild) as CfnElement;
    const owner = Stack.of(element);
    const id = owner.getLogicalId(element);
    return owner.nestedStackResource ? `${stack.getLogicalId(owner.nestedStackResource as CfnElement)}.${id}` : id;
  };
  return { app, stack, assemblyDir, templates, resources: mergeResources(stack, templates), idOf, nagFindings };
}

/** A copy of `json` with every node `replace` returns a value for replaced by that value. */
function substitute(json: CfnJson, replace: (node: CfnJson) => CfnJson | undefined): CfnJson {
  const replaced = replace(json);
  if (replaced !== undefined) return replaced;
  if (Array.isArray(json)) return json.map((item) => substitute(item, replace));
  if (json && typeof json === 'object') {
    return Object.fromEntries(Object.entries(json).map(([key, value]) => [key, substitute(value, replace)]));
  }
  return json;
}

function mergeResources(core: CreditPlusStack, templates: Synthesis['templates']): Record<string, Resource> {
  const [coreTemplate, ...nestedTemplates]: CfnJson[] = templates.map(({ template }) => template.toJSON());
  const merged: Record<string, Resource> = {};
  const outputsOf = new Map<string, Record<string, CfnJson>>();
  const add = (id: string, resource: Resource) => {
    if (id in merged) throw new Error(`Logical id ${id} occurs in two stacks; the merged view needs them unique`);
    merged[id] = resource;
  };
  core.scenarios.forEach((nested, index) => {
    const stackId = core.getLogicalId(nested.nestedStackResource as CfnElement);
    const parameters = (coreTemplate.Resources[stackId] as Resource).Properties.Parameters ?? {};
    const template = nestedTemplates[index];
    const local = new Set(Object.keys(template.Resources));
    const inline = (json: CfnJson) =>
      substitute(json, (node) => {
        if (!node || typeof node !== 'object') return undefined;
        if (typeof node.Ref === 'string' && node.Ref in parameters) return parameters[node.Ref];
        if (typeof node.Ref === 'string' && local.has(node.Ref)) return { Ref: `${stackId}.${node.Ref}` };
        const getAtt = node['Fn::GetAtt'];
        if (Array.isArray(getAtt) && local.has(getAtt[0]))
          return { 'Fn::GetAtt': [`${stackId}.${getAtt[0]}`, getAtt[1]] };
        return undefined;
      });
    for (const [id, resource] of Object.entries(template.Resources as Record<string, Resource>)) {
      const { DependsOn, ...rest } = inline(resource) as Resource;
      add(`${stackId}.${id}`, {
        ...rest,
        ...(DependsOn ? { DependsOn: DependsOn.map((dependency) => `${stackId}.${dependency}`) } : {}),
      });
    }
    outputsOf.set(
      stackId,
      Object.fromEntries(
        Object.entries((template.Outputs ?? {}) as Record<string, { Value: CfnJson }>).map(([name, output]) => [
          name,
          inline(output.Value),
        ]),
      ),
    );
  });
  for (const [id, resource] of Object.entries(coreTemplate.Resources as Record<string, Resource>)) {
    add(
      id,
      substitute(resource, (node) => {
        const getAtt = node && typeof node === 'object' ? node['Fn::GetAtt'] : undefined;
        if (!Array.isArray(getAtt) || !outputsOf.has(getAtt[0])) return undefined;
        return outputsOf.get(getAtt[0])?.[String(getAtt[1]).replace(/^Outputs\./, '')];
      }),
    );
  }
  return merged;
}
