// The dialog every create and edit form opens in. Closing it (Esc, the X, a click outside,
// the form's Cancel through `guard.confirmDiscard`) and leaving the page ask first while
// the form holds unsaved changes; Esc in an open picker closes only the picker.
import { Modal, type ModalProps } from '@mantine/core'
import type { UnsavedChanges } from '../hooks/useUnsavedChanges'
import { DiscardChangesDialog } from './DiscardChangesDialog'

interface FormModalProps extends Omit<ModalProps, 'onClose'> {
  guard: UnsavedChanges
  /** Closes the form; asked first through the guard when it holds changes. */
  onClose(): void
  /** Named in the question ("the coupon"). */
  subject?: string
}

export function FormModal({ guard, onClose, subject, children, ...props }: FormModalProps) {
  return (
    <>
      <Modal
        {...props}
        onClose={() => guard.confirmDiscard(onClose)}
        // While the question is open, its own Esc and outside click answer it, not this.
        closeOnEscape={!guard.asking}
        closeOnClickOutside={!guard.asking}
      >
        {children}
      </Modal>
      <DiscardChangesDialog dialog={guard.dialog} subject={subject} />
    </>
  )
}
