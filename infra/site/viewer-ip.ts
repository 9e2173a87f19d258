import { VIEWER_IP_HEADER } from '../../shared/http/viewer-address.js';

/**
 * The CloudFront Function (cloudfront-js-2.0) on viewer requests of the API's behaviour: the
 * visitor's address as a header of its own, `event.viewer.ip` without the port that
 * CloudFront-Viewer-Address carries, because WAF aggregates a rate-based rule on a header's
 * whole value. Set on every request, replacing any value (or values) the client sent, so a
 * visitor cannot choose the address it is counted under.
 */
export const viewerIpSource = `function handler(event) {
  var request = event.request;
  request.headers['${VIEWER_IP_HEADER}'] = { value: event.viewer.ip };
  return request;
}`;
