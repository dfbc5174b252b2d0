// Its own script in index.html (vite.config.ts), run before the app's entry has even arrived.
import { sendEarlyRequests } from './early-requests';

sendEarlyRequests(window.location);
