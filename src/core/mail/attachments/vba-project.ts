import * as CFB from 'cfb';
import { decompressOvba } from './ms-ovba.js';

/** One VBA module as stored in a project: its name and decompressed source. */
export interface VbaModule {
  readonly name: string;
  readonly source: string;
}

export interface VbaProject {
  readonly modules: readonly VbaModule[];
  /** Problems met while reading (a corrupt dir stream, a missing module stream). */
  readonly problems: readonly string[];
}

interface ModuleRecord {
  name: string;
  streamName: string;
  offset: number;
}

const LATIN1 = new TextDecoder('latin1');
const MAX_RECORDS = 100_000;

/**
 * Reads the module list from a decompressed `dir` stream (MS-OVBA 2.3.4.2). Records are
 * id/size/data triples, except PROJECTVERSION whose size field understates its data by two bytes.
 */
export function parseDirStream(dir: Uint8Array): { readonly modules: readonly ModuleRecord[]; readonly complete: boolean } {
  const modules: ModuleRecord[] = [];
  const view = new DataView(dir.buffer, dir.byteOffset, dir.byteLength);
  let current: ModuleRecord | undefined;
  let position = 0;
  for (let records = 0; records < MAX_RECORDS; records += 1) {
    if (position === dir.length) return { modules, complete: true };
    if (position + 6 > dir.length) return { modules, complete: false };
    const id = view.getUint16(position, true);
    const size = view.getUint32(position + 2, true);
    const dataStart = position + 6;
    const dataLength = id === 0x0009 ? 6 : size;
    if (dataStart + dataLength > dir.length) return { modules, complete: false };
    const data = dir.subarray(dataStart, dataStart + dataLength);
    switch (id) {
      case 0x0019:
        current = { name: LATIN1.decode(data), streamName: LATIN1.decode(data), offset: 0 };
        break;
      case 0x001a:
        if (current !== undefined) current.streamName = LATIN1.decode(data);
        break;
      case 0x0031:
        if (current !== undefined && data.length >= 4) current.offset = view.getUint32(dataStart, true);
        break;
      case 0x002b:
        if (current !== undefined) modules.push(current);
        current = undefined;
        break;
      case 0x0010:
        // PROJECTTERMINATOR: the rest of the stream is not part of the record list.
        return { modules, complete: true };
      default:
        break;
    }
    position = dataStart + dataLength;
  }
  return { modules, complete: false };
}

function streamBytes(entry: CFB.CFB$Entry): Uint8Array {
  const content = entry.content;
  return content instanceof Uint8Array ? content : Uint8Array.from(content);
}

/** The storage prefixes (with trailing slash) of every VBA project in a compound file. */
export function findVbaStorages(container: CFB.CFB$Container): readonly string[] {
  const storages: string[] = [];
  for (const path of container.FullPaths) {
    if (/(?:^|\/)vba\/dir$/iu.test(path)) storages.push(path.slice(0, path.length - 'dir'.length));
  }
  return storages;
}

function findEntry(container: CFB.CFB$Container, fullPath: string): CFB.CFB$Entry | undefined {
  const wanted = fullPath.toLowerCase();
  const index = container.FullPaths.findIndex((path) => path.toLowerCase() === wanted);
  return index < 0 ? undefined : container.FileIndex[index];
}

/** Extracts the source of every module of the VBA project stored under `storage`. */
export function readVbaProject(container: CFB.CFB$Container, storage: string, maxSourceBytes: number): VbaProject {
  const problems: string[] = [];
  const dirEntry = findEntry(container, `${storage}dir`);
  if (dirEntry === undefined) return { modules: [], problems: ['no dir stream'] };
  const dir = decompressOvba(streamBytes(dirEntry), 1024 * 1024);
  if (dir.problem !== undefined) problems.push(`dir stream: ${dir.problem}`);
  const parsed = parseDirStream(dir.bytes);
  if (!parsed.complete) problems.push('dir stream: truncated record list');
  const modules: VbaModule[] = [];
  let budget = maxSourceBytes;
  for (const record of parsed.modules) {
    const entry = findEntry(container, `${storage}${record.streamName}`);
    if (entry === undefined) {
      problems.push(`module stream ${record.streamName} is missing`);
      continue;
    }
    const bytes = streamBytes(entry);
    if (record.offset > bytes.length) {
      problems.push(`module ${record.name}: source offset beyond the stream`);
      continue;
    }
    const source = decompressOvba(bytes.subarray(record.offset), Math.max(0, budget));
    if (source.problem !== undefined) problems.push(`module ${record.name}: ${source.problem}`);
    budget -= source.bytes.length;
    modules.push({ name: record.name, source: LATIN1.decode(source.bytes) });
  }
  return { modules, problems };
}
