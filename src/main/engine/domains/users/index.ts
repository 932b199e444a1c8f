// The users domain's public module: what other domains and the engine read of users.
export { emailKey, fullName, learnerEnrollments, missingUserIds, requireUser, userNameOf } from './queries'
export { USER_LIST_COLUMNS, userListRecord, userTypeLabel } from './rows'
