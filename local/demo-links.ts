import { fileURLToPath } from 'node:url';
import { demoCareWorkers } from './demo-data.js';
import { connectRegistry, RegistryAccessError } from './registry-access.js';
import { httpSeedTarget, type SeedTarget } from './seed.js';
import { localSettings } from './settings.js';

/** A demo worker whose papers are all valid, and one whose certificate has expired. */
const validBadge = 'JA-0001';
const expiredBadge = 'JA-0002';

export interface DemoLinks {
  validBadge: string;
  expiredBadge: string;
  review: string;
}

/**
 * Links a resident would get, made against the demo data: badge pages need a lookup code and the
 * service keeps codes only as hashes, so new codes are issued (the workers' old codes stop working),
 * and a review page needs a fresh service's single-use token.
 */
export async function demoLinks(target: SeedTarget, pagesUrl: string): Promise<DemoLinks> {
  const agencyOf = (badgeNo: string) => {
    const worker = demoCareWorkers.find((candidate) => candidate.badgeNo === badgeNo);
    if (!worker) throw new Error(`no demo worker ${badgeNo}`);
    return worker.agency;
  };
  const badgeLink = async (badgeNo: string) => {
    const agency = agencyOf(badgeNo);
    const token = await target.mint(['care:write'], { agency });
    const issued = await target.call('POST', `/v1/care/agencies/${agency}/workers/${badgeNo}/lookup-code`, token, {});
    if (issued.status !== 200)
      throw new Error(`no lookup code for ${badgeNo} (${issued.status}): is the demo data loaded?`);
    return `${pagesUrl}/w/${badgeNo}#c=${(issued.json as { lookupCode: string }).lookupCode}`;
  };
  const agency = agencyOf(validBadge);
  const service = await target.call(
    'POST',
    `/v1/care/agencies/${agency}/services`,
    await target.mint(['care:write'], { agency }),
    { badgeNo: validBadge, serviceDate: new Date().toISOString().slice(0, 10), kind: '生活照料' },
  );
  if (service.status !== 201) throw new Error(`no service recorded (${service.status}): is the demo data loaded?`);
  return {
    validBadge: await badgeLink(validBadge),
    expiredBadge: await badgeLink(expiredBadge),
    review: `${pagesUrl}/review#t=${(service.json as { reviewToken: string }).reviewToken}`,
  };
}

// `npm run demo-links`: prints pages to open in a browser against the running `npm start`.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { port, dataDir } = localSettings();
  const url = `http://127.0.0.1:${port}`;
  try {
    const registry = connectRegistry({ dataDir, port, aws: false });
    try {
      const links = await demoLinks(httpSeedTarget(url, registry), url);
      console.log(`Worker badge (papers valid):   ${links.validBadge}
Worker badge (expired papers): ${links.expiredBadge}
Review of a service (once):    ${links.review}
Each run issues new lookup codes: earlier badge links stop working.`);
    } finally {
      registry.db.destroy();
    }
  } catch (error) {
    if (error instanceof RegistryAccessError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
