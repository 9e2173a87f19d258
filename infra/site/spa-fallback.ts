/**
 * The CloudFront Function (cloudfront-js-2.0) on viewer requests of the pages' behaviour: a page
 * path (`/`, `/w/XH-0001`, `/care/agencies/…`: no dot in its last segment) is answered with the
 * one `index.html` shell, which routes in the browser. A file path (`/assets/main-ABCD2345.js`)
 * goes to S3 unchanged, so a missing asset stays a real 403/404 rather than a page.
 * Page path segments (badge numbers, USCCs, periods, district ids) never contain a dot.
 */
export const spaFallbackSource = `function handler(event) {
  var request = event.request;
  var lastSegment = request.uri.substring(request.uri.lastIndexOf('/') + 1);
  if (lastSegment.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;
