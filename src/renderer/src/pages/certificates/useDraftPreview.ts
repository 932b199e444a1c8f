// The live preview: the draft as it is now, drawn a moment after the last change, with
// sample data or a real learner of a course.
import { useEffect, useRef, useState } from 'react'
import type { BinaryAnswer } from '../../../../shared/contract/binary'
import type { CertificateTemplateData } from '../../../../shared/operations/certificates'
import { lms } from '../../api/client'
import { useLocale, useT } from '../../i18n'
import { errorMessage } from '../../lib/errors'

export interface DraftPreviewState {
  answer: BinaryAnswer | null
  loading: boolean
  error: string | null
}

export function useDraftPreview(draft: CertificateTemplateData | null, previewCourse: string | null, previewLearner: string | null): DraftPreviewState {
  const [preview, setPreview] = useState<DraftPreviewState>({ answer: null, loading: false, error: null })
  const request = useRef(0)
  const t = useT()
  // The dates on the preview are in the app's language; switching it draws the page again.
  const locale = useLocale()
  useEffect(() => {
    if (!draft) return
    const id = ++request.current
    setPreview((p) => ({ ...p, loading: true }))
    // A preview the draft has moved past is cancelled: the engine stops drawing it at its next page.
    const stale = new AbortController()
    const timer = setTimeout(() => {
      const subject = previewCourse && previewLearner ? { courseId: Number(previewCourse), userId: Number(previewLearner) } : {}
      lms
        .call('certificates.previewDraft', { template: { ...draft, name: draft.name || t('certs.editor.untitled') }, ...subject, locale }, { signal: stale.signal })
        .then((answer) => id === request.current && setPreview({ answer, loading: false, error: null }))
        .catch((e: unknown) => id === request.current && setPreview((p) => ({ ...p, loading: false, error: errorMessage(e) })))
    }, 400)
    return () => {
      clearTimeout(timer)
      stale.abort()
    }
  }, [draft, previewCourse, previewLearner, locale])
  return preview
}
