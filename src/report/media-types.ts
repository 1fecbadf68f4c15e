/** Media types of the attachments sscc writes into the cucumber message stream. */
export { APDU_TRACE_MEDIA_TYPE } from '../trace/trace.ts';
export const NOT_APPLICABLE_MEDIA_TYPE = 'application/vnd.sscc.not-applicable+json';
export const NVM_CHANGES_MEDIA_TYPE = 'application/vnd.sscc.nvm-changes+json';
