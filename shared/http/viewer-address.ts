/**
 * CloudFront's `CloudFront-Viewer-Address` header (`ip:port`, IPv6 unbracketed), forwarded to
 * the API by the site's origin request policy (infra/site/site.ts).
 */
export const VIEWER_ADDRESS_HEADER = 'cloudfront-viewer-address';

/**
 * The address a request came from: behind the site's CloudFront distribution API Gateway sees
 * the edge's address, shared by every visitor of that edge, so the viewer's own address from
 * CloudFront is preferred (docs/decisions.md #50). `headers` are lower-cased.
 */
export function viewerAddress(headers: Record<string, string>, sourceIp: string | undefined): string {
  const reported = headers[VIEWER_ADDRESS_HEADER]?.trim();
  const portAt = reported?.lastIndexOf(':') ?? -1;
  if (reported && portAt > 0 && /^\d{1,5}$/.test(reported.slice(portAt + 1))) return reported.slice(0, portAt);
  return sourceIp ?? 'unknown';
}
