// A listbox that renders only the options in view (fixed row height), so a list of
// 10,000 rows costs the same as a list of 20. The listbox itself takes focus and points
// at the active option with aria-activedescendant; each rendered option carries its
// position (aria-posinset / aria-setsize) because most options are not in the DOM.
import type { KeyboardEvent, ReactNode } from 'react'
import { useVirtualRange } from './useVirtualRange'
import classes from './VirtualListbox.module.css'

interface VirtualListboxProps {
  id: string
  /** The accessible name. */
  label: string
  count: number
  rowHeight: number
  /** The selected option (the one open elsewhere), or -1. */
  activeIndex: number
  /** An option's content; `loaded` false draws a placeholder. */
  renderOption(index: number): { content: ReactNode; loaded: boolean }
  onRangeChange(start: number, end: number): void
  onSelect(index: number): void
  onKeyDown?(event: KeyboardEvent<HTMLDivElement>): void
  busy?: boolean
  /** Shown instead of options when the list is empty. */
  empty?: ReactNode
  overscan?: number
  className?: string
  listRef?: (element: HTMLDivElement | null) => void
}

export function optionId(listId: string, index: number): string {
  return `${listId}-option-${index}`
}

export function VirtualListbox(props: VirtualListboxProps) {
  const { id, label, count, rowHeight, activeIndex, renderOption, onRangeChange, onSelect, onKeyDown, busy, empty, overscan = 6, className, listRef } = props
  const { setRef, first, last, setScrollTop } = useVirtualRange({ count, rowHeight, overscan, activeIndex, listRef, onRangeChange })

  const options: ReactNode[] = []
  for (let index = first; index < last; index++) {
    const { content, loaded } = renderOption(index)
    const selected = index === activeIndex
    options.push(
      <div
        key={index}
        id={optionId(id, index)}
        role="option"
        aria-selected={selected}
        aria-posinset={index + 1}
        aria-setsize={count}
        aria-busy={loaded ? undefined : true}
        className={selected ? `${classes.option} ${classes.selected}` : classes.option}
        style={{ top: index * rowHeight, height: rowHeight }}
        onClick={() => loaded && onSelect(index)}
      >
        {content}
      </div>,
    )
  }

  return (
    <div className={className ? `${classes.frame} ${className}` : classes.frame}>
      <div
        ref={setRef}
        id={id}
        role="listbox"
        aria-label={label}
        aria-busy={busy}
        aria-activedescendant={activeIndex >= first && activeIndex < last ? optionId(id, activeIndex) : undefined}
        tabIndex={0}
        className={classes.scroller}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        onKeyDown={onKeyDown}
      >
        <div className={classes.spacer} style={{ height: count * rowHeight }}>
          {options}
        </div>
      </div>
      {count === 0 && empty ? <div className={classes.empty}>{empty}</div> : null}
    </div>
  )
}
