import QRCode from 'qrcode';

/**
 * The badge QR: the public page of the worker, with the lookup code in the URL fragment, which
 * browsers never send to a server, so the code stays out of every access log. The page posts it.
 */
export function badgeUrl(publicOrigin: string, badgeNo: string, code: string): string {
  return `${publicOrigin}/w/${encodeURIComponent(badgeNo)}#c=${code}`;
}

export async function badgeSvg(url: string): Promise<string> {
  // Error correction M survives a scuffed lanyard card; the margin is the quiet zone scanners need.
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
}
