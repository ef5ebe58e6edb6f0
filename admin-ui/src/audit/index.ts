/** The audit log's screens (read-only): App.tsx loads each as its own chunk. */
export { AuditList } from './AuditList';
export { AuditShow } from './AuditShow';
