export default async function globalTeardown() {
  await globalThis.__dynamoDbLocal?.stop();
}
