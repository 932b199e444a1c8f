// The course's slug follows its name until the user edits it (an existing course's slug
// counts as edited); clearing the slug hands it back to the name.
import { useEffect, useState, type Dispatch, type SetStateAction } from 'react'
import type { RecordEditing } from '../../hooks/useRecordForm'
import { slugify } from '../../lib/slug'
import type { CourseValues } from './courseFormValues'

interface NameAndSlug {
  values: CourseValues
  setValues: Dispatch<SetStateAction<CourseValues>>
  set<K extends keyof CourseValues>(field: K, value: CourseValues[K]): void
  clearField(field: string): void
}

export function useCourseSlug(editing: RecordEditing, { values, setValues, set, clearField }: NameAndSlug) {
  const [slugEdited, setSlugEdited] = useState(false)

  useEffect(() => {
    if (editing) setSlugEdited(editing.mode === 'edit')
  }, [editing])

  function changeName(name: string) {
    setValues((v) => ({ ...v, name, slug: slugEdited ? v.slug : slugify(name) }))
    clearField('name')
    if (!slugEdited) clearField('slug')
  }

  function changeSlug(slug: string) {
    // Clearing the slug hands it back to the name.
    setSlugEdited(slug !== '')
    set('slug', slug === '' ? slugify(values.name) : slug)
  }

  return { slugEdited, changeName, changeSlug }
}
