/**
 * The public API, on the same origin as the pages (CloudFront sends `/v1/*` to API Gateway;
 * `npm start` serves both), so paths are relative and no CORS is involved.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** Seconds from Retry-After on a 429, when the API sent it. */
    readonly retryAfter?: number,
  ) {
    super(`HTTP ${status}`);
  }
}

async function answer<T>(response: Response): Promise<T> {
  if (!response.ok) {
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new ApiError(response.status, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
  }
  return (await response.json()) as T;
}

/** A path segment: user input goes through encodeURIComponent, never into the path as typed. */
export const segment = (value: string) => encodeURIComponent(value);

export async function getJson<T>(path: string, query: Record<string, string | undefined> = {}): Promise<T> {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value) params.set(name, value);
  const search = params.size > 0 ? `?${params}` : '';
  return answer<T>(await fetch(`/v1${path}${search}`, { headers: { accept: 'application/json' } }));
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  return answer<T>(
    await fetch(`/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    }),
  );
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export interface RatingSummary {
  count: number;
  mean: number | null;
  distribution: Record<'1' | '2' | '3' | '4' | '5', number>;
}

export interface AgencyFlags {
  seriousDishonesty: boolean;
  recentPenalty: boolean;
}

export interface AgencyListItem {
  uscc: string;
  name: string;
  kind: string;
  district: string;
  starRating?: number;
  rating: RatingSummary;
  flags: AgencyFlags;
}

export interface CreditRecordView {
  recordId: string;
  category: string;
  severity: string;
  authority: string;
  decisionNumber: string;
  decidedAt: string;
  validFrom: string;
  validTo?: string;
  summary?: string;
  underObjection: boolean;
}

export interface Agency extends AgencyListItem {
  address: string;
  licences: { name: string; number: string; validTo?: string }[];
  services: string[];
  creditRecords: CreditRecordView[];
}

export interface WorkerLookup {
  badgeNo: string;
  maskedName: string;
  role: string;
  agency: { uscc: string; name: string; seriousDishonesty: boolean };
  certificationsValid: boolean;
  healthCheckValid: boolean;
  insuranceValid: boolean;
  rating: RatingSummary;
  asOf: string;
}

export interface CreditProfile {
  uscc: string;
  name?: string;
  asOf: string;
  activeRecords: Record<string, CreditRecordView[]>;
  commendations: CreditRecordView[];
  flags: { onDishonestyList: boolean; underObjection: boolean; repaired: boolean };
  underObjectionCount: number;
  repairedCount: number;
}

export interface DistrictScore {
  districtId: string;
  name: string;
  period: string;
  index: number;
  dimensions: Record<string, number>;
  merchants: number;
}

export interface MerchantScore {
  uscc: string;
  name: string;
  category: string;
  districtId: string;
  period: string;
  index: number;
  methodVersion: string;
  dimensions: Record<string, number>;
  reasons: { effect: number; dimension: string; text: string; disputed?: boolean }[];
  reply?: { text: string; repliedAt: string };
}

export interface Method {
  version: string;
  publishedAt?: string;
  title?: string;
  recordsCount?: string;
  dimensions: { id: string; label: string; weight: number; description?: string }[];
  indicators: { id: string; dimension: string; label: string; unit: string; share: number }[];
}
