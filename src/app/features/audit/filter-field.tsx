import { useId, type ReactNode } from 'react';

/** The look every audit filter control shares. */
export const CONTROL_CLASS =
  'h-8 rounded-md border border-slate-300 bg-white text-sm text-slate-900 focus:border-indigo-500 focus:ring-1 focus:ring-indigo-500 focus:outline-none';

/** A filter's label above its control; `children` receives the id to put on the control. */
export function FilterField({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-slate-600">
        {label}
      </label>
      {children(id)}
    </div>
  );
}
