/** Media types of the attachments sscc writes into the cucumber message stream. */
export { APDU_TRACE_MEDIA_TYPE } from '../trace/trace.ts';
export const NOT_APPLICABLE_MEDIA_TYPE = 'application/vnd.sscc.not-applicable+json';
export const NVM_CHANGES_MEDIA_TYPE = 'application/vnd.sscc.nvm-changes+json';
/** The diagnosis ({ id, params }, src/verdict/messages.ts) of the error a step failed with: the report renders it in either language. */
export const DIAGNOSIS_MEDIA_TYPE = 'application/vnd.sscc.diagnosis+json';
