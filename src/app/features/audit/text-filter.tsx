import { useEffect, useId, useState } from 'react';

const DEBOUNCE_MS = 300;

type TextFilterProps = {
  label: string;
  value: string;
  placeholder?: string;
  maxLength?: number;
  /** Why the text cannot be used as a filter yet, or undefined when it can. */
  validate?: (text: string) => string | undefined;
  onChange: (value: string) => void;
};

/** A text filter that writes to the URL once typing pauses, and only once the text is valid. */
export function TextFilter({ label, value, placeholder, maxLength, validate, onChange }: TextFilterProps) {
  const id = useId();
  const [text, setText] = useState(value);
  // Follow the URL when it changes from elsewhere (back button, "Clear filters").
  const [lastValue, setLastValue] = useState(value);
  if (value !== lastValue) {
    setLastValue(value);
    setText(value);
  }
  const trimmed = text.trim();
  const problem = trimmed ? validate?.(trimmed) : undefined;

  useEffect(() => {
    if (trimmed === value || problem) return;
    const timer = window.setTimeout(() => onChange(trimmed), DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [trimmed, value, problem, onChange]);

  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-slate-600">
        {label}
      </label>
      <input
        id={id}
        type="search"
        value={text}
        placeholder={placeholder}
        maxLength={maxLength}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onChange={(event) => setText(event.target.value)}
        className="h-8 w-64 rounded-md border border-slate-300 bg-white px-2.5 text-sm placeholder:text-slate-400 focus:border-indigo-500 focus:ring-1 focus:ring-indigo-500 focus:outline-none aria-invalid:border-red-400"
      />
      {problem && (
        <p id={`${id}-problem`} className="text-xs text-red-700">
          {problem}
        </p>
      )}
    </div>
  );
}
