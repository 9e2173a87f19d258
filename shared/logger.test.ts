import { JsonLogger } from './logger.js';

const capture = (threshold: number) => {
  const lines: Record<string, unknown>[] = [];
  const logger = new JsonLogger(
    'svc',
    () => threshold,
    (line) => lines.push(JSON.parse(line)),
  );
  return { logger, lines };
};

test('writes one JSON object per entry with level, message, service and the appended keys', () => {
  const { logger, lines } = capture(20);
  logger.appendKeys({ correlationId: 'c-1', route: 'r' });
  logger.info('request', { status: 200 });
  logger.removeKeys(['route']);
  logger.warn('slow');
  expect(lines).toEqual([
    expect.objectContaining({
      level: 'INFO',
      message: 'request',
      service: 'svc',
      correlationId: 'c-1',
      route: 'r',
      status: 200,
    }),
    expect.objectContaining({ level: 'WARN', message: 'slow', correlationId: 'c-1' }),
  ]);
  expect(lines[1]).not.toHaveProperty('route');
  expect(Date.parse(String(lines[0]?.timestamp))).not.toBeNaN();
});

test('drops entries below the threshold and describes errors', () => {
  const { logger, lines } = capture(40);
  logger.info('ignored');
  logger.warn('ignored');
  logger.error('failed', new TypeError('boom'));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatchObject({ level: 'ERROR', error: { name: 'TypeError', message: 'boom' } });
});

test('concurrent invocations each log their own keys, and process-wide keys stay with all of them', async () => {
  const { logger, lines } = capture(20);
  logger.appendKeys({ coldStart: true });
  let releaseFirst!: () => void;
  const firstMayFinish = new Promise<void>((release) => {
    releaseFirst = release;
  });
  const serve = logger.invocation(async (correlationId: string, pause: Promise<void>) => {
    logger.appendKeys({ correlationId });
    await pause;
    logger.info('request');
    logger.removeKeys(['correlationId']);
  });
  const first = serve('c-first', firstMayFinish);
  await serve('c-second', Promise.resolve());
  releaseFirst();
  await first;
  logger.info('after');
  expect(lines.map(({ message, correlationId, coldStart }) => ({ message, correlationId, coldStart }))).toEqual([
    { message: 'request', correlationId: 'c-second', coldStart: true },
    { message: 'request', correlationId: 'c-first', coldStart: true },
    { message: 'after', correlationId: undefined, coldStart: true },
  ]);
});
