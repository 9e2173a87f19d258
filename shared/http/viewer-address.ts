import { isIP } from 'node:net';

/**
 * The visitor's address as the site's CloudFront Function sets it on every `/v1/*` request
 * (`event.viewer.ip`, whatever the client sent under that name), forwarded to the API by the
 * origin request policy (infra/site/site.ts). WAF aggregates its per-address limits on it too.
 */
export const VIEWER_IP_HEADER = 'x-viewer-ip';

/**
 * The address a request came from: behind the site's CloudFront distribution API Gateway sees
 * the edge's address, shared by every visitor of that edge, so the viewer's own address from
 * CloudFront is preferred when it is an IP address (docs/decisions.md #50, #51). `headers` are lower-cased.
 */
export function viewerAddress(headers: Record<string, string>, sourceIp: string | undefined): string {
  const reported = headers[VIEWER_IP_HEADER]?.trim();
  if (reported && isIP(reported) !== 0) return reported;
  return sourceIp ?? 'unknown';
}
