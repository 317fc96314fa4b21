// Every email the platform sends, each in Russian and English, as HTML and plain text.
export { escapeHtml, localeOf, type Email } from './layout.js';
export { invitation, type InvitationVars } from './invitation.js';
export { passwordReset, type PasswordResetVars } from './password-reset.js';
export { approvalRequested, type ApprovalRequestedVars } from './approval-requested.js';
export { planDecided, type PlanDecidedVars } from './plan-decided.js';
export { clientSignedOff, type ClientSignedOffVars } from './client-signed-off.js';
export { reportReady, type ReportReadyVars } from './report-ready.js';
export { pacingAlert, type PacingAlertVars } from './pacing-alert.js';
