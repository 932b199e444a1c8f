// The app domain's public module: the profile's language, which documents are written in.
export { profileLocale } from './handlers'
