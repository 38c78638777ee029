import { open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

/** fsyncs a directory so a rename inside it survives a crash. */
export async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes `data` to `path` durably: temp file (mode 0600), fsync, rename, fsync of the directory. */
export async function writeFileDurably(path: string, data: string | Buffer, tempPath = `${path}.tmp`): Promise<void> {
  const handle = await open(tempPath, 'w', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tempPath, path);
  await fsyncDirectory(dirname(path));
}
