// Plain-JSON rendering of Avro values, shared by decode.mjs and serialize.mjs.
//
// Conventions (decode output and serialize input are the same, so a value round-trips):
//   long (incl. time-micros)              -> decimal string      "9007199254740993"
//   bytes, fixed                          -> base64 string       "AP8="
//   decimal (bytes or fixed)              -> plain decimal string with the schema's scale "19.90"
//   timestamp-millis / -micros            -> ISO-8601 UTC, 3 / 6 fraction digits "2026-03-01T12:00:00.123456Z"
//   local-timestamp-millis / -micros      -> the same without the trailing Z
//   date                                  -> "YYYY-MM-DD"
//   float/double NaN and infinities       -> "NaN", "Infinity", "-Infinity"
//   int, float, double, boolean, string, enum, null -> JSON as is
//   record and map -> object, array -> array, union -> the branch's value (no wrapper)
// The custom types are passed to the client's serdes, which hand their config to avsc's
// Type.forSchema; avsc must be the instance the client uses (package.json pins it).
import avsc from 'avsc';

const { LogicalType, LongType } = avsc.types;

const MICROS_PER_MILLI = 1000n;
const DAY_MS = 86_400_000;

/** Longs as BigInt, so no value above 2^53 is rounded. */
const bigLong = LongType.__with({
  fromBuffer: (buf) => buf.readBigInt64LE(),
  toBuffer: (n) => {
    const buf = Buffer.alloc(8);
    buf.writeBigInt64LE(BigInt(n));
    return buf;
  },
  fromJSON: (json) => BigInt(json),
  toJSON: (n) => n.toString(),
  isValid: (n) => typeof n === 'bigint',
  compare: (a, b) => (a === b ? 0 : a < b ? -1 : 1),
});

function twosComplementToBigInt(buf) {
  if (buf.length === 0) {
    return 0n;
  }
  let n = BigInt('0x' + buf.toString('hex'));
  if (buf[0] & 0x80) {
    n -= 1n << BigInt(buf.length * 8);
  }
  return n;
}

function bigIntToTwosComplement(n, size) {
  let bytes = 1;
  while (n >= 1n << BigInt(bytes * 8 - 1) || n < -(1n << BigInt(bytes * 8 - 1))) {
    bytes++;
  }
  const length = size ?? bytes;
  if (bytes > length) {
    throw new Error(`decimal ${n} does not fit in ${length} bytes`);
  }
  const unsigned = n < 0n ? (1n << BigInt(length * 8)) + n : n;
  return Buffer.from(unsigned.toString(16).padStart(length * 2, '0'), 'hex');
}

/** Reads values written with the same logical type; avsc's default resolution throws. */
class SameKindLogicalType extends LogicalType {
  _resolve(type) {
    return type.typeName === this.typeName ? (v) => v : undefined;
  }
}

class DecimalType extends SameKindLogicalType {
  constructor(schema, opts) {
    super(schema, opts);
    this.scale = schema.scale ?? 0;
    this.size = schema.type === 'fixed' ? schema.size : undefined;
  }

  _fromValue(buf) {
    const unscaled = twosComplementToBigInt(buf);
    if (this.scale === 0) {
      return unscaled.toString();
    }
    const digits = (unscaled < 0n ? -unscaled : unscaled).toString().padStart(this.scale + 1, '0');
    const sign = unscaled < 0n ? '-' : '';
    return `${sign}${digits.slice(0, -this.scale)}.${digits.slice(-this.scale)}`;
  }

  _toValue(any) {
    if (Buffer.isBuffer(any)) {
      return any;
    }
    const text = String(any);
    const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
    if (!m || (m[3] ?? '').length > this.scale) {
      return undefined;
    }
    const unscaled = BigInt(m[1] + m[2] + (m[3] ?? '').padEnd(this.scale, '0'));
    return bigIntToTwosComplement(unscaled, this.size);
  }
}

class TimestampType extends SameKindLogicalType {
  constructor(schema, opts) {
    super(schema, opts);
    this.micros = schema.logicalType.endsWith('micros');
    this.local = schema.logicalType.startsWith('local-');
  }

