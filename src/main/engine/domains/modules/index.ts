// The module library's public module, for the assignment, discussion and course operations and
// sync's pull.
export { freeModuleSlug, insertLibraryModule, libraryList, libraryRecord, libraryRows, requireModule, slugify, updateLibraryModule } from './library'
