// What stands for a secret wherever a queued input is shown (the Pending page, Edit and
// retry, app.changes). One mark for both sides: the engine puts a saved secret back where a
// correction still shows it (mergeCorrection), so the form must send exactly this text.
export const REDACTED = '••••••'
