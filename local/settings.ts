import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = fileURLToPath(new URL('../', import.meta.url));

/** PORT and DATA_DIR choose where the local platform listens and keeps its state. */
export function localSettings(env: NodeJS.ProcessEnv = process.env) {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  return { port, dataDir: resolve(repositoryRoot, env.DATA_DIR ?? '.data') };
}
