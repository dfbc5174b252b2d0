import { useEffect, useRef, type ComponentProps } from 'react';
import { cx } from '../lib/cx';
import { focusRing } from '../lib/focus-ring';

/** A native checkbox (keyboard and screen readers for free) that can also be indeterminate. */
export function Checkbox({
  indeterminate = false,
  className,
  ...props
}: Omit<ComponentProps<'input'>, 'type'> & { indeterminate?: boolean }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = indeterminate;
  }, [indeterminate]);
  return (
    <input
      ref={ref}
      type="checkbox"
      className={cx('size-4 cursor-pointer rounded border-slate-300 accent-indigo-600', focusRing, className)}
      {...props}
    />
  );
}