  _fromValue(n) {
    const units = BigInt(n);
    const perMilli = this.micros ? MICROS_PER_MILLI : 1n;
    let millis = units / perMilli;
    let extra = units % perMilli;
    if (extra < 0n) {
      millis -= 1n;
      extra += perMilli;
    }
    let iso = new Date(Number(millis)).toISOString();
    if (this.micros) {
      iso = iso.replace('Z', extra.toString().padStart(3, '0') + 'Z');
    }
    return this.local ? iso.slice(0, -1) : iso;
  }

  _toValue(any) {
    if (typeof any === 'number' || typeof any === 'bigint') {
      return Number(any);
    }
    const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?(Z?)$/.exec(String(any));
    if (!m || (this.local ? m[3] === 'Z' : m[3] !== 'Z')) {
      return undefined;
    }
    const seconds = Date.parse(m[1] + 'Z') / 1000;
    if (Number.isNaN(seconds)) {
      return undefined;
    }
    const micros = BigInt(seconds) * 1_000_000n + BigInt((m[2] ?? '').padEnd(6, '0'));
    if (this.micros) {
      return Number(micros);
    }
    // A millisecond column cannot hold a sub-millisecond instant.
    return micros % MICROS_PER_MILLI === 0n ? Number(micros / MICROS_PER_MILLI) : undefined;
  }
}

class DateType extends SameKindLogicalType {
  _fromValue(days) {
    return new Date(days * DAY_MS).toISOString().slice(0, 10);
  }

  _toValue(any) {
    if (typeof any === 'number') {
      return any;
    }
    if (!/^\d{4}-\d\d-\d\d$/.test(String(any))) {
      return undefined;
    }
    const millis = Date.parse(any + 'T00:00:00Z');
    return Number.isNaN(millis) ? undefined : millis / DAY_MS;
  }
}

const LOGICAL_TYPES = {
  decimal: DecimalType,
  'timestamp-millis': TimestampType,
  'timestamp-micros': TimestampType,
  'local-timestamp-millis': TimestampType,
  'local-timestamp-micros': TimestampType,
  date: DateType,
};

/** Every long that is not the underlying type of a logical type above becomes a BigInt. */
function longHook(schema) {
  if (schema === 'long') {
    return bigLong;
  }
  if (schema && typeof schema === 'object' && schema.type === 'long' && !(schema.logicalType in LOGICAL_TYPES)) {
    return bigLong;
  }
  return undefined;
}

/** avsc options for the client's AvroSerializer and AvroDeserializer configs. */
export const avroOptions = Object.freeze({ logicalTypes: LOGICAL_TYPES, typeHook: longHook });

/** JSON text of a decoded value, following the conventions above. */
export function toJsonText(value) {
  return JSON.stringify(value, function replacer(key, v) {
    const original = this[key];
    if (Buffer.isBuffer(original)) {
      return original.toString('base64');
    }
    if (typeof v === 'bigint') {
      return v.toString();
    }
    if (typeof v === 'number' && !Number.isFinite(v)) {
      return String(v);
    }
    return v;
  });
}

/** The avsc value for a plain JSON value of the given type (the inverse of toJsonText). */
export function fromPlain(type, value) {
  if (value === null || value === undefined) {
    return value;
  }
  switch (type.typeName) {
    case 'record':
    case 'error': {
      const out = {};
      for (const field of type.fields) {
        if (field.name in value) {
          out[field.name] = fromPlain(field.type, value[field.name]);
        }
      }
      return out;
    }
    case 'array':
      return value.map((item) => fromPlain(type.itemsType, item));
    case 'map':
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromPlain(type.valuesType, v)]));
    case 'union:unwrapped':
      for (const branch of type.types) {
        try {
          const candidate = fromPlain(branch, value);
          if (branch.isValid(candidate)) {
            return candidate;
          }
        } catch {
          // Not this branch; try the next one.
        }
      }
      throw new Error(`no branch of ${JSON.stringify(type.schema())} accepts ${JSON.stringify(value)}`);
    case 'union:wrapped': {
      const [name, inner] = Object.entries(value)[0];
      const branch = type.types.find((t) => t.branchName === name);
      return { [name]: fromPlain(branch, inner) };
    }
    case 'bytes':
    case 'fixed':
      return typeof value === 'string' ? Buffer.from(value, 'base64') : value;
    case 'abstract:long':
      return BigInt(value);
    case 'float':
    case 'double':
      return typeof value === 'string' ? Number(value) : value;
    default:
      return value;
  }
}
