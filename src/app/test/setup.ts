import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { toast } from 'sonner';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { server } from './server';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  // Sonner keeps its toasts in a module-level store and replays them to a new Toaster.
  toast.dismiss();
  server.resetHandlers();
  server.events.removeAllListeners();
});
afterAll(() => server.close());
