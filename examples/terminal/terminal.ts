#!/usr/bin/env -S node --import tsx
/**
 * An example external terminal program for the command driver (profiles/terminal-command.yaml): it
 * reads the request as JSON on standard input, reaches the test card and the PSAM through the local
 * sockets sscc serves (SSCC_CARD_SOCKET, SSCC_PSAM_SOCKET) or through PC/SC readers (SSCC_CARD_READER,
 * SSCC_PSAM_READER), performs the operation and prints the
 * outcome as JSON on its last line. A vendor replaces it with a bridge to their terminal.
 * SSCC_TERMINAL_CONFIG carries the terminal's configuration (terminal number, blacklist, date, and for a
 * financial or integrated terminal its kernel parameters and the simulated host's test keys).
 */
import type { CardChannel } from '../../src/apdu/channel.ts';
import { PcscChannel } from '../../src/transport/pcsc.ts';
import { CardSession } from '../../src/apdu/session.ts';
import { SocketChannel } from '../../src/terminal/socket-channel.ts';
import { performOperation, type TerminalConfig } from '../../src/terminal/operations.ts';

let input = '';
for await (const chunk of process.stdin) input += chunk;
const request = JSON.parse(input);
const raw = JSON.parse(process.env.SSCC_TERMINAL_CONFIG ?? '{}');
const config: TerminalConfig = {
  type: 'social-security',
  terminalNumber: '000000000000',
  deviceNumber: '',
  blacklist: [],
  today: '20260101',
  ...raw,
  defects: new Set<string>(raw.defects ?? []),
};
// The slots as PC/SC readers (terminal.readers in the profile), else as local sockets.
const reader = process.env.SSCC_CARD_READER;
const open = (socket: string | undefined, name: string | undefined): Promise<CardChannel> =>
  reader ? PcscChannel.open({ reader: name ?? '', timeoutSeconds: 10 }) : SocketChannel.open(socket ?? '');
const card = await open(process.env.SSCC_CARD_SOCKET, reader);
const psam = await open(process.env.SSCC_PSAM_SOCKET, process.env.SSCC_PSAM_READER);
try {
  const outcome = await performOperation(request, new CardSession(card), new CardSession(psam), card.atr, config);
  console.log(JSON.stringify(outcome));
} finally {
  await card.close();
  await psam.close();
}
