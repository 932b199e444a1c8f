// The app's Mantine theme: Mantine's defaults with shades dark enough for WCAG AA
// contrast on white (blue-6 and gray-6 text, and teal text on teal-1, fall short of 4.5:1).
import { Modal, createTheme, type CSSVariablesResolver } from '@mantine/core'

/** The theme, with the labels Mantine's own controls need in the app's language. */
export const makeTheme = (labels: { closeDialog: string }) =>
  createTheme({
  primaryColor: 'blue',
  // Honour the OS "reduce motion" setting (and let tests check dialogs when they are fully shown).
  respectReducedMotion: true,
  primaryShade: { light: 8, dark: 6 },
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
  components: {
    // Mantine's close button is an icon without a name.
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': labels.closeDialog } } }),
  },
})

export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': t.colors.gray[7],
    '--mantine-color-placeholder': t.colors.gray[6],
    '--mantine-color-anchor': t.colors.blue[8],
    '--mantine-color-error': t.colors.red[8],
    '--mantine-color-teal-light': t.colors.teal[0],
  },
  dark: {},
})
