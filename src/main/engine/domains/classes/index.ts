// The classes domain's public module: finding a class, its sign-off lock and registering
// learners in it, which the bulk import uses.
export { enrollUsersInClass, removeFromClass } from './enroll'
export { assertOpen, classQuery, findClass } from './queries'
