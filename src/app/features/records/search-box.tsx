import { useEffect, useState } from 'react';

const DEBOUNCE_MS = 300;

/** Search by record or object id; writes to the URL once typing pauses. */
export function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const [text, setText] = useState(value);
  // Follow the URL when it changes from elsewhere (back button, "Clear filters").
  const [lastValue, setLastValue] = useState(value);
  if (value !== lastValue) {
    setLastValue(value);
    setText(value);
  }

  useEffect(() => {
    if (text.trim() === value) return;
    const timer = window.setTimeout(() => onSearch(text.trim()), DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text, value, onSearch]);

  return (
    <input
      type="search"
      maxLength={100}
      aria-label="Search records"
      placeholder="Number, name, amount, error or id…"
      value={text}
      onChange={(event) => setText(event.target.value)}
      className="h-8 w-64 rounded-md border border-slate-300 bg-white px-2.5 text-sm placeholder:text-slate-400 focus:border-indigo-500 focus:ring-1 focus:ring-indigo-500 focus:outline-none"
    />
  );
}
