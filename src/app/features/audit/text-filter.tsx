import { useEffect, useState } from 'react';
import { CONTROL_CLASS, FilterField } from './filter-field';

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
    <FilterField label={label}>
      {(id) => (
        <>
          <input
            id={id}
            type="search"
            value={text}
            placeholder={placeholder}
            maxLength={maxLength}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${id}-problem` : undefined}
            onChange={(event) => setText(event.target.value)}
            className={`${CONTROL_CLASS} w-64 px-2.5 placeholder:text-slate-400 aria-invalid:border-red-400`}
          />
          {problem && (
            <p id={`${id}-problem`} className="text-xs text-red-700">
              {problem}
            </p>
          )}
        </>
      )}
    </FilterField>
  );
}
