// The certificates domain's public module: issuing (class/assignCertificate) and the pieces the
// demo seed writes certificates with.
export { issueCertificates, uniqueCode, writeCertificate } from './issue'
export { templateData } from './templates'
export { expiryOf } from './values'
