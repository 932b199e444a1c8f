// What a queued change does, in the trainer's language, by its operation; an operation the
// catalog does not name keeps the engine's description.
import { t, type MessageId } from '../../i18n'

const ACTIONS: Record<string, MessageId> = {
  'users.create': 'action.users.create',
  'users.update': 'action.users.update',
  'users.updatePassword': 'action.users.updatePassword',
  'users.quickEdit': 'action.users.quickEdit',
  'users.delete': 'action.users.delete',
  'users.bulkUpload': 'action.users.bulkUpload',
  'courses.create': 'action.courses.create',
  'courses.update': 'action.courses.update',
  'courses.delete': 'action.courses.delete',
  'courses.enroll': 'action.courses.enroll',
  'courses.remove': 'action.courses.remove',
  'assignments.evaluate': 'action.assignments.evaluate',
  'classes.enroll': 'action.classes.enroll',
  'classes.remove': 'action.classes.remove',
  'classes.updateStatus': 'action.classes.updateStatus',
  'users.updateClassStatus': 'action.users.updateClassStatus',
  'certificateTemplates.delete': 'action.certificateTemplates.delete',
  'announcements.create': 'action.announcements.create',
  'announcements.update': 'action.announcements.update',
  'announcements.delete': 'action.announcements.delete',
  'badges.create': 'action.badges.create',
  'badges.update': 'action.badges.update',
  'badges.delete': 'action.badges.delete',
  'categories.create': 'action.categories.create',
  'categories.update': 'action.categories.update',
  'categories.delete': 'action.categories.delete',
  'coupons.create': 'action.coupons.create',
  'coupons.update': 'action.coupons.update',
  'coupons.delete': 'action.coupons.delete',
  'courses.assignCertificate': 'action.courses.assignCertificate',
}

export function actionText(operation: string, engineText: string): string {
  const key = ACTIONS[operation]
  return key ? t(key) : engineText
}
