import { PlaceholderPage } from '../components/PlaceholderPage'

export const AttendancePage = () => (
  <PlaceholderPage title="Attendance" purpose="It will let you take attendance for instructor-led classes without a network." />
)

export const ImportPage = () => (
  <PlaceholderPage title="Import" purpose="It will import users and enrollments from CSV files, with a preview before anything is written." />
)

export const CertificatesPage = () => (
  <PlaceholderPage title="Certificates" purpose="It will issue certificates to students who completed a course, as PDF files." />
)
