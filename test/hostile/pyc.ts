/**
 * A compiled Python module (.pyc, CPython 3.11 layout) built byte by byte, so the test needs no
 * Python: the 16-byte header (magic 3495, flags, mtime, source size), then the marshalled code
 * object of `TOKEN = "<value>"`, whose constants hold the value as a short ASCII string.
 * Field order per CPython 3.11's marshal.c (w_complex_object, TYPE_CODE).
 */

const FLAG_REF = 0x80;

/** Little-endian 32-bit integer. */
function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32LE(n);
  return b;
}

/** A str: short ASCII ('z', one length byte) up to 255 characters, else ASCII ('a', four). */
function str(s: string): Buffer {
  const bytes = Buffer.from(s, "ascii");
  if (bytes.length < 256) return Buffer.concat([Buffer.from([0x7a, bytes.length]), bytes]);
  return Buffer.concat([Buffer.from([0x61]), int32(bytes.length), bytes]);
}

/** A bytes object ('s', four length bytes). */
function bytesObj(b: Buffer): Buffer {
  return Buffer.concat([Buffer.from([0x73]), int32(b.length), b]);
}

/** A small tuple (')', one count byte). */
function tuple(items: Buffer[]): Buffer {
  return Buffer.concat([Buffer.from([0x29, items.length]), ...items]);
}

/** The bytes of a .pyc whose module code assigns `value` to TOKEN. */
export function pycWithConstant(value: string, filename = "app/settings.py"): Buffer {
  // RESUME 0; LOAD_CONST 0; STORE_NAME 0; LOAD_CONST 1; RETURN_VALUE
  const code = Buffer.from([0x97, 0, 0x64, 0, 0x5a, 0, 0x64, 1, 0x53, 0]);
  const header = Buffer.concat([
    Buffer.from([0xa7, 0x0d, 0x0d, 0x0a]),
    int32(0),
    int32(1_700_000_000),
    int32(64),
  ]);
  const codeObject = Buffer.concat([
    Buffer.from([0x63 | FLAG_REF]), // TYPE_CODE
    int32(0), // argcount
    int32(0), // posonlyargcount
    int32(0), // kwonlyargcount
    int32(1), // stacksize
    int32(0), // flags
    bytesObj(code),
    tuple([str(value), Buffer.from([0x4e])]), // consts: the value, None
    tuple([str("TOKEN")]), // names
    tuple([]), // localsplusnames
    bytesObj(Buffer.alloc(0)), // localspluskinds
    str(filename),
    str("<module>"), // name
    str("<module>"), // qualname
    int32(1), // firstlineno
    bytesObj(Buffer.alloc(0)), // linetable
    bytesObj(Buffer.alloc(0)), // exceptiontable
  ]);
  return Buffer.concat([header, codeObject]);
}
