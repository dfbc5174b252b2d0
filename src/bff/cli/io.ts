import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';

export type CliIo = { input: NodeJS.ReadableStream; output: NodeJS.WritableStream };

/**
 * Reads a secret: on a terminal it is asked for twice without echo; from a pipe, the first line
 * is taken (so scripts can run `printf '%s\n' "$PASSWORD" | npm run users -- add …`).
 */
export async function readSecret(io: CliIo, prompt: string): Promise<string> {
  const tty = 'isTTY' in io.input && io.input.isTTY === true;
  if (!tty) {
    const rl = createInterface({ input: io.input, terminal: false });
    for await (const line of rl) {
      rl.close();
      return line;
    }
    throw new Error('Expected the password on standard input.');
  }
  const ask = async (question: string) => {
    io.output.write(question);
    const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
    const rl = createInterface({ input: io.input, output: muted, terminal: true });
    const answer = await rl.question('');
    rl.close();
    io.output.write('\n');
    return answer;
  };
  const first = await ask(prompt);
  if ((await ask('Again: ')) !== first) throw new Error('The two passwords differ.');
  return first;
}
