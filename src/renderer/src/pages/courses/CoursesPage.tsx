import { useNavigation } from '../../state/navigation'
import { CourseDetail } from './CourseDetail'
import { CourseList } from './CourseList'

/** #/courses shows the list, #/courses/<id> one course with its enrolled students. */
export function CoursesPage() {
  const courseId = useNavigation((s) => s.route.courseId)
  return courseId ? <CourseDetail key={courseId} courseId={courseId} /> : <CourseList />
}
