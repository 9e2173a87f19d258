import { App } from 'aws-cdk-lib';
import { prepareSiteDirectory } from './site/site-directory.js';
import { defineApp } from './stack.js';

/**
 * The CDK app (cdk.json: `npx cdk synth`, `npx cdk deploy`). The stack is environment-agnostic:
 * synthesis looks nothing up and needs no credentials; `cdk deploy` targets the account and
 * region of the current AWS profile. Context values (all optional) are listed in docs/deploy.md.
 * The cdk-nag packs run on every synthesis: an unacknowledged finding stops it.
 */
const app = new App();
defineApp(app, { siteDirectory: await prepareSiteDirectory() });
app.synth();
