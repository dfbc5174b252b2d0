import { useState } from 'react';
import { toast } from '../lib/toast';
import { Button } from './button';

export function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  const copy = () =>
    navigator.clipboard.writeText(value).then(
      () => {
        setCopied(true);
        toast.success(`${label} copied`);
        window.setTimeout(() => setCopied(false), 1500);
      },
      () => toast.error('Could not copy to the clipboard.'),
    );
  return (
    <Button variant="ghost" size="sm" aria-label={`Copy ${label}`} onClick={() => void copy()}>
      {copied ? 'Copied' : 'Copy'}
    </Button>
  );
}
