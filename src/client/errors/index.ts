export { TroveAbortError } from './abort-error.js';
export { TroveApiError } from './api-error.js';
export { BackupFailedError } from './backup-failed-error.js';
export { BackupStatusError } from './backup-status-error.js';
export { TroveClientError } from './base.js';
export type { ErrorBodyFormat, TroveFaultName } from './fault-body.js';
export { TroveInvalidResponseError } from './invalid-response-error.js';
export { TroveNetworkError } from './network-error.js';
export { TroveTimeoutError } from './timeout-error.js';
