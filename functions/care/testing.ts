import { buildResidentId } from '../../shared/resident-id.js';

/**
 * Test and bench support: a worker file as an agency sends it, with an ID number generated in
 * code (never a real one) and papers valid far ahead. `sequence` keeps people apart.
 */
export function workerInput(sequence: number, overrides: Record<string, unknown> = {}) {
  return {
    name: '测试人员',
    idNumber: buildResidentId({ birthDate: '1980-01-01', sequence }),
    role: '养老护理员',
    certifications: [] as { name: string; number: string; validTo: string }[],
    healthCheckValidTo: '2099-12-31',
    insuranceValidTo: '2099-12-31',
    ...overrides,
  };
}
