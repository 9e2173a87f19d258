import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One structured JSON logger per function. Log lines carry ids, routes, counts and timings,
 * never a request body or a personal field.
 */
export const logger = new Logger({ serviceName: process.env.SERVICE_NAME ?? 'credit-plus' });
