/**
 * A WAV file of `seconds` of silence, 16-bit mono PCM at 8 kHz (16,000 bytes a second): a format
 * every Chromium plays without proprietary codecs, and whose byte offset for a time is plain
 * arithmetic, so seeking far into it makes the player ask for bytes from far into the file.
 */
export function silentWav(seconds: number): Buffer {
  const rate = 8000;
  const dataBytes = seconds * rate * 2;
  const wav = Buffer.alloc(44 + dataBytes);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + dataBytes, 4);
  wav.write('WAVE', 8, 'ascii');
  wav.write('fmt ', 12, 'ascii');
  wav.writeUInt32LE(16, 16); // the fmt chunk's size
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(rate, 24);
  wav.writeUInt32LE(rate * 2, 28); // bytes a second
  wav.writeUInt16LE(2, 32); // bytes a frame
  wav.writeUInt16LE(16, 34); // bits a sample
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(dataBytes, 40);
  return wav;
}
