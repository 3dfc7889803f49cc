export { TroveClientError } from './base.js';
export { TroveApiError } from './api-error.js';
export { TroveTimeoutError } from './timeout-error.js';
export { TroveAbortError } from './abort-error.js';
export { TroveNetworkError } from './network-error.js';
export { TroveInvalidResponseError } from './invalid-response-error.js';
export { BackupStatusError } from './backup-status-error.js';
export { BackupFailedError } from './backup-failed-error.js';
export type { TroveFaultName, ErrorBodyFormat } from './fault-body.js';
