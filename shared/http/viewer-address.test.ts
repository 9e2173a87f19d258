import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import * as z from 'zod/mini';
import { lambdaContext } from '../../local/api-gateway.js';
import { defineRoute } from '../scenario.js';
import { httpRoute } from './route.js';
import { viewerAddress } from './viewer-address.js';

describe('viewerAddress', () => {
  test.each([
    ['an IPv4 viewer behind CloudFront', { 'x-viewer-ip': '203.0.113.7' }, '203.0.113.7'],
    ['an IPv6 viewer behind CloudFront', { 'x-viewer-ip': '2001:db8::1' }, '2001:db8::1'],
    ['no viewer header: the connection address', {}, '198.51.100.9'],
    ['a value that is no IP address: the connection address', { 'x-viewer-ip': 'spoofed' }, '198.51.100.9'],
    [
      'an address with a port is not one: the connection address',
      { 'x-viewer-ip': '203.0.113.7:50123' },
      '198.51.100.9',
    ],
    [
      'a list of addresses is not one: the connection address',
      { 'x-viewer-ip': '203.0.113.7, 10.0.0.1' },
      '198.51.100.9',
    ],
    ['an out-of-range IPv4: the connection address', { 'x-viewer-ip': '203.0.113.256' }, '198.51.100.9'],
    ['an empty header: the connection address', { 'x-viewer-ip': '' }, '198.51.100.9'],
    [
      "CloudFront's ip:port header is no longer read",
      { 'cloudfront-viewer-address': '203.0.113.7:50123' },
      '198.51.100.9',
    ],
  ])('%s', (_case, headers, expected) => {
    expect(viewerAddress(headers, '198.51.100.9')).toBe(expected);
  });

  test('no address at all is "unknown"', () => {
    expect(viewerAddress({}, undefined)).toBe('unknown');
  });
});

describe('the kernel hands a handler the viewer address', () => {
  const contract = defineRoute({
    id: 'test.viewer',
    method: 'GET',
    path: '/v1/test',
    auth: 'public',
    summary: 'Answers the address it was given.',
    responses: { 200: z.object({ sourceIp: z.string() }) },
  });
  const handler = httpRoute(contract, async ({ sourceIp }) => ({ status: 200, body: { sourceIp } }));
  const seen = async (headers: Record<string, string>) => {
    const event = {
      httpMethod: 'GET',
      path: '/v1/test',
      headers,
      requestContext: { identity: { sourceIp: '130.176.0.1' } },
    } as unknown as APIGatewayProxyEvent;
    const context = lambdaContext(contract.id) as Parameters<typeof handler>[1];
    const response = (await handler(event, context)) as APIGatewayProxyResult;
    return JSON.parse(response.body).sourceIp;
  };

  test('through CloudFront: the visitor, not the edge', async () => {
    expect(await seen({ 'X-Viewer-Ip': '203.0.113.7' })).toBe('203.0.113.7');
  });

  test('straight to API Gateway: the connection', async () => {
    expect(await seen({})).toBe('130.176.0.1');
  });
});
